import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeDiagnostics, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface ImportCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** `from -> to` for every resolved project import. */
  readonly imports: readonly string[];
  readonly diagnostics?: readonly string[];
}

const cases: ImportCase[] = [
  {
    name: "a .js specifier that names a .ts source",
    files: { "src/main.ts": `import { x } from "./lib/x.js";`, "src/lib/x.ts": "export const x = 1;" },
    imports: ["src/main.ts -> src/lib/x.ts"],
  },
  {
    name: ".mjs → .mts and extensionless CommonJS",
    files: { "a.mts": `import { y } from "./y.mjs";`, "y.mts": "export const y = 1;", "b.js": `require("./c");`, "c.cjs": "" },
    imports: ["a.mts -> y.mts", "b.js -> c.cjs"],
  },
  {
    name: "folders with an index file",
    files: { "app.js": lines(`require("./routes");`, `require("./lib/");`), "routes/index.js": "", "lib/index.ts": "", "lib.js": "", "sub/x.js": `require("..");`, "index.js": "" },
    imports: ["app.js -> lib/index.ts", "app.js -> routes/index.js", "sub/x.js -> index.js"],
  },
  {
    name: "tsconfig paths",
    files: { "src/app.ts": lines(`import { db } from "@lib/db";`, `import cfg from "~config";`), "src/lib/db.ts": "export const db = 1;", "config/index.ts": "export default {};" },
    options: { paths: { "@lib/*": ["src/lib/*"], "~config": ["config"] } },
    imports: ["src/app.ts -> config/index.ts", "src/app.ts -> src/lib/db.ts"],
  },
  {
    name: "tsconfig paths: the longest prefix first (a name mapped as written is all prefix), and a target that is not there falls through",
    files: {
      "src/app.ts": lines(`import a from "@shop/ids";`, `import b from "@shop/ids/util";`, `import c from "@shop/legacy";`),
      "packages/ids-v2/src/index.ts": "export default 2;",
      "packages/ids/src/index.ts": "export default 1;",
      "packages/ids/lib/util.ts": "export default 3;",
      "packages/legacy/src/index.ts": "export default 4;",
    },
    options: { paths: { "@shop/*": ["packages/*/src"], "@shop/ids": ["packages/ids-v2/src"], "@shop/ids/*": ["packages/ids/lib/*"], "@shop/legacy": ["missing/legacy"] } },
    imports: ["src/app.ts -> packages/ids-v2/src/index.ts", "src/app.ts -> packages/ids/lib/util.ts", "src/app.ts -> packages/legacy/src/index.ts"],
  },
  {
    name: "tsconfig paths: of two patterns with prefixes of one length, the one written first",
    files: { "src/app.ts": lines(`import a from "@x/core-y";`, `import b from "@x/ui";`), "one/core-y.ts": "export default 1;", "two/core.ts": "export default 2;", "one/ui.ts": "export default 3;", "two/ui.ts": "export default 4;" },
    options: { paths: { "@x/*": ["one/*"], "@x/*-y": ["two/*"] } },
    imports: ["src/app.ts -> one/core-y.ts", "src/app.ts -> one/ui.ts"],
  },
  {
    name: "dynamic import() and export-from count as imports",
    files: { "a.mjs": lines(`const m = await import("./b.mjs");`, `export * from "./c.mjs";`), "b.mjs": "", "c.mjs": "" },
    imports: ["a.mjs -> b.mjs", "a.mjs -> c.mjs"],
  },
  {
    name: "an unresolvable relative import is a located warning",
    files: { "src/app.ts": lines(`import express from "express";`, "", `import { gone } from "./gone.js";`, "gone();") },
    imports: [],
    diagnostics: ["facts/unresolved-import src/app.ts:3 Cannot resolve './gone.js' imported by src/app.ts; its code is not analysed."],
  },
  {
    name: "JSON files: named whole, extensionless as require finds them, a folder's index.json; a source file comes first",
    files: {
      "app.js": lines(`require("./config.json");`, `require("./settings");`, `require("./locales");`, `require("./both");`),
      "config.json": "{}",
      "settings.json": "{}",
      "locales/index.json": "{}",
      "both.js": "",
      "both.json": "{}",
      "src/app.mjs": `import data from "../config.json" with { type: "json" };`,
    },
    imports: ["app.js -> both.js", "app.js -> config.json", "app.js -> locales/index.json", "app.js -> settings.json", "src/app.mjs -> config.json"],
  },
  {
    name: "the packages the workspace declares, by name: exports (a require's conditions), main, index, a subpath; other names stay packages",
    files: {
      "services/api/app.js": lines(`require("@ws/exported");`, `require("@ws/main");`, `require("plain");`, `require("plain/util/dates");`, `require("express");`, `require("@ws/broken");`, `require("@ws/built");`),
      "packages/exported/dist/node.js": "",
      "packages/exported/dist/default.js": "",
      "packages/main/src/main.ts": "",
      "packages/built/src/index.ts": "",
      "packages/plain/index.js": "",
      "packages/plain/util/dates.js": "",
    },
    options: {
      packageJson: { name: "ws", workspaces: ["packages/*", "services/*"] },
      packages: {
        "packages/exported": { name: "@ws/exported", exports: { ".": { types: "./dist/x.d.ts", node: "./dist/node.js", default: "./dist/default.js" } } },
        "packages/main": { name: "@ws/main", main: "src/main.js" },
        "packages/plain": { name: "plain" },
        "packages/broken": { name: "@ws/broken", main: "dist/gone.js" },
        // A TypeScript package pointing at its build (not a source): its sources under src/ stand in.
        "packages/built": { name: "@ws/built", main: "./dist/index.js", types: "./dist/index.d.ts" },
        "services/api": { name: "@ws/api" },
      },
    },
    imports: [
      "services/api/app.js -> packages/built/src/index.ts",
      "services/api/app.js -> packages/exported/dist/node.js",
      "services/api/app.js -> packages/main/src/main.ts",
      "services/api/app.js -> packages/plain/index.js",
      "services/api/app.js -> packages/plain/util/dates.js",
    ],
    diagnostics: [
      "facts/unresolved-workspace-package services/api/app.js:6 '@ws/broken' is this workspace's package in packages/broken/, but none of its entries (exports, main, src/index, index) is one of the project's source files, so its code is not analysed or copied into the unit, and npm cannot install it: point its main or exports at its sources.",
    ],
  },
  {
    name: "a package.json the workspace does not declare (an example named express) is not imported by its name",
    files: {
      "app.js": lines(`require("express");`, `require("express/lib/router");`, `require("@ws/lib");`),
      "examples/express/index.js": "",
      "examples/express/lib/router.js": "",
      "packages/lib/index.js": "",
    },
    options: {
      packageJson: { name: "ws", workspaces: ["packages/*"] },
      packages: { "examples/express": { name: "express", main: "index.js" }, "packages/lib": { name: "@ws/lib" } },
    },
    imports: ["app.js -> packages/lib/index.js"],
  },
  {
    name: "without declared workspaces, no folder's package.json is imported by its name",
    files: { "app.js": `require("@ws/lib");`, "packages/lib/index.js": "" },
    options: { packages: { "packages/lib": { name: "@ws/lib" } } },
    imports: [],
  },
  {
    name: "npm workspaces: globs at any depth, plain folders, ./ and a trailing /",
    files: {
      "app.js": lines(`require("deep");`, `require("plain");`, `require("slash");`, `require("shallow");`),
      "libs/group/deep/index.js": "",
      "tools/plain/index.js": "",
      "apps/slash/index.js": "",
      "other/shallow/index.js": "",
    },
    options: {
      packageJson: { name: "ws", workspaces: ["libs/**", "./tools/plain", "apps/*/"] },
      packages: { "libs/group/deep": { name: "deep" }, "tools/plain": { name: "plain" }, "apps/slash": { name: "slash" }, "other/shallow": { name: "shallow" } },
    },
    imports: ["app.js -> apps/slash/index.js", "app.js -> libs/group/deep/index.js", "app.js -> tools/plain/index.js"],
  },
  {
    name: "yarn's { packages, nohoist } form of workspaces",
    files: { "app.js": lines(`require("@ws/a");`, `require("@ws/b");`), "packages/a/index.js": "", "fixtures/b/index.js": "" },
    options: {
      packageJson: { name: "ws", workspaces: { packages: ["packages/*"], nohoist: ["**/react-native"] } },
      packages: { "packages/a": { name: "@ws/a" }, "fixtures/b": { name: "@ws/b" } },
    },
    imports: ["app.js -> packages/a/index.js"],
  },
  {
    name: "pnpm-workspace.yaml's packages, a ! glob excluding a folder whatever its place in the list",
    files: { "app.js": lines(`require("@ws/new");`, `require("@ws/legacy");`), "packages/new/index.js": "", "packages/legacy/index.js": "" },
    options: {
      pnpmWorkspace: lines("packages:", `  - "!packages/legacy"`, `  - "packages/*"`, ""),
      packages: { "packages/new": { name: "@ws/new" }, "packages/legacy": { name: "@ws/legacy" } },
    },
    imports: ["app.js -> packages/new/index.js"],
  },
  {
    name: "exports conditions: the first key, in written order, that the import's kind matches (require, or import, with node and default)",
    files: {
      "cjs.js": lines(`require("@ws/split");`, `require("@ws/default-first");`, `import("@ws/split");`),
      "esm.mjs": lines(`import "@ws/split";`, `import "@ws/default-first";`, `import "@ws/node-first";`),
      // TypeScript in a CommonJS package: every import is emitted as require().
      "cjs-ts.ts": `import "@ws/split";`,
      "packages/split/import.mjs": "",
      "packages/split/require.cjs": "",
      "packages/default-first/default.js": "",
      "packages/default-first/require.js": "",
      "packages/node-first/node.js": "",
      "packages/node-first/import.js": "",
    },
    options: {
      packageJson: { name: "ws", workspaces: ["packages/*"] },
      packages: {
        "packages/split": { name: "@ws/split", exports: { ".": { types: "./x.d.ts", import: "./import.mjs", require: "./require.cjs" } } },
        "packages/default-first": { name: "@ws/default-first", exports: { default: "./default.js", require: "./require.js" } },
        "packages/node-first": { name: "@ws/node-first", exports: { node: { require: "./node.js" }, import: "./import.js" } },
      },
    },
    imports: [
      "cjs-ts.ts -> packages/split/require.cjs",
      "cjs.js -> packages/default-first/default.js",
      "cjs.js -> packages/split/import.mjs",
      "cjs.js -> packages/split/require.cjs",
      "esm.mjs -> packages/default-first/default.js",
      "esm.mjs -> packages/node-first/import.js",
      "esm.mjs -> packages/split/import.mjs",
    ],
  },
  {
    name: "subpath exports: exact, patterns (the longest prefix), conditions inside; an unexported subpath is the folder's path",
    files: {
      "app.mjs": lines(`import "@ws/kit/util";`, `import "@ws/kit/features/cart";`, `import "@ws/kit/features/admin/users";`, `import "@ws/kit/src/raw.js";`),
      "packages/kit/src/util.ts": "",
      "packages/kit/src/features/cart.ts": "",
      "packages/kit/src/admin/users.mts": "",
      "packages/kit/src/raw.js": "",
    },
    options: {
      packageJson: { name: "ws", workspaces: ["packages/*"] },
      packages: {
        "packages/kit": {
          name: "@ws/kit",
          exports: { "./util": "./src/util.ts", "./features/*": "./dist/features/*.js", "./features/admin/*": { import: "./src/admin/*.mts", default: "./nowhere/*.js" } },
        },
      },
    },
    imports: ["app.mjs -> packages/kit/src/admin/users.mts", "app.mjs -> packages/kit/src/features/cart.ts", "app.mjs -> packages/kit/src/raw.js", "app.mjs -> packages/kit/src/util.ts"],
  },
  {
    name: "the require createRequire makes (named, namespace or default import of module, require('module')) loads from the file it is made for",
    files: {
      "server.mjs": lines(`import { createRequire } from "node:module";`, "const require = createRequire(import.meta.url);", `require("./routes/admin.cjs");`, `require("./config.json");`),
      "src/app.mjs": lines(
        `import * as mod from "module";`,
        `import Module from "node:module";`,
        "const load = mod.createRequire(import.meta.url);",
        `load("./lib");`,
        `Module.createRequire(new URL("../", import.meta.url))("./routes/root.cjs");`,
      ),
      "cjs/app.js": lines(`const { createRequire } = require("module");`, `const path = require("path");`, "createRequire(__filename)(`./helper`);", `require("node:module").createRequire(path.join(__dirname, "../index.js"))("./config");`),
      // A function of the program's own named createRequire is not Node's.
      "own.mjs": lines("const createRequire = () => () => undefined;", "const req = createRequire(import.meta.url);", `req("./config.json");`),
      "routes/admin.cjs": "",
      "routes/root.cjs": "",
      "src/lib.js": "",
      "cjs/helper.js": "",
      "index.js": "",
      "config.json": "{}",
    },
    imports: ["cjs/app.js -> cjs/helper.js", "cjs/app.js -> config.json", "server.mjs -> config.json", "server.mjs -> routes/admin.cjs", "src/app.mjs -> routes/root.cjs", "src/app.mjs -> src/lib.js"],
  },
  {
    name: "a tsup-style package: exports to .cjs and .mjs builds lead to the TypeScript sources, for require and import",
    files: {
      "apps/api/main.ts": lines(`import { kv } from "@ws/store/kv";`, `import { ttl } from "@ws/store/ttl";`),
      "apps/api/esm.mjs": lines(`import "@ws/store/kv";`, `import "@ws/store";`),
      "packages/store/src/index.ts": "",
      "packages/store/src/kv.ts": "",
      "packages/store/src/ttl.cts": "",
    },
    options: {
      packageJson: { name: "ws", workspaces: ["apps/*", "packages/*"] },
      packages: {
        "apps/api": { name: "@ws/api" },
        "packages/store": {
          name: "@ws/store",
          main: "./dist/index.cjs",
          exports: {
            ".": { import: "./dist/index.mjs", require: "./dist/index.cjs" },
            "./kv": { types: "./dist/kv.d.ts", import: "./dist/kv.mjs", require: "./dist/kv.cjs" },
            "./ttl": { require: "./dist/ttl.cjs" },
          },
        },
      },
    },
    imports: ["apps/api/esm.mjs -> packages/store/src/index.ts", "apps/api/esm.mjs -> packages/store/src/kv.ts", "apps/api/main.ts -> packages/store/src/kv.ts", "apps/api/main.ts -> packages/store/src/ttl.cts"],
  },
  {
    name: "a type-only import is not followed",
    files: { "a.ts": lines(`import type { T } from "./types";`, `import { type U } from "./missing";`), "types.ts": "export type T = 1;" },
    imports: [],
    diagnostics: ["facts/unresolved-import a.ts:2 Cannot resolve './missing' imported by a.ts; its code is not analysed."],
  },
];

describe("import resolution", () => {
  // Every module runs, whether or not a compile would start from it (test/facts/roots.test.ts): these are about where imports lead.
  it.each(cases)("$name", ({ files, options, imports, diagnostics }) => {
    const result = analyzeProgram(files, { ...options, everyModule: true });
    const edges = [...result.imports].flatMap(([from, targets]) => targets.map((to) => `${from} -> ${to}`)).sort();
    expect(edges).toEqual(imports);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual(diagnostics ?? []);
  });
});
