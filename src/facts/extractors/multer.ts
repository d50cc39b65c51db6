import { readPathOf } from "../interpreter/file-paths.js";
import { UNKNOWN, isSpecial, special, type Value } from "../interpreter/values.js";
import { inDevelopmentBranch } from "./development-only.js";
import type { CallNode, Extractor, ExtractorContext } from "./extractor.js";

/** Tag of the `multer` package's export: the function that makes an upload middleware factory. */
const MULTER = "multer";
/** Tag of `multer.diskStorage`, the storage that writes uploads to a folder. */
const DISK_STORAGE = "multer.diskStorage";

/**
 * multer's upload folders: `multer({ dest })` and `multer.diskStorage({ destination })` with a folder
 * (not a function) create it at once, when the module making them loads, and write every upload into it.
 * A folder klotho can place in the project is a file write (`file_write`), which fails in a Lambda
 * unit's read-only folder (transform/read-only-writes.ts).
 */
export const multerStorage: Extractor = {
  meta: { kind: "file_write", description: "multer's upload folders (dest, diskStorage's destination), created when multer is set up." },
  packages: ["multer"],
  module(specifier) {
    return specifier === "multer" ? special(MULTER) : undefined;
  },
  memberReads: { tags: [MULTER] },
  member(object, property) {
    if (!isSpecial(object, MULTER)) return undefined;
    if (property === "default") return object;
    return property === "diskStorage" ? special(DISK_STORAGE) : undefined;
  },
  callees: { tags: [MULTER, DISK_STORAGE] },
  call(callee, args, node, ctx) {
    if (isSpecial(callee, MULTER)) {
      recordFolder("multer", option(args[0], "dest"), node, ctx);
      return UNKNOWN;
    }
    if (!isSpecial(callee, DISK_STORAGE)) return undefined;
    recordFolder("multer.diskStorage", option(args[0], "destination"), node, ctx);
    return UNKNOWN;
  },
};

/** Property `name` of an options object, when the argument is one. */
function option(argument: Value | undefined, name: string): Value {
  return argument?.kind === "object" ? (argument.ref.props.get(name) ?? UNKNOWN) : UNKNOWN;
}

/** The upload folder, when it is a path klotho can place in the project (a function choosing it per file is not); noted when set up only outside production. */
function recordFolder(method: string, folder: Value, node: CallNode, ctx: ExtractorContext): void {
  const target = readPathOf(folder);
  if (target === undefined) return;
  const development = inDevelopmentBranch(node, ctx.parent);
  ctx.emit({ kind: "file_write", path: target, method, ...(development ? { development } : {}), range: ctx.range(node) });
}
