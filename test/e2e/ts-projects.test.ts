// TypeScript projects whose compiler options come from somewhere else than one tsconfig.json at the
// root, compiled by the real CLI and served through each unit's dispatcher: a tsconfig extending a
// package (@tsconfig/node20), a solution-style tsconfig.json referencing tsconfig.app.json, a monorepo
// compiled from its root whose app has its own tsconfig.json with a `paths` alias, and a workspace
// package whose exports point at tsup's `.cjs` build. Each case fails if the unit's JavaScript is not
// emitted with the right options (`(0, express_1.default) is not a function` without esModuleInterop)
// or an import is left to a module the unit does not have.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import type { FileTree } from "../helpers/temp-project.js";
import { v1Event } from "../runtime/api-gateway-events.js";
import { compileFiles, jsonOf, v1Result, type CompiledProject } from "./support.js";

const compiledProjects: CompiledProject[] = [];
afterAll(() => {
  for (const project of compiledProjects) project.remove();
});

async function compile(files: FileTree): Promise<CompiledProject> {
  const project = await compileFiles(files, "tsproj");
  compiledProjects.push(project);
  return project;
}

/** An Express app in TypeScript with a default import of express, which needs esModuleInterop when emitted as CommonJS. */
const SERVER = lines(
  `import express from "express";`,
  "const app = express();",
  `app.get("/", (_req, res) => { res.send("ok"); });`,
  `/** @klotho::expose { id = "api", target = "public" } */`,
  "app.listen(3000);",
);

describe("TypeScript projects configured beyond one root tsconfig.json", () => {
  it("a tsconfig extending @tsconfig/node20 from node_modules: the unit's CommonJS has the interop helper and answers", async () => {
    const project = await compile({
      "package.json": JSON.stringify({ name: "tsproj", main: "dist/server.js", dependencies: { express: "^4.21.0" } }),
      "node_modules/@tsconfig/node20/package.json": JSON.stringify({ name: "@tsconfig/node20", version: "20.1.4" }),
      "node_modules/@tsconfig/node20/tsconfig.json": JSON.stringify({ compilerOptions: { lib: ["es2023"], module: "node16", target: "es2022", strict: true, esModuleInterop: true, moduleResolution: "node16" } }),
      "tsconfig.json": JSON.stringify({ extends: "@tsconfig/node20/tsconfig.json", compilerOptions: { outDir: "dist", rootDir: "src" }, include: ["src"] }),
      "src/server.ts": SERVER,
    });
    expect(readFileSync(path.join(project.unitDir("main"), "src", "server.js"), "utf8")).toContain('__importDefault(require("express"))');
    const answer = v1Result(await project.handler("main")(v1Event({ path: "/" })));
    expect([answer.statusCode, answer.body]).toEqual([200, "ok"]);
  });

  it("a solution-style tsconfig.json: the options of the tsconfig.app.json it references", async () => {
    const project = await compile({
      "package.json": JSON.stringify({ name: "tsproj", main: "dist/server.js", dependencies: { express: "^4.21.0" } }),
      "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.app.json" }] }),
      "tsconfig.app.json": JSON.stringify({ compilerOptions: { composite: true, target: "ES2022", module: "commonjs", esModuleInterop: true, strict: true, outDir: "dist", rootDir: "src" }, include: ["src"] }),
      "src/server.ts": SERVER,
    });
    const answer = v1Result(await project.handler("main")(v1Event({ path: "/" })));
    expect([answer.statusCode, answer.body]).toEqual([200, "ok"]);
  });

  it("a monorepo compiled from its root: the app's tsconfig.json `paths` alias leads to the users unit's router", async () => {
    const project = await compile({
      "package.json": JSON.stringify({ name: "tsproj", private: true, workspaces: ["apps/*"] }),
      "apps/api/package.json": JSON.stringify({ name: "api", type: "module", dependencies: { express: "^4.21.0" } }),
      "apps/api/tsconfig.json": JSON.stringify({ compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true, baseUrl: ".", paths: { "@/*": ["src/*"] } } }),
      "apps/api/src/server.ts": lines(
        `import express from "express";`,
        `import { users } from "@/users.js";`,
        "const app = express();",
        `app.use("/users", users);`,
        `/** @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "apps/api/src/users.ts": lines(
        `// @klotho::execution_unit { id = "users" }`,
        `import { Router } from "express";`,
        "export const users = Router();",
        `users.get("/:id", (req, res) => { res.json({ id: req.params.id }); });`,
      ),
    });
    const plan = JSON.parse(readFileSync(path.join(project.unitDir("users"), "..", "resources.json"), "utf8")) as { resources: { kind: string; routes?: { method: string; path: string; unit: string }[] }[] };
    expect(plan.resources.find((r) => r.kind === "gateway")?.routes?.map((r) => `${r.method} ${r.path} ${r.unit}`)).toEqual(["GET /users/:id users"]);
    expect(jsonOf(v1Result(await project.handler("users")(v1Event({ path: "/users/7" }))))).toEqual({ id: "7" });
  });

  it("a workspace package whose exports point at tsup's .cjs build: its TypeScript sources go into the unit", async () => {
    const project = await compile({
      "package.json": JSON.stringify({ name: "tsproj", private: true, workspaces: ["apps/*", "packages/*"] }),
      "apps/api/package.json": JSON.stringify({ name: "@m6/api", main: "dist/main.js", dependencies: { "@m6/store": "*", express: "^4.21.0" } }),
      "apps/api/tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs", esModuleInterop: true, strict: true, outDir: "dist", rootDir: "src" } }),
      "apps/api/src/main.ts": lines(
        `import express from "express";`,
        `import { kv } from "@m6/store";`,
        `import { kv as kv2 } from "@m6/store/kv";`,
        "const app = express();",
        `app.get("/same", (_req, res) => { res.json({ same: kv === kv2 }); });`,
        `/** @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "packages/store/package.json": JSON.stringify({
        name: "@m6/store",
        main: "./dist/index.cjs",
        exports: { ".": { import: "./dist/index.js", require: "./dist/index.cjs" }, "./kv": { import: "./dist/kv.js", require: "./dist/kv.cjs" } },
      }),
      "packages/store/src/index.ts": `export { kv } from "./kv";`,
      "packages/store/src/kv.ts": "export const kv = new Map<string, string>();",
    });
    expect(jsonOf(v1Result(await project.handler("main")(v1Event({ path: "/same" }))))).toEqual({ same: true });
  });

  it("an embedded plugin the analysis never ran (a computed import picks it at run time) brings what it imports, not another unit's stand-in", async () => {
    const project = await compile({
      "package.json": JSON.stringify({ name: "tsproj", type: "module", main: "dist/index.js", dependencies: { express: "^4.21.0" } }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022", module: "nodenext", esModuleInterop: true, strict: true, outDir: "dist", resolveJsonModule: true } }),
      "index.ts": lines(
        `// @klotho::embed_assets { include = ["plugins/*.ts"] }`,
        `import express from "express";`,
        "const app = express();",
        "const first = await import(`./plugins/${process.env.PLUGIN ?? \"a\"}.js`);",
        `app.get("/first", (_req, res) => { res.json(first.run()); });`,
        "app.get(\"/p/:name\", (req, res) => { import(`./plugins/${req.params.name}.js`).then((plugin) => res.json(plugin.run()), (error) => res.status(500).json(String(error))); });",
        `/** @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "plugins/a.ts": lines(`import { util } from "../lib/util.js";`, "export const run = () => util();"),
      "plugins/b.ts": lines(`import { other } from "../lib/other.js";`, `import config from "../config.json" with { type: "json" };`, "export const run = () => `${other()} ${config.name}`;"),
      "lib/util.ts": `export const util = () => "util";`,
      "lib/other.ts": lines(`import { deep } from "./deep.js";`, "export const other = () => `other ${deep}`;"),
      "lib/deep.ts": `export const deep = "deep";`,
      "config.json": JSON.stringify({ name: "config" }),
    });
    const main = project.handler("main");
    expect(jsonOf(v1Result(await main(v1Event({ path: "/first" }))))).toBe("util");
    expect(jsonOf(v1Result(await main(v1Event({ path: "/p/b" }))))).toBe("other deep config");
    expect(jsonOf(v1Result(await main(v1Event({ path: "/p/a" }))))).toBe("util");
  });
});
