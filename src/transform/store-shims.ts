import type { Plan, Resource } from "../plan/index.js";
import { storeShimPath } from "./edits/services.js";

const FS_METHODS = ["readFile", "writeFile", "appendFile", "readdir", "access", "stat", "rm", "unlink", "mkdir"];

/**
 * One shim module per persisted fs import in a unit: CommonJS that exports the runtime's file
 * system under every name the user's import may use (`default`, `promises`, each method), written
 * as `exports.x =` so ES module named imports of it work too.
 */
export function storeShims(plan: Plan, unit: Resource): { path: string; contents: string }[] {
  const used = new Set(plan.edges.filter((e) => e.source === unit.id).map((e) => e.target));
  const shims: { path: string; contents: string }[] = [];
  for (const store of plan.resources) {
    if (!used.has(store.id) || (store.kind !== "persist_fs" && store.kind !== "persist_secret")) continue;
    const kind = store.kind === "persist_fs" ? "fs" : "secrets";
    const factory = kind === "fs" ? `require("../fs.js").createFs` : `require("../secrets.js").createSecrets`;
    const methods = kind === "fs" ? FS_METHODS : ["readFile"];
    const lines = [
      `// The ${kind === "fs" ? "S3 file system" : "Secrets Manager reader"} behind @klotho::persist { id = ${JSON.stringify(store.name)} }.`,
      '"use strict";',
      `const store = ${factory}({ id: ${JSON.stringify(store.name)} });`,
      ...methods.map((m) => `exports.${m} = store.${m};`),
      "exports.promises = store;",
      "exports.default = store;",
      "",
    ];
    shims.push({ path: `${unit.name}/${storeShimPath(kind, store.name)}`, contents: lines.join("\n") });
  }
  return shims;
}
