import { projectPathOf } from "../interpreter/file-paths.js";
import { UNKNOWN, objectWithTag, special, stringOf, type ObjectRef, type Value } from "../interpreter/values.js";
import type { CallNode, Extractor, ExtractorContext, Site } from "./extractor.js";
import { folderEntries } from "./folder-entries.js";

/** Tag of the object an import of the callback and sync `fs` module evaluates to. */
export const FS_MODULE = "fs";
/** Tag of the object an import of `fs/promises` (or `fs.promises`) evaluates to: a candidate store. */
export const FS_PROMISES = "fs.promises";
/** Tag of a function taken from an `fs/promises` object (`import { readFile } from "fs/promises"`). */
export const FS_FUNCTION = "fs.function";
/** Properties of `fs/promises` that are not functions, so reading them is not a use. */
const NOT_FUNCTIONS = new Set(["constants", "default", "then"]);

/**
 * `fs` and `fs/promises` imports in every form (`import fs from`, `import * as`, named imports,
 * `require`, `require("fs").promises`, `{ promises: fs } = require("fs")`, TypeScript
 * `import fs = require()`), and the calls made through `fs/promises`, with their static path.
 */
export const fsImports: Extractor = {
  meta: { kind: "fs_import", description: "fs and fs/promises imports, and the calls made through fs/promises." },
  packages: ["fs", "fs/promises"],
  module(specifier, site) {
    if (specifier === "fs/promises") return fsModule(FS_PROMISES, site);
    if (specifier === "fs") return fsModule(FS_MODULE, site);
    return undefined;
  },
  memberReads: { tags: [FS_MODULE, FS_PROMISES] },
  member(object, property, site) {
    if (objectWithTag(object, FS_MODULE)) {
      if (property === "default") return object;
      return property === "promises" && site ? fsModule(FS_PROMISES, site) : undefined;
    }
    const store = objectWithTag(object, FS_PROMISES);
    if (!store) return undefined;
    if (property === "default") return object;
    if (NOT_FUNCTIONS.has(property)) return undefined;
    return special(FS_FUNCTION, { store: object, method: { kind: "string", value: property } });
  },
  callees: { tags: [FS_FUNCTION] },
  call(callee, args, node, ctx) {
    if (callee.kind !== "special" || callee.tag !== FS_FUNCTION) return undefined;
    const store = callee.data?.["store"];
    const method = stringOf(callee.data?.["method"] ?? UNKNOWN);
    const ref = store && objectWithTag(store, FS_PROMISES);
    return ref && method !== undefined ? use(ref, method, args, node, ctx) : undefined;
  },
  methodCalls: { tags: [FS_PROMISES] },
  method(object, method, args, node, ctx) {
    const store = objectWithTag(object, FS_PROMISES);
    return store ? use(store, method, args, node, ctx) : undefined;
  },
};

/** A new `fs` or `fs/promises` object created where it is imported (or its `promises` property read). */
function fsModule(tag: string, site: Site): Value {
  const ref = site.ctx.newObject(tag, site.node);
  site.ctx.emit({ kind: "fs_import", id: ref.id, promises: tag === FS_PROMISES, range: site.ctx.range(site.node) });
  return { kind: "object", ref };
}

/**
 * A call through `fs/promises`: a use of the store, with its path when that is a static string. `readdir` of a
 * project folder (`path.join(__dirname, "routes")`, not a plain string, which may be a persisted store's key)
 * gives its listing (folder-entries.ts).
 */
function use(store: ObjectRef, method: string, args: readonly Value[], node: CallNode, ctx: ExtractorContext): Value {
  const path = stringOf(args[0] ?? UNKNOWN);
  ctx.emit({ kind: "object_use", target: store.id, method, ...(path !== undefined ? { path } : {}), range: ctx.range(node) });
  const listed = method === "readdir" && projectPathOf(args[0] ?? UNKNOWN) !== undefined;
  return { kind: "promise", value: listed ? folderEntries(args, node, ctx) : UNKNOWN };
}
