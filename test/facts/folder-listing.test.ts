import { describe, expect, it } from "vitest";
import { sortDiagnostics } from "../../src/diagnostics/diagnostic.js";
import { createFolderListing } from "../../src/facts/interpreter/folder-listing.js";
import { formatLocation } from "../../src/util/source-range.js";
import { MAX_UNROLLED_ITEMS } from "../../src/util/analysis-limits.js";
import { analyzeUnits, lines, summarizeRoutes, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface ListingCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** The gateway's routes, `METHOD path unit file:line`. */
  readonly routes: readonly string[];
  /** `code file:line:col` of each diagnostic. */
  readonly diagnostics?: readonly string[];
}

const EXPOSE = [`// @klotho::expose { id = "api", target = "public" }`, "app.listen(3000);"];
const HEALTH = `app.get("/health", (req, res) => res.send("ok"));`;
/** Route modules that register their routes on the app they are given (form A). */
const REGISTERING: SourceTree = {
  "routes/users.js": lines("module.exports = (app) => {", `  app.get("/users", (req, res) => res.json([]));`, `  app.post("/users", (req, res) => res.json({}));`, "};"),
  "routes/pets.js": lines("module.exports = function (app) {", `  app.get("/pets/:id", (req, res) => res.json({}));`, "};"),
};
/** Route modules exporting a router (form B). */
const ROUTERS: SourceTree = {
  "routes/users.js": lines(`const { Router } = require("express");`, "const router = Router();", `router.get("/", (req, res) => res.json([]));`, `router.get("/:id", (req, res) => res.json({}));`, "module.exports = router;"),
  "routes/pets.js": lines(`const { Router } = require("express");`, "const router = Router();", `router.post("/", (req, res) => res.json({}));`, "module.exports = router;"),
};
const ESM_ROUTES: SourceTree = {
  "routes/users.js": lines("export default (app) => {", `  app.get("/users", (req, res) => res.json([]));`, "};"),
  "routes/pets.js": lines("export default function (app) {", `  app.get("/pets/:id", (req, res) => res.json({}));`, "}"),
};
const CJS_APP = [`const express = require("express");`, `const fs = require("fs");`, `const path = require("path");`, "const app = express();"];
const REGISTERED = ["GET /health main app.js:6", "GET /pets/:id main routes/pets.js:2", "GET /users main routes/users.js:2", "POST /users main routes/users.js:3"];

const cases: ListingCase[] = [
  {
    name: "form A: readdirSync(path.join(__dirname, ...)).forEach(file => require(path.join(dir, file))(app))",
    files: { "app.js": lines(...CJS_APP, `fs.readdirSync(path.join(__dirname, "routes")).forEach((file) => require(path.join(__dirname, "routes", file))(app));`, HEALTH, ...EXPOSE), ...REGISTERING },
    routes: REGISTERED,
  },
  {
    name: "form B: for...of over the listing, mounted at a path made of the file's name (path.parse, basename, replace)",
    files: {
      "app.js": lines(
        ...CJS_APP,
        `const routesDir = path.join(__dirname, "routes");`,
        `for (const f of fs.readdirSync(routesDir)) app.use("/" + path.parse(f).name, require("./routes/" + f));`,
        `for (const f of fs.readdirSync(routesDir)) app.use(\`/v2/\${path.basename(f, ".js")}\`, require(path.join(routesDir, f)));`,
        `for (const f of fs.readdirSync(routesDir)) app.use("/v3/" + f.replace(".js", ""), require(\`./routes/\${f}\`));`,
        ...EXPOSE,
      ),
      ...ROUTERS,
    },
    routes: [
      "POST /pets main routes/pets.js:3",
      "GET /users main routes/users.js:3",
      "GET /users/:id main routes/users.js:4",
      "POST /v2/pets main routes/pets.js:3",
      "GET /v2/users main routes/users.js:3",
      "GET /v2/users/:id main routes/users.js:4",
      "POST /v3/pets main routes/pets.js:3",
      "GET /v3/users main routes/users.js:3",
      "GET /v3/users/:id main routes/users.js:4",
    ],
  },
  {
    name: "a filter over the listing (kept whole), a template specifier, and a README.md beside the modules, which is skipped silently",
    files: {
      "app.js": lines(...CJS_APP, `fs.readdirSync(__dirname + "/routes").filter((f) => f.endsWith(".js")).forEach((f) => { const r = require(\`./routes/\${f}\`); r(app); });`, HEALTH, ...EXPOSE),
      ...REGISTERING,
    },
    options: { otherFiles: ["routes/README.md"] },
    routes: REGISTERED,
  },
  {
    name: "ES module: await import(pathToFileURL(path.join(dir, file)).href) in a loop over readdirSync",
    files: {
      "app.js": lines(
        `import express from "express";`,
        `import { readdirSync } from "node:fs";`,
        `import path from "node:path";`,
        `import { fileURLToPath, pathToFileURL } from "node:url";`,
        "const app = express();",
        `const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "routes");`,
        "for (const file of readdirSync(dir)) {",
        "  const { default: register } = await import(pathToFileURL(path.join(dir, file)).href);",
        "  register(app);",
        "}",
        ...EXPOSE,
      ),
      ...ESM_ROUTES,
    },
    options: { packageJson: { type: "module" } },
    routes: ["GET /pets/:id main routes/pets.js:2", "GET /users main routes/users.js:2"],
  },
  {
    name: "fs/promises readdir with withFileTypes (the entries' names), and the callback readdir",
    files: {
      "app.js": lines(
        `import express from "express";`,
        `import { readdir } from "node:fs/promises";`,
        `import fs from "node:fs";`,
        "const app = express();",
        `for (const entry of await readdir(new URL("./routes/", import.meta.url), { withFileTypes: true })) (await import(\`./routes/\${entry.name}\`)).default(app);`,
        `fs.readdir(import.meta.dirname + "/more", (error, files) => files.forEach((f) => import("./more/" + f).then((m) => m.default(app))));`,
        ...EXPOSE,
      ),
      ...ESM_ROUTES,
      "more/orders.js": lines("export default (app) => {", `  app.delete("/orders/:id", (req, res) => res.end());`, "};"),
    },
    options: { packageJson: { type: "module" } },
    routes: ["DELETE /orders/:id main more/orders.js:2", "GET /pets/:id main routes/pets.js:2", "GET /users main routes/users.js:2"],
  },
  {
    name: "a recursive listing: the modules of subfolders too, the subfolders themselves skipped silently",
    files: {
      "app.js": lines(...CJS_APP, `for (const f of fs.readdirSync(path.join(__dirname, "routes"), { recursive: true })) require(path.join(__dirname, "routes", f))(app);`, HEALTH, ...EXPOSE),
      ...REGISTERING,
      "routes/admin/stats.js": lines("module.exports = (app) => {", `  app.get("/admin/stats", (req, res) => res.json({}));`, "};"),
    },
    routes: [...REGISTERED, "GET /admin/stats main routes/admin/stats.js:2"],
  },
  {
    name: "routes/index.js mounting the other modules of its own folder on a router",
    files: {
      "app.js": lines(`const express = require("express");`, "const app = express();", `app.use("/api", require("./routes"));`, ...EXPOSE),
      "routes/index.js": lines(
        `const fs = require("fs");`,
        `const router = require("express").Router();`,
        `fs.readdirSync(__dirname).filter((f) => f !== "index.js").forEach((f) => router.use("/" + f.split(".")[0], require("./" + f)));`,
        "module.exports = router;",
      ),
      ...ROUTERS,
    },
    routes: ["POST /api/pets main routes/pets.js:3", "GET /api/users main routes/users.js:3", "GET /api/users/:id main routes/users.js:4"],
  },
  {
    name: "a folder outside the project, a path klotho cannot compute, or too many entries: a warning where the modules are loaded",
    files: {
      "app.js": lines(
        ...CJS_APP,
        `fs.readdirSync(path.join(__dirname, "..", "plugins")).forEach((f) => require(path.join(__dirname, "..", "plugins", f))(app));`,
        "const dir = process.env.ROUTES_DIR;",
        "for (const f of fs.readdirSync(dir)) require(path.join(dir, f))(app);",
        `fs.readdirSync(path.join(__dirname, "many")).forEach((f) => require("./many/" + f)(app));`,
        HEALTH,
        ...EXPOSE,
      ),
      ...Object.fromEntries(Array.from({ length: MAX_UNROLLED_ITEMS + 1 }, (_, i) => [`many/r${String(i).padStart(2, "0")}.js`, `module.exports = (app) => app.get("/r${String(i)}", (req, res) => res.end());`])),
    },
    routes: ["GET /health main app.js:9"],
    diagnostics: ["files/read-outside-project app.js:5:1", "facts/unknown-listed-module app.js:5:70", "facts/unknown-listed-module app.js:7:38", "facts/unknown-listed-module app.js:8:61"],
  },
  {
    name: "a computed load that neither reads a listing nor runs over one is no listed module, in a file that lists a folder",
    files: {
      "app.js": lines(
        ...CJS_APP,
        `const os = require("os");`,
        `app.get("/tmp", (req, res) => res.json(fs.readdirSync(os.tmpdir())));`,
        `app.get("/mod", (req, res) => res.json(require(req.query.mod)));`,
        HEALTH,
        ...EXPOSE,
      ),
    },
    routes: ["GET /health main app.js:8", "GET /mod main app.js:7", "GET /tmp main app.js:6"],
  },
  {
    name: "loads over a listing klotho cannot know: a specifier from a name bound to one, a loop over one, a callback of the listing call or of a promise of one",
    files: {
      "app.js": lines(
        ...CJS_APP,
        "const dir = process.env.PLUGINS;",
        "const plugins = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));",
        "for (let i = 0; i < plugins.length; i++) require(path.join(dir, plugins[i]))(app);",
        "for (const f in fs.readdirSync(dir)) require(f);",
        "fs.readdir(dir, (err, files) => files.forEach((f) => require(path.join(dir, f))(app)));",
        "fs.promises.readdir(dir).then((files) => Promise.all(files.map((f) => import(path.join(dir, f)))));",
        HEALTH,
        ...EXPOSE,
      ),
    },
    routes: ["GET /health main app.js:11"],
    diagnostics: ["facts/unknown-listed-module app.js:7:42", "facts/unknown-listed-module app.js:8:38", "facts/unknown-listed-module app.js:9:54", "facts/unknown-listed-module app.js:10:71"],
  },
  {
    name: "a computed load in a file that lists no folder stays silent, as before",
    files: { "app.js": lines(...CJS_APP, "require(process.env.PLUGIN)(app);", HEALTH, ...EXPOSE) },
    routes: ["GET /health main app.js:6"],
  },
];

describe("modules loaded from a listing of a project folder", () => {
  it.each(cases)("$name", ({ files, options, routes, diagnostics = [] }) => {
    const analysis = analyzeUnits(files, options);
    expect(summarizeRoutes(analysis.units).sort()).toEqual([...routes].sort());
    const all = sortDiagnostics([...analysis.diagnostics, ...analysis.units.diagnostics]);
    expect(all.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"}`)).toEqual(diagnostics);
  });

  it("says why the routes are missing, and what to do", () => {
    const analysis = analyzeUnits({ "app.js": lines(...CJS_APP, "const dir = process.env.ROUTES_DIR;", "for (const f of fs.readdirSync(dir)) require(path.join(dir, f))(app);", HEALTH, ...EXPOSE) });
    expect(analysis.diagnostics.map((d) => d.message)).toEqual([
      `klotho cannot tell which modules this loads: the specifier is computed from a value it cannot know. A folder's listing is known only for a folder of the project (a literal, __dirname, import.meta.dirname or process.cwd(), joined with literals) of at most ${String(MAX_UNROLLED_ITEMS)} entries, each loaded by its path (path.join, a template, pathToFileURL). The modules loaded here are not analysed: the gateway routes none of the routes they register (requests for them get 404 unless a wildcard route covers them). Import each module by a string literal, or list a folder of the project.`,
    ]);
  });

  it("gives each module's routes to the unit that owns it; a unit's files hold only the listed modules it runs", () => {
    const files: SourceTree = {
      "app.js": lines(...CJS_APP, `fs.readdirSync(path.join(__dirname, "routes")).forEach((file) => require(path.join(__dirname, "routes", file))(app));`, HEALTH, ...EXPOSE),
      "routes/users.js": lines(`// @klotho::execution_unit { id = "users" }`, REGISTERING["routes/users.js"] ?? ""),
      "routes/pets.js": REGISTERING["routes/pets.js"] ?? "",
    };
    const { units, diagnostics } = analyzeUnits(files);
    expect(summarizeRoutes(units).sort()).toEqual(["GET /health main app.js:6", "GET /pets/:id main routes/pets.js:2", "GET /users users routes/users.js:3", "POST /users users routes/users.js:4"]);
    expect(units.units.map((unit) => `${unit.id}: ${unit.files.join(" ")}`)).toEqual(["main: app.js routes/pets.js", "users: app.js routes/pets.js routes/users.js"]);
    expect([...diagnostics, ...units.diagnostics]).toEqual([]);
  });
});

describe("createFolderListing", () => {
  const list = createFolderListing(["routes/users.js", "routes/admin/stats.js", "routes/Pets.js", "routes/README.md", "app.js"]);

  it.each([
    { folder: ".", recursive: false, entries: ["app.js", "routes"] },
    { folder: "routes", recursive: false, entries: ["Pets.js", "README.md", "admin", "users.js"] },
    { folder: "routes", recursive: true, entries: ["Pets.js", "README.md", "admin", "admin/stats.js", "users.js"] },
    { folder: "routes/admin", recursive: false, entries: ["stats.js"] },
    { folder: "missing", recursive: false, entries: undefined },
    { folder: "routes/users.js", recursive: false, entries: undefined },
  ])("lists $folder (recursive: $recursive), sorted by code unit", ({ folder, recursive, entries }) => {
    expect(list(folder, recursive)).toEqual(entries);
  });
});
