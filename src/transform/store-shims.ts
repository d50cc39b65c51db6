import type { StoreShim } from "./edit-context.js";
import { storeShimPath } from "./edits/services.js";
import { FS_PROMISES_FUNCTIONS, FS_RUNTIME_METHODS } from "../util/fs-runtime.js";

/**
 * The shim modules the unit's rewritten fs imports point at: CommonJS that exports the runtime's
 * file system under every name the user's import may use (`default`, `promises`, each method),
 * written as `exports.x =` so ES module named imports of it work too. Every fs/promises function the
 * runtime lacks is exported as one that throws when called (a compile error reports each call), so an
 * ES module importing one by name still loads. Every shim an import points at is written, whether or
 * not this unit calls it (a file may import storage it never uses).
 */
export function storeShims(unit: string, shims: Iterable<StoreShim>): { path: string; contents: string }[] {
  return [...shims].map((shim) => {
    const fs = shim.kind === "fs";
    const factory = fs ? `require("../fs.js").createFs` : `require("../secrets.js").createSecrets`;
    const methods = fs ? FS_RUNTIME_METHODS : ["readFile"];
    const missing = fs ? FS_PROMISES_FUNCTIONS.filter((name) => !methods.includes(name)) : [];
    const lines = [
      `// The ${fs ? "S3 file system" : "Secrets Manager reader"} behind @klotho::persist { id = ${JSON.stringify(shim.id)} }.`,
      '"use strict";',
      `const store = ${factory}({ id: ${JSON.stringify(shim.id)} });`,
      ...methods.map((m) => `exports.${m} = store.${m};`),
      ...(missing.length > 0
        ? [
            "const unsupported = (name) => async () => {",
            // An id is letters, digits and `_.:/-` (the annotation's schema): safe in a template literal.
            `  throw Object.assign(new Error(\`klotho: fs.\${name} is not supported on the S3 file system of @klotho::persist '${shim.id}'\`), { code: "ENOTSUP" });`,
            "};",
            ...missing.map((m) => `exports.${m} = unsupported(${JSON.stringify(m)});`),
          ]
        : []),
      ...(fs ? ['exports.constants = require("node:fs").constants;'] : []),
      "exports.promises = store;",
      "exports.default = store;",
      "",
    ];
    return { path: `${unit}/${storeShimPath(shim.kind, shim.id)}`, contents: lines.join("\n") };
  });
}

