import type { StoreShim } from "./edit-context.js";
import { storeShimPath } from "./edits/services.js";

const FS_METHODS = ["readFile", "writeFile", "appendFile", "readdir", "access", "stat", "rm", "unlink", "mkdir"];

/**
 * The shim modules the unit's rewritten fs imports point at: CommonJS that exports the runtime's
 * file system under every name the user's import may use (`default`, `promises`, each method),
 * written as `exports.x =` so ES module named imports of it work too. Every shim an import points
 * at is written, whether or not this unit calls it (a file may import storage it never uses).
 */
export function storeShims(unit: string, shims: Iterable<StoreShim>): { path: string; contents: string }[] {
  return [...shims].map((shim) => {
    const factory = shim.kind === "fs" ? `require("../fs.js").createFs` : `require("../secrets.js").createSecrets`;
    const methods = shim.kind === "fs" ? FS_METHODS : ["readFile"];
    const lines = [
      `// The ${shim.kind === "fs" ? "S3 file system" : "Secrets Manager reader"} behind @klotho::persist { id = ${JSON.stringify(shim.id)} }.`,
      '"use strict";',
      `const store = ${factory}({ id: ${JSON.stringify(shim.id)} });`,
      ...methods.map((m) => `exports.${m} = store.${m};`),
      "exports.promises = store;",
      "exports.default = store;",
      "",
    ];
    return { path: `${unit}/${storeShimPath(shim.kind, shim.id)}`, contents: lines.join("\n") };
  });
}

