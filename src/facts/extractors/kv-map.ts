import { objectWithTag } from "../interpreter/values.js";
import type { Extractor } from "./extractor.js";

const MAP_METHODS = new Set(["get", "set", "has", "delete", "clear", "keys", "values", "entries", "forEach"]);

/** `new Map()` instances (candidates for `@klotho::persist` key-value stores) and the calls made on them. */
export const kvMaps: Extractor = {
  meta: { kind: "kv_map", description: "Maps created with new Map() and the methods called on them." },
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
    return { kind: "unknown" };
  },
};
