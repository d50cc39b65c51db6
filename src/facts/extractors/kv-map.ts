import type { Node } from "@babel/types";
import { ITERATOR_KEY, objectWithTag } from "../interpreter/values.js";
import type { Extractor } from "./extractor.js";
import { isPromiseHandled } from "./promise-use.js";

const MAP_METHODS = new Set(["get", "set", "has", "delete", "clear", "keys", "values", "entries", "forEach", "size"]);
/** Methods that return a promise once the Map is persisted (the kv runtime's Map is async; its `size` is a method). */
const ASYNC_METHODS = new Set(["get", "set", "has", "delete", "clear", "keys", "values", "entries", "forEach", "size"]);

/** `new Map()` instances (candidates for `@klotho::persist` key-value stores) and the calls made on them. */
export const kvMaps: Extractor = {
  meta: { kind: "kv_map", description: "Maps created with new Map(), the methods called on them and the calls whose promise is dropped." },
  construct(callee, _args, node, ctx) {
    if (node.callee.type !== "Identifier" || node.callee.name !== "Map" || callee.kind !== "unknown") return undefined;
    const map = ctx.newObject("map", node);
    ctx.emit({ kind: "kv_map", id: map.id, range: ctx.range(node) });
    return { kind: "object", ref: map };
  },
  method(object, method, _args, node, ctx) {
    const map = objectWithTag(object, "map");
    if (!map || !MAP_METHODS.has(method)) return undefined;
    ctx.emit({ kind: "object_use", target: map.id, method, range: ctx.range(node) });
    if (ASYNC_METHODS.has(method) && !isPromiseHandled(node, ctx.parent)) ctx.emit({ kind: "unawaited_call", target: map.id, method, range: ctx.range(node) });
    return { kind: "unknown" };
  },
  // What only an in-memory Map allows: reading `size` (not calling it), iterating without `await`.
  member(object, property, site) {
    const map = objectWithTag(object, "map");
    if (!map || !site) return undefined;
    const range = site.ctx.range(site.node);
    if (property === ITERATOR_KEY) site.ctx.emit({ kind: "kv_sync_use", target: map.id, use: "iteration", range });
    else if (property === "size" && !isCallee(site.node, site.ctx.parent)) site.ctx.emit({ kind: "kv_sync_use", target: map.id, use: "size", range });
    return undefined;
  },
};

/** True when the property `node` of a member expression is what is called: `map.size()`. */
function isCallee(property: Node, parent: (node: Node) => Node | undefined): boolean {
  const member = parent(property);
  const call = member ? parent(member) : undefined;
  return (call?.type === "CallExpression" || call?.type === "OptionalCallExpression") && call.callee === member;
}
