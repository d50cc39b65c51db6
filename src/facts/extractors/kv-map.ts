import type { NewExpression, Node } from "@babel/types";
import { isGlobalName } from "../../parse/bindings.js";
import type { SourceRange } from "../../util/source-range.js";
import { ITERATOR_KEY, UNKNOWN, objectWithTag, type Value } from "../interpreter/values.js";
import type { CallNode, Extractor, ExtractorContext } from "./extractor.js";
import { isPromiseHandled } from "./promise-use.js";
import { runStateKey } from "./run-state.js";
import { writtenName } from "./written-name.js";

const MAP_METHODS = new Set(["get", "set", "has", "delete", "clear", "keys", "values", "entries", "forEach", "size"]);
/** Methods that return a promise once the Map is persisted (the kv runtime's Map is async; its `size` is a method). */
const ASYNC_METHODS = new Set(["get", "set", "has", "delete", "clear", "keys", "values", "entries", "forEach", "size"]);

/** Functions of globals that iterate their first argument at once: a persisted map cannot be (`Array.from(map)`). */
const ITERATING_FUNCTIONS = new Set(["Array.from", "Object.fromEntries"]);
/** Global constructors that iterate their first argument at once (`new Map(map)`). */
const ITERATING_CONSTRUCTORS = new Set(["Map", "Set", "WeakMap", "WeakSet"]);

/** A map method's call whose result a function of the program hands back to its caller. */
interface PendingCall {
  readonly target: string;
  readonly method: string;
  readonly range: SourceRange;
}

/**
 * What async map methods return, by identity: an unknown value (an in-memory Map's `get` may hold anything,
 * and other extractors must see no more than that) that the functions returning it hand on unchanged,
 * so a call of such a function is known to give the map's promise once it is persisted.
 */
const PENDING_CALLS = runStateKey("map calls whose promise may be handed back", () => new WeakMap<Value, PendingCall>());

/** `new Map()` instances (candidates for `@klotho::persist` key-value stores) and the calls made on them. */
export const kvMaps: Extractor = {
  meta: { kind: "kv_map", description: "Maps created with new Map(), the methods called on them and the calls whose promise is dropped." },
  construct(callee, args, node, ctx) {
    if (node.callee.type !== "Identifier" || callee.kind !== "unknown") return undefined;
    if (ITERATING_CONSTRUCTORS.has(node.callee.name)) iteratedMap(args, node, ctx);
    if (node.callee.name !== "Map") return undefined;
    const map = ctx.newObject("map", node);
    ctx.emit({ kind: "kv_map", id: map.id, range: ctx.range(node) });
    return { kind: "object", ref: map };
  },
  methodCalls: { tags: ["map"], names: [...ITERATING_FUNCTIONS].map((name) => name.slice(name.lastIndexOf(".") + 1)) },
  method(object, method, args, node, ctx) {
    const called = writtenName(node.callee);
    if (called !== undefined && ITERATING_FUNCTIONS.has(called) && isGlobalName(called.split(".")[0] ?? "", node.callee, ctx.parent)) iteratedMap(args, node, ctx);
    const map = objectWithTag(object, "map");
    if (!map || !MAP_METHODS.has(method)) return undefined;
    const range = ctx.range(node);
    ctx.emit({ kind: "object_use", target: map.id, method, range });
    if (!ASYNC_METHODS.has(method)) return UNKNOWN;
    if (!isPromiseHandled(node, ctx.parent)) ctx.emit({ kind: "unawaited_call", target: map.id, method, range });
    const result: Value = { kind: "unknown" };
    ctx.runState(PENDING_CALLS).set(result, { target: map.id, method, range });
    return result;
  },
  // `res.json(getUser(id))` where `getUser` returns `users.get(id)`: the helper's promise is dropped.
  returned(result, node, ctx) {
    const pendingCalls = ctx.runState(PENDING_CALLS);
    const pending = pendingCalls.get(result) ?? (result.kind === "promise" ? pendingCalls.get(result.value) : undefined);
    if (!pending || isPromiseHandled(node, ctx.parent)) return;
    const through = writtenName(node.callee) ?? "this function";
    ctx.emit({ kind: "unawaited_call", target: pending.target, method: pending.method, through, read: pending.range, range: ctx.range(node) });
  },
  // What only an in-memory Map allows: reading `size` (not calling it), iterating without `await`.
  memberReads: { tags: ["map"] },
  member(object, property, site) {
    const map = objectWithTag(object, "map");
    if (!map || !site) return undefined;
    const range = site.ctx.range(site.node);
    if (property === ITERATOR_KEY) site.ctx.emit({ kind: "kv_sync_use", target: map.id, use: "iteration", range });
    else if (property === "size" && !isCallee(site.node, site.ctx.parent)) site.ctx.emit({ kind: "kv_sync_use", target: map.id, use: "size", range });
    return undefined;
  },
};

/** `new Map(map)`, `Array.from(map)`: a map given to a built-in that iterates its first argument at once. */
function iteratedMap(args: readonly Value[], node: CallNode | NewExpression, ctx: ExtractorContext): void {
  const map = objectWithTag(args[0] ?? UNKNOWN, "map");
  const written = node.arguments[0];
  if (map && written) ctx.emit({ kind: "kv_sync_use", target: map.id, use: "iteration", range: ctx.range(written) });
}

/** True when the property `node` of a member expression is what is called: `map.size()`. */
function isCallee(property: Node, parent: (node: Node) => Node | undefined): boolean {
  const member = parent(property);
  const call = member ? parent(member) : undefined;
  return (call?.type === "CallExpression" || call?.type === "OptionalCallExpression") && call.callee === member;
}
