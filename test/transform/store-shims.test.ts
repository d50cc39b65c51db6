// The shim a persisted fs import is rewritten to: the runtime's file system under every name an import
// may use. An ES module naming a function the runtime lacks must still load (the compile reports its calls).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { storeShims } from "../../src/transform/store-shims.js";
import { FS_PROMISES_FUNCTIONS, FS_RUNTIME_METHODS } from "../../src/util/fs-runtime.js";
import { RUNTIME_DIR, requireRuntime } from "../runtime/runtime-modules.js";

// Inside the repository's node_modules, so the runtime finds the AWS SDK as a unit's installed packages would.
const scratch = mkdtempSync(path.join(RUNTIME_DIR, "..", "node_modules", ".klotho-shim-test-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe("fs store shims", () => {
  it("lists exactly the functions the runtime's file system implements, and every name of Node's fs/promises", async () => {
    expect([...requireRuntime("fs.js").METHODS]).toEqual(FS_RUNTIME_METHODS);
    for (const method of FS_RUNTIME_METHODS) expect(FS_PROMISES_FUNCTIONS).toContain(method);
    const node = Object.keys(await import("node:fs/promises")).filter((name) => name !== "default");
    expect(node.filter((name) => name !== "constants" && !FS_PROMISES_FUNCTIONS.includes(name))).toEqual([]);
  });

  it("loads under an ES module importing any fs/promises function by name; one the runtime lacks throws ENOTSUP when called", async () => {
    const [shim] = storeShims("api", [{ kind: "fs", id: "docs" }]);
    if (!shim) throw new Error("no shim");
    const unit = path.join(scratch, "api");
    mkdirSync(path.join(unit, "klotho_runtime"), { recursive: true });
    cpSync(RUNTIME_DIR, path.join(unit, "klotho_runtime"), { recursive: true });
    const shimFile = path.join(scratch, shim.path);
    mkdirSync(path.dirname(shimFile), { recursive: true });
    writeFileSync(shimFile, shim.contents);
    const user = path.join(unit, "user.mjs");
    writeFileSync(user, `import fs, { readFile, rename, cp, glob, constants } from "./klotho_runtime/stores/fs-docs.js";\nexport { fs, readFile, rename, cp, glob, constants };\n`);
    const loaded = (await import(pathToFileURL(user).href)) as Record<string, unknown>;
    expect(loaded["constants"]).toMatchObject({ COPYFILE_EXCL: 1 });
    expect(typeof loaded["readFile"]).toBe("function");
    expect(typeof loaded["rename"]).toBe("function");
    const cp = loaded["cp"] as (from: string, to: string) => Promise<void>;
    await expect(cp("a", "b")).rejects.toMatchObject({ code: "ENOTSUP", message: "klotho: fs.cp is not supported on the S3 file system of @klotho::persist 'docs'" });
  });
});
