import path from "node:path";
import { readPathOf } from "../interpreter/file-paths.js";
import { UNKNOWN, isSpecial, objectWithTag, special, stringOf, type Value } from "../interpreter/values.js";
import type { CallNode, Extractor, ExtractorContext } from "./extractor.js";
import { folderEntries, listingCallback } from "./folder-entries.js";
import { FS_FUNCTION, FS_MODULE, FS_PROMISES } from "./fs.js";

/** Tag of a reading function taken from the callback and sync `fs` module (`import { readFileSync } from "fs"`). */
export const READ_FUNCTION = "fs.read-function";

/** How an fs function uses the path it is given first. */
interface ReadKind {
  /** It reads the files in the folder (lists them, to read them next). */
  readonly folder?: true;
  /** It only asks whether the path exists. */
  readonly probe?: true;
}

const FILE: ReadKind = {};
const FOLDER: ReadKind = { folder: true };
const PROBE: ReadKind = { probe: true };

/** The fs functions (callback, sync and promise forms) whose first argument is a path read at run time. */
const READS: ReadonlyMap<string, ReadKind> = new Map([
  ...["readFile", "readFileSync", "createReadStream", "open", "openSync", "copyFile", "copyFileSync"].map((name): [string, ReadKind] => [name, FILE]),
  ...["readdir", "readdirSync", "opendir", "opendirSync"].map((name): [string, ReadKind] => [name, FOLDER]),
  ...["exists", "existsSync", "access", "accessSync", "stat", "statSync", "lstat", "lstatSync"].map((name): [string, ReadKind] => [name, PROBE]),
]);

/** Whether an fs function (callback, sync or promise form) reads the path it is given first: this extractor answers its calls. */
export function readsPath(method: string): boolean {
  return READS.has(method);
}

/** The response methods that send a file (Express's `res.sendFile` and `res.download`). */
const RESPONSE_READS = new Set(["sendFile", "download"]);

/**
 * Files the program reads at run time by a path known when compiling: calls of the `fs` module
 * and of a `fs/promises` import (whose fact names the import, since a persisted one is a store),
 * and Express's `res.sendFile(path)` / `res.download(path)` (an absolute path, or one under the
 * `root` option). The units carry what they read (units/file-reads.ts).
 */
export const fileReads: Extractor = {
  meta: { kind: "file_read", description: "Project files and folders the code reads at run time through fs, res.sendFile and res.download." },
  memberReads: { tags: [FS_MODULE] },
  member(object, property) {
    if (!objectWithTag(object, FS_MODULE) || !READS.has(property)) return undefined;
    return special(READ_FUNCTION, { method: { kind: "string", value: property } });
  },
  callees: { tags: [READ_FUNCTION, FS_FUNCTION] },
  call(callee, args, node, ctx) {
    if (isSpecial(callee, READ_FUNCTION)) {
      const method = stringOf(callee.kind === "special" ? (callee.data?.["method"] ?? UNKNOWN) : UNKNOWN) ?? "";
      recordFsRead(method, args, node, ctx);
      return readResult(method, args, node, ctx);
    }
    if (callee.kind !== "special" || callee.tag !== FS_FUNCTION) return undefined;
    const store = objectWithTag(callee.data?.["store"] ?? UNKNOWN, FS_PROMISES);
    // The fs extractor records the call as a use of the import; here it is only seen.
    if (store) recordFsRead(stringOf(callee.data?.["method"] ?? UNKNOWN) ?? "", args, node, ctx, store.id);
    return undefined;
  },
  methodCalls: { tags: [FS_MODULE, FS_PROMISES], names: [...RESPONSE_READS] },
  method(object, method, args, node, ctx) {
    if (objectWithTag(object, FS_MODULE) && READS.has(method)) {
      recordFsRead(method, args, node, ctx);
      return readResult(method, args, node, ctx);
    }
    const store = objectWithTag(object, FS_PROMISES);
    if (store) recordFsRead(method, args, node, ctx, store.id);
    else if (RESPONSE_READS.has(method)) recordResponseRead(method, args, node, ctx);
    return undefined;
  },
};

/**
 * What a call of the callback and sync `fs` module gives: a listing of a project folder for `readdirSync`,
 * and for `readdir` the same handed to its callback (folder-entries.ts); unknown for the rest.
 */
function readResult(method: string, args: readonly Value[], node: CallNode, ctx: ExtractorContext): Value {
  if (method === "readdirSync") return folderEntries(args, node, ctx);
  const callback = method === "readdir" ? listingCallback(args) : undefined;
  if (callback?.kind === "function") ctx.invoke(callback.fn, [UNKNOWN, folderEntries(args, node, ctx)]);
  return UNKNOWN;
}

/** An fs call reading its first argument; `open` with a flag that does not read (`"w"`, `"a"`) is a write. */
function recordFsRead(method: string, args: readonly Value[], node: CallNode, ctx: ExtractorContext, store?: string): void {
  const kind = READS.get(method);
  const target = readPathOf(args[0] ?? UNKNOWN);
  if (!kind || target === undefined) return;
  const flag = method.startsWith("open") && method !== "opendir" && method !== "opendirSync" ? stringOf(args[1] ?? UNKNOWN) : undefined;
  if (flag !== undefined && !flag.startsWith("r")) return;
  ctx.emit({
    kind: "file_read",
    path: target,
    folder: kind.folder === true,
    ...(kind.probe ? { probe: true as const } : {}),
    method,
    ...(store !== undefined ? { store } : {}),
    range: ctx.range(node),
  });
}

/**
 * `res.sendFile(path, { root })` / `res.download(path, [name], { root })`: Express sends an
 * absolute path (a project path here), or a path under `root`; a relative path without `root` throws.
 */
function recordResponseRead(method: string, args: readonly Value[], node: CallNode, ctx: ExtractorContext): void {
  const [first = UNKNOWN, ...rest] = args;
  const options = rest.slice(0, 2).find((arg) => arg.kind === "object");
  const rootValue = options?.kind === "object" ? options.ref.props.get("root") : undefined;
  let target: string | undefined;
  if (rootValue !== undefined) {
    const root = readPathOf(rootValue);
    target = root !== undefined && first.kind === "string" ? path.posix.normalize(path.posix.join(root, first.value)).replace(/\/+$/, "") : undefined;
  } else if (first.kind === "special") {
    target = readPathOf(first);
  }
  if (target === undefined || target === "") return;
  ctx.emit({ kind: "file_read", path: target, folder: false, method, range: ctx.range(node) });
}
