import { isSpecial, special, type Value } from "../../interpreter/values.js";
import type { Node } from "@babel/types";
import type { Extractor, ExtractorContext } from "../extractor.js";

/** The value of `express.static(dir)`. */
export const EXPRESS_STATIC_HANDLER = "express.static-handler";

/** `express()` apps and `express.Router()` routers, however express is imported. */
export const expressApps: Extractor = {
  meta: { kind: "http_app", description: "Express applications (express()) and routers (express.Router())." },
  module(specifier) {
    return specifier === "express" ? special("express") : undefined;
  },
  member(object, property) {
    if (!isSpecial(object, "express")) return undefined;
    if (property === "Router") return special("express.Router");
    if (property === "static") return special("express.static");
    if (property === "default") return object;
    return undefined;
  },
  call(callee, _args, node, ctx) {
    return create(callee, node, ctx);
  },
  construct(callee, _args, node, ctx) {
    return create(callee, node, ctx);
  },
};

function create(callee: Value, node: Node, ctx: ExtractorContext): Value | undefined {
  // `express.static(dir)`: a handler serving files from disk (see mounts.ts).
  if (isSpecial(callee, "express.static")) return special(EXPRESS_STATIC_HANDLER);
  if (isSpecial(callee, "express")) {
    const app = ctx.newObject("express.app", node);
    ctx.emit({ kind: "http_app", framework: "express", id: app.id, range: ctx.range(node) });
    return { kind: "object", ref: app };
  }
  if (isSpecial(callee, "express.Router")) {
    const router = ctx.newObject("express.router", node);
    ctx.emit({ kind: "http_router", framework: "express", id: router.id, range: ctx.range(node) });
    return { kind: "object", ref: router };
  }
  return undefined;
}
