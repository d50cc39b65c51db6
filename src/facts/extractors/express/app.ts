import { readPathOf } from "../../interpreter/file-paths.js";
import { UNKNOWN, isSpecial, special, type Value } from "../../interpreter/values.js";
import type { Node } from "@babel/types";
import type { Extractor, ExtractorContext } from "../extractor.js";

/** The value of `express.static(dir)`; `data.folder` is the served folder (project-relative) when it is known. */
export const EXPRESS_STATIC_HANDLER = "express.static-handler";

/** `express()` apps and `express.Router()` routers, however express is imported. */
export const expressApps: Extractor = {
  meta: { kind: "http_app", description: "Express applications (express()) and routers (express.Router())." },
  packages: ["express"],
  module(specifier) {
    return specifier === "express" ? special("express") : undefined;
  },
  memberReads: { tags: ["express"] },
  member(object, property) {
    if (!isSpecial(object, "express")) return undefined;
    if (property === "Router") return special("express.Router");
    if (property === "static") return special("express.static");
    if (property === "default") return object;
    return undefined;
  },
  callees: { tags: ["express", "express.Router", "express.static"] },
  call(callee, args, node, ctx) {
    return isSpecial(callee, "express.static") ? staticHandler(args[0] ?? UNKNOWN, node, ctx) : create(callee, node, ctx);
  },
  construct(callee, _args, node, ctx) {
    return create(callee, node, ctx);
  },
};

/**
 * `express.static(dir)`: a handler serving the files of a folder (relative to the working folder, the
 * project root), which it reads at run time; mounting it is recorded in mounts.ts.
 */
function staticHandler(dir: Value, node: Node, ctx: ExtractorContext): Value {
  const folder = readPathOf(dir);
  if (folder === undefined) return special(EXPRESS_STATIC_HANDLER);
  ctx.emit({ kind: "file_read", path: folder, folder: true, method: "express.static", range: ctx.range(node) });
  return special(EXPRESS_STATIC_HANDLER, { folder: { kind: "string", value: folder } });
}

function create(callee: Value, node: Node, ctx: ExtractorContext): Value | undefined {
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
