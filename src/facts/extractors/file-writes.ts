import { readPathOf } from "../interpreter/file-paths.js";
import { UNKNOWN, isSpecial, objectWithTag, special, stringOf, type Value } from "../interpreter/values.js";
import { inDevelopmentBranch } from "./development-only.js";
import type { CallNode, Extractor, ExtractorContext } from "./extractor.js";
import { READ_FUNCTION, readsPath } from "./file-reads.js";
import { FS_FUNCTION, FS_MODULE, FS_PROMISES } from "./fs.js";

/** Tag of a writing function taken from the callback and sync `fs` module (`import { writeFileSync } from "fs"`). */
const WRITE_FUNCTION = "fs.write-function";

/** The fs functions (callback, sync and promise forms) that write, create or replace a path, and which argument it is. */
const WRITES: ReadonlyMap<string, number> = new Map([
  ...["writeFile", "writeFileSync", "appendFile", "appendFileSync", "mkdir", "mkdirSync", "createWriteStream", "open", "openSync"].map((name): [string, number] => [name, 0]),
  ...["rename", "renameSync", "copyFile", "copyFileSync", "cp", "cpSync"].map((name): [string, number] => [name, 1]),
]);

/**
 * Files the program writes at run time by a path known when compiling: calls of the `fs` module and
 * of an `fs/promises` import (whose fact names the import, since a persisted one is a store) that
 * write, create or replace a path (`open` with a flag that does not read). A Lambda unit's folder is
 * read-only in the cloud (transform/read-only-writes.ts). A function that also reads (`copyFile`,
 * `open`) is answered by the file reads extractor, after this one has seen its call.
 */
export const fileWrites: Extractor = {
  meta: { kind: "file_write", description: "Project files and folders the code writes at run time through fs." },
  memberReads: { tags: [FS_MODULE] },
  member(object, property) {
    if (!objectWithTag(object, FS_MODULE) || !WRITES.has(property) || readsPath(property)) return undefined;
    return special(WRITE_FUNCTION, { method: { kind: "string", value: property } });
  },
  callees: { tags: [WRITE_FUNCTION, READ_FUNCTION, FS_FUNCTION] },
  call(callee, args, node, ctx) {
    if (isSpecial(callee, WRITE_FUNCTION) || isSpecial(callee, READ_FUNCTION)) {
      recordFsWrite(methodOf(callee), args, node, ctx);
      return isSpecial(callee, WRITE_FUNCTION) ? UNKNOWN : undefined;
    }
    if (callee.kind !== "special" || callee.tag !== FS_FUNCTION) return undefined;
    const store = objectWithTag(callee.data?.["store"] ?? UNKNOWN, FS_PROMISES);
    if (store) recordFsWrite(methodOf(callee), args, node, ctx, store.id);
    return undefined;
  },
  methodCalls: { tags: [FS_MODULE, FS_PROMISES] },
  method(object, method, args, node, ctx) {
    if (objectWithTag(object, FS_MODULE) && WRITES.has(method)) {
      recordFsWrite(method, args, node, ctx);
      // The file reads extractor answers a function that reads too; nothing else knows the others.
      return readsPath(method) ? undefined : UNKNOWN;
    }
    const store = objectWithTag(object, FS_PROMISES);
    if (store) recordFsWrite(method, args, node, ctx, store.id);
    return undefined;
  },
};

/** The fs function a special value taken from an fs object stands for. */
function methodOf(callee: Value): string {
  return stringOf(callee.kind === "special" ? (callee.data?.["method"] ?? UNKNOWN) : UNKNOWN) ?? "";
}

/**
 * An fs call writing the path it is given; `open` only with a flag that does not read (`"w"`, `"a"`, `"r+"`).
 * It notes a recursive `mkdir` and a call in a branch that runs only outside production (development-only.ts).
 */
function recordFsWrite(method: string, args: readonly Value[], node: CallNode, ctx: ExtractorContext, store?: string): void {
  const at = WRITES.get(method);
  const target = at === undefined ? undefined : readPathOf(args[at] ?? UNKNOWN);
  if (target === undefined) return;
  if (method === "open" || method === "openSync") {
    const flag = stringOf(args[1] ?? UNKNOWN);
    if (flag === undefined || (flag.startsWith("r") && !flag.includes("+"))) return;
  }
  const recursive = (method === "mkdir" || method === "mkdirSync") && hasRecursiveOption(node.arguments[1]);
  const development = inDevelopmentBranch(node, ctx.parent);
  ctx.emit({
    kind: "file_write",
    path: target,
    method,
    ...(store !== undefined ? { store } : {}),
    ...(recursive ? { recursive } : {}),
    ...(development ? { development } : {}),
    range: ctx.range(node),
  });
}

/** An options object literal of `mkdir` with `recursive: true` written as a literal. */
function hasRecursiveOption(argument: CallNode["arguments"][number] | undefined): true | false {
  if (argument?.type !== "ObjectExpression") return false;
  return argument.properties.some(
    (p) => p.type === "ObjectProperty" && !p.computed && p.key.type === "Identifier" && p.key.name === "recursive" && p.value.type === "BooleanLiteral" && p.value.value,
  );
}
