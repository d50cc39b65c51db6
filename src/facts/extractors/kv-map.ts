import { objectWithTag } from "../interpreter/values.js";
import type { Extractor } from "./extractor.js";
import { isPromiseHandled } from "./promise-use.js";

const MAP_METHODS = new Set(["get", "set", "has", "delete", "clear", "keys", "values", "entries", "forEach"]);
/** Methods that return a promise once the Map is persisted (the kv runtime's Map is async). */
const ASYNC_METHODS = new Set(["get", "set", "has", "delete", "clear", "keys", "values", "entries"]);

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
};
