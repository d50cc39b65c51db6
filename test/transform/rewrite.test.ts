import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseFile } from "../../src/parse/parse-file.js";
import { lines } from "../helpers/program.js";
import { runCli } from "../helpers/run-cli.js";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures", "express");
const scratch = mkdtempSync(path.join(os.tmpdir(), "klotho-transform-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

async function compileFixture(name: string, root = FIXTURES): Promise<string> {
  const cwd = mkdtempSync(path.join(scratch, `${name}-`));
  const result = await runCli([path.join(root, name), "--app", "pugs", "--provider", "aws", "-o", "compiled"], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return path.join(cwd, "compiled");
}

/** Writes `files` as the project `project` under the scratch folder and compiles it. */
async function compileFiles(files: Readonly<Record<string, string>>): Promise<{ source: (file: string) => string; output: (file: string) => string }> {
  const project = mkdtempSync(path.join(scratch, "project-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
    writeFileSync(path.join(project, file), text);
  }
  const compiled = await compileFixture(path.basename(project), scratch);
  return { source: (file) => readFileSync(path.join(project, file), "utf8"), output: (file) => readFileSync(path.join(compiled, file), "utf8") };
}

/** The 1-based numbers of the lines that differ, comparing only the original's lines. */
function changedLines(original: string, rewritten: string): number[] {
  const before = original.split("\n");
  const after = rewritten.split("\n");
  return before.flatMap((line, i) => (after[i] === line ? [] : [i + 1]));
}

describe("rewritten unit code keeps the user's lines", () => {
  it("changes only the annotated listen, the other unit's mount and import, and the persisted stores", async () => {
    const compiled = await compileFixture("seed-two-units");
    const source = (file: string) => readFileSync(path.join(FIXTURES, "seed-two-units", file), "utf8");
    const output = (file: string) => readFileSync(path.join(compiled, file), "utf8");
    // index.js in the pugs unit: adopt's require (line 3) and mount (line 15) dropped, listen (line 18) replaced
    expect(changedLines(source("index.js"), output("pugs/index.js"))).toEqual([3, 15, 18]);
    expect(changedLines(source("index.js"), output("adopt/index.js"))).toEqual([2, 14, 18]);
    expect(output("pugs/index.js").split("\n")[17]).toBe('require("./klotho_runtime/app-registry.js").registerApp(app, 3000);');
    // the store and the redis client
    expect(changedLines(source("pugs.js"), output("pugs/pugs.js"))).toEqual([13]);
    expect(output("pugs/pugs.js").split("\n")[12]).toBe('const store = new (require("./klotho_runtime/keyvalue.js").KVMap)({"id":"dogs"});');
    expect(changedLines(source("adopt.js"), output("adopt/adopt.js"))).toEqual([12]);
    expect(output("adopt/adopt.js")).toContain('createClient(require("./klotho_runtime/redis.js").nodeOptions("cache"))');
    // each rewritten file ends with a link to its source map, kept in klotho_runtime/ (not beside the
    // file, where a loop loading every file of the folder would load it), which maps back to the original
    expect(output("pugs/pugs.js").trimEnd().endsWith("//# sourceMappingURL=klotho_runtime/source-maps/pugs.js.map")).toBe(true);
    const map = JSON.parse(output("pugs/klotho_runtime/source-maps/pugs.js.map")) as { file: string; sources: string[]; sourcesContent: string[] };
    expect(map.file).toBe("../../pugs.js");
    expect(map.sources).toEqual(["../../pugs.js"]);
    expect(map.sourcesContent).toEqual([source("pugs.js")]);
  });

  it("keeps a unit's folder to its own files", async () => {
    const compiled = await compileFixture("seed-two-units");
    const pugs = JSON.parse(readFileSync(path.join(compiled, "resources.json"), "utf8")) as { resources: { id: string; files?: string[] }[] };
    expect(pugs.resources.find((r) => r.id === "exec_unit:pugs")?.files).toEqual(["index.js", "pugs.js"]);
    expect(() => readFileSync(path.join(compiled, "pugs", "adopt.js"))).toThrow(/ENOENT/);
  });

  it("emits runnable ES module JavaScript for TypeScript, with path aliases pinned to relative files", async () => {
    const compiled = await compileFixture("ts-esm");
    const server = readFileSync(path.join(compiled, "notes", "src", "server.js"), "utf8");
    expect(server).toContain('import { store } from "./lib/store.js";');
    expect(server).toContain("await __klotho_app_registry.registerApp(app, Number(process.env.PORT ?? 8080));");
    expect(server).toContain('import * as __klotho_app_registry from "../klotho_runtime/app-registry.js";');
    expect(server).not.toMatch(/: Request|: Response/);
    const store = readFileSync(path.join(compiled, "notes", "src", "lib", "store.js"), "utf8");
    // Its types deleted (strip-types.ts), the rewritten line is as klotho wrote it.
    expect(store).toContain('export const store = new (__klotho_keyvalue.KVMap)({"id":"notes-store"});');
  });

  it("keeps every other line in place around multi-line listen calls and imports of other units' files", async () => {
    const { source, output } = await compileFiles({
      "package.json": JSON.stringify({ name: "lines", type: "module" }),
      "index.js": lines(
        `import http from "node:http";`,
        `import express from "express";`,
        "import {",
        "  ordersRouter,",
        "  LIMIT as limit,",
        `} from "./orders.js";`,
        "const app = express();",
        `app.get("/", (req, res) => res.json({ limit }));`,
        "// @klotho::expose { id = \"api\", target = \"public\" }",
        "http",
        "  .createServer(app)",
        "  .listen(",
        "    3000,",
        "    () => console.log(\"up\"),",
        "  );",
        "// the end",
      ),
      "orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, `import express from "express";`, "export const LIMIT = 3;", "export const ordersRouter = express.Router();"),
    });
    const rewritten = output("main/index.js").split("\n");
    expect(parseFile({ path: "index.js", text: output("main/index.js"), moduleKind: "esm" }).diagnostics).toEqual([]);
    expect(changedLines(source("index.js"), output("main/index.js"))).toEqual([3, 4, 5, 6, 10, 11, 12, 13]);
    expect(rewritten.slice(2, 6)).toEqual([
      `const { ordersRouter, LIMIT: limit } = __klotho_other_unit.otherUnit("./orders.js"); /* klotho: './orders.js' runs in another unit */ /*`,
      "",
      "",
      "*/",
    ]);
    expect(rewritten.slice(9, 16)).toEqual([
      "__klotho_app_registry.registerApp(http",
      "  .createServer(app), /*",
      "",
      "*/ 3000,",
      "    () => console.log(\"up\"),",
      "  );",
      "// the end",
    ]);
  });

  it("stands in another unit's file loaded by a require createRequire makes, and carries the JSON it loads", async () => {
    const { output } = await compileFiles({
      "package.json": JSON.stringify({ name: "made", type: "module", dependencies: { express: "^4.21.0" } }),
      "server.js": lines(
        `import express from "express";`,
        `import * as nodeModule from "node:module";`,
        "const load = nodeModule.createRequire(import.meta.url);",
        `const admin = load("./routes/admin.cjs");`,
        `const config = load("./config.json");`,
        "const app = express();",
        `app.get("/version", (req, res) => res.json({ version: config.version }));`,
        "app.use(config.prefix, admin);",
        `app.use("/audit", nodeModule.createRequire(import.meta.url)("./routes/audit.cjs"));`,
        `/** @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "config.json": JSON.stringify({ version: "1.2.3", prefix: "/admin" }),
      "routes/admin.cjs": lines(`// @klotho::execution_unit { id = "admin" }`, `const router = require("express").Router();`, `router.get("/settings", (req, res) => res.json({}));`, "module.exports = router;"),
      "routes/audit.cjs": lines(`// @klotho::execution_unit { id = "audit" }`, `const router = require("express").Router();`, `router.get("/log", (req, res) => res.json([]));`, "module.exports = router;"),
    });
    const main = output("main/server.js").split("\n");
    expect(main[3]).toBe(`const admin = __klotho_other_unit.otherUnit("./routes/admin.cjs") /* klotho: './routes/admin.cjs' runs in another unit */;`);
    expect(main[4]).toBe(`const config = load("./config.json");`);
    expect(JSON.parse(output("main/config.json"))).toEqual({ version: "1.2.3", prefix: "/admin" });
    expect(output("admin/server.js").split("\n")[3]).toBe(`const admin = load("./routes/admin.cjs");`);
    const resources = JSON.parse(output("resources.json")) as { resources: { id: string; routes?: { path: string; unit: string }[] }[] };
    const routes = resources.resources.find((r) => r.id === "gateway:api")?.routes?.map((r) => `${r.path} ${r.unit}`);
    expect(routes).toEqual(["/admin/settings admin", "/audit/log audit", "/version main"]);
  });

  // A container listens where its Dockerfile's PORT, the task definition and the load balancer say.
  it("makes a container unit's annotated listen use process.env.PORT on every interface, keeping a callback and the rest of an options object", async () => {
    const server = (id: string, listen: string): string =>
      lines(`// @klotho::execution_unit { id = "${id}" }`, `const express = require("express");`, "const app = express();", "const port = 8080, HOST = \"::\";", `app.get("/${id}", (req, res) => res.end());`, `/* @klotho::expose { id = "${id}-api", target = "public" } */`, listen);
    const cases: Record<string, [string, string]> = {
      literal: ["app.listen(8080, () => console.log(\"up\"));", "app.listen(process.env.PORT /* klotho: was 8080 */, \"0.0.0.0\", () => console.log(\"up\"));"],
      callback: ["app.listen(() => console.log(\"up\"));", "app.listen(process.env.PORT, \"0.0.0.0\", () => console.log(\"up\"));"],
      bare: ["app.listen();", "app.listen(process.env.PORT, \"0.0.0.0\");"],
      variable: ["app.listen(port);", "app.listen(process.env.PORT /* klotho: was port */, \"0.0.0.0\");"],
      named: ["app.listen(onListening); function onListening() {}", "app.listen(process.env.PORT, \"0.0.0.0\", onListening); function onListening() {}"],
      loopback: ["app.listen(port, \"localhost\", () => {});", "app.listen(process.env.PORT /* klotho: was port */, \"0.0.0.0\" /* klotho: was \"localhost\" */, () => {});"],
      hostVariable: ["app.listen(port, HOST);", "app.listen(process.env.PORT /* klotho: was port */, HOST);"],
      options: ["app.listen({ port: 8080, host: \"0.0.0.0\" });", "app.listen({ port: process.env.PORT /* klotho: was 8080 */, host: \"0.0.0.0\" });"],
      optionsLoopback: ["app.listen({ host: \"127.0.0.1\", port: 8080 });", "app.listen({ host: \"0.0.0.0\" /* klotho: was \"127.0.0.1\" */, port: process.env.PORT /* klotho: was 8080 */ });"],
      shorthand: ["app.listen({ port });", "app.listen({ port: process.env.PORT /* klotho: was port */, host: \"0.0.0.0\" });"],
      noPort: ["app.listen({ host: \"0.0.0.0\" });", "app.listen({ host: \"0.0.0.0\" });"],
    };
    const { output } = await compileFiles({
      "package.json": JSON.stringify({ name: "containers" }),
      "klotho.yaml": lines("execution_units:", ...Object.keys(cases).flatMap((id) => [`  ${id}:`, "    type: ecs"])),
      ...Object.fromEntries(Object.entries(cases).map(([id, [listen]]) => [`${id}.js`, server(id, listen)])),
    });
    for (const [id, [, rewritten]] of Object.entries(cases)) expect(output(`${id}/${id}.js`).split("\n")[6], id).toBe(rewritten);
  });

  it("pins a JSON module reached through a tsconfig alias to the relative path of its copy", async () => {
    const { output } = await compileFiles({
      "package.json": JSON.stringify({ name: "aliases" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs", esModuleInterop: true, resolveJsonModule: true, baseUrl: ".", paths: { "@cfg/*": ["config/*"] } } }),
      "config/data.json": "{}",
      "index.ts": lines(`import express from "express";`, `import data from "@cfg/data.json";`, "const app = express();", `app.get("/", (req, res) => res.json(data));`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);"),
    });
    expect(output("main/index.js")).toContain('require("./config/data.json")');
    expect(output("main/config/data.json")).toBe("{}");
  });

  it("points ORM clients at the unit's database, keeping the user's options however they are passed", async () => {
    const orm = 'require("./klotho_runtime/orm.js")';
    const url = (id: string): string => `${orm}.connectionString("${id}")`;
    const sequelize = (id: string, options?: string): string => `new Sequelize(${url(id)}, ${orm}.sequelizeOptions("${id}"${options === undefined ? "" : `, ${options}`}))`;
    const cases: Record<string, [string, string]> = {
      urlOptions: ["new Sequelize(process.env.DB, { logging: false })", sequelize("urlOptions", "{ logging: false }")],
      urlVariable: ["new Sequelize(process.env.DB, options)", sequelize("urlVariable", "options")],
      fourArguments: ['new Sequelize("shop", "app", secret, options)', sequelize("fourArguments", "options")],
      databaseAndUser: ["new Sequelize(database, user)", sequelize("databaseAndUser", "user")],
      optionsOnly: ['new Sequelize({ database: "shop" })', sequelize("optionsOnly", '{ database: "shop" }')],
      optionsVariable: ["new Sequelize(options)", sequelize("optionsVariable", "options")],
      urlOnly: ["new Sequelize(process.env.DB)", sequelize("urlOnly")],
      prisma: ["new PrismaClient({ datasources: { db: { url: process.env.DB } }, log: [\"query\"] })", `new PrismaClient(${orm}.prismaOptions("prisma", { datasources: { db: { url: process.env.DB } }, log: ["query"] }))`],
    };
    const { output } = await compileFiles({
      "package.json": JSON.stringify({ name: "orms" }),
      "db.js": lines(
        `const { Sequelize } = require("sequelize");`,
        `const { PrismaClient } = require("@prisma/client");`,
        "const options = { logging: false, define: { underscored: true } };",
        "const secret = process.env.SECRET;",
        `const database = "shop", user = "app";`,
        ...Object.entries(cases).flatMap(([id, [made]]) => [`// @klotho::persist { id = "${id}" }`, `exports.${id} = ${made};`]),
      ),
      "index.js": lines(`const express = require("express");`, `const db = require("./db");`, "const app = express();", `app.get("/", async (req, res) => res.json(await db.urlOnly.query("select 1")));`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);"),
    });
    const rewritten = output("main/db.js").split("\n");
    Object.entries(cases).forEach(([id, [, expected]], index) => {
      expect(rewritten[6 + 2 * index], id).toBe(`exports.${id} = ${expected};`);
    });
  });

  it("keeps every later line in place when an ORM client's call spans lines, in its options or around them", async () => {
    const { source, output } = await compileFiles({
      "package.json": JSON.stringify({ name: "orm-lines" }),
      "db.js": lines(
        `const knex = require("knex");`,
        `const { Sequelize } = require("sequelize");`,
        "// @klotho::persist { id = \"query\" }",
        "exports.query = knex({",
        `  client: "pg",`,
        `  connection: { host: "localhost" },`,
        "});",
        "// @klotho::persist { id = \"seq\" }",
        "exports.seq = new Sequelize(",
        "  process.env.DB,",
        "  { logging: false },",
        ");",
        "exports.after = 1;",
      ),
      "index.js": lines(`const express = require("express");`, `const db = require("./db");`, "const app = express();", `app.get("/", async (req, res) => res.json([await db.query("t"), await db.seq.query("select 1")]));`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);"),
    });
    expect(changedLines(source("db.js"), output("main/db.js"))).toEqual([4, 7, 9, 10, 11, 12]);
    expect(output("main/db.js").split("\n").slice(3, 7)).toEqual([
      `exports.query = knex(require("./klotho_runtime/orm.js").knexConfig("query", {`,
      `  client: "pg",`,
      `  connection: { host: "localhost" },`,
      "}));",
    ]);
    expect(output("main/db.js").split("\n")[12]).toBe("exports.after = 1;");
  });

  it("opens a `require.main === module` guard around the listen of a Lambda unit, on its own line", async () => {
    const { source, output } = await compileFiles({
      "package.json": JSON.stringify({ name: "guarded", main: "index.js" }),
      "index.js": lines(
        `const express = require("express");`,
        "const app = express();",
        `app.get("/", (req, res) => res.end());`,
        "if (require.main === module) {",
        "  // @klotho::expose { id = \"api\", target = \"public\" }",
        "  app.listen(3000);",
        "}",
        "module.exports = app;",
      ),
    });
    expect(changedLines(source("index.js"), output("main/index.js"))).toEqual([4, 6]);
    expect(output("main/index.js").split("\n").slice(3, 6)).toEqual([
      "if (true /* klotho: was require.main === module, false when klotho's runtime loads the file */) {",
      "  // @klotho::expose { id = \"api\", target = \"public\" }",
      `  require("./klotho_runtime/app-registry.js").registerApp(app, 3000);`,
    ]);
  });

  it("opens the guard of a container unit too: klotho_runtime/start.js, which runs a unit of several files, loads the entrypoint with require", async () => {
    const { output } = await compileFiles({
      "package.json": JSON.stringify({ name: "guarded", main: "index.js" }),
      "klotho.yaml": "app: guarded\nprovider: aws\nexecution_units:\n  api:\n    type: ecs\n",
      "index.js": lines(
        `// @klotho::execution_unit { id = "api" }`,
        `const express = require("express");`,
        "const app = express();",
        `require("./audit");`,
        "if (require.main === module) {",
        "  // @klotho::expose { id = \"api\", target = \"public\" }",
        "  app.listen(3000);",
        "}",
      ),
      "audit.js": lines(`// @klotho::execution_unit { id = "api" }`, "module.exports = {};"),
    });
    expect(output("api/Dockerfile")).toContain('CMD [ "node", "klotho_runtime/start.js" ]');
    expect(output("api/index.js").split("\n").slice(4, 7)).toEqual([
      "if (true /* klotho: was require.main === module, false when klotho's runtime loads the file */) {",
      "  // @klotho::expose { id = \"api\", target = \"public\" }",
      '  app.listen(process.env.PORT /* klotho: was 3000 */, "0.0.0.0");',
    ]);
  });

  const expose = `// @klotho::expose { id = "api", target = "public" }`;
  const app = [`const express = require("express");`, "const app = express();", `app.get("/", (req, res) => res.end());`];
  const esmApp = [`import express from "express";`, `import { fileURLToPath } from "node:url";`, "const app = express();"];
  it.each([
    { name: "a parameter named module", code: [...app, "function start(module) {", "  if (require.main === module) {", `    ${expose}`, "    app.listen(3000);", "  }", "}", "start(process.env.MAIN);"], opened: false },
    { name: "a loop variable named module", code: [...app, "for (const module of [1, 2]) {", "  if (!module.parent) {", `    ${expose}`, "    app.listen(3000);", "  }", "}"], opened: false },
    { name: "a var named require in the function", code: [...app, "function start() {", "  if (require.main === module) {", `    ${expose}`, "    app.listen(3000);", "  }", "  var require = (x) => x;", "}", "start();"], opened: false },
    { name: "an ES module's parameter named process", code: [...esmApp, "function start(process) {", "  if (process.argv[1] === fileURLToPath(import.meta.url)) {", `    ${expose}`, "    app.listen(3000);", "  }", "}", "start({ argv: [] });"], esm: true, opened: false },
    { name: "Node's own, with a module parameter elsewhere", code: [...app, "function load(module) { return module; }", "if (require.main === module) {", `  ${expose}`, "  app.listen(3000);", "}"], opened: true },
    { name: "an ES module's own, with a process variable elsewhere", code: [...esmApp, "function other() { const process = {}; return process; }", "if (process.argv[1] === fileURLToPath(import.meta.url)) {", `  ${expose}`, "  app.listen(3000);", "}"], esm: true, opened: true },
  ])("an entry test naming $name is left as written unless it is Node's (opened: $opened)", async ({ code, esm, opened }) => {
    const packageJson = { name: "shadowed", main: "index.js", ...(esm ? { type: "module" } : {}) };
    const { source, output } = await compileFiles({ "package.json": JSON.stringify(packageJson), "index.js": lines(...code) });
    const guard = source("index.js").split("\n").findIndex((line) => line.includes("if ("));
    const rewritten = output("main/index.js").split("\n")[guard] ?? "";
    expect(rewritten.includes("true /* klotho: was"), rewritten).toBe(opened);
  });
});
