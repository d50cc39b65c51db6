import { describe, expect, it } from "vitest";
import { FOLDER_READ_LIMIT } from "../../src/units/file-reads.js";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeUnits, lines, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface ReadCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** `unit: assets` per execution unit. */
  readonly assets: readonly string[];
  readonly progress?: readonly string[];
  readonly diagnostics?: readonly string[];
}

const FS = `const fs = require("fs"); const path = require("path");`;

const cases: ReadCase[] = [
  {
    name: "a file read from the code's folder goes to every unit holding the code, once, with the asset line",
    files: {
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./mail/send");`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `require("./mail/send");`),
      "mail/send.js": lines(FS, `fs.readFileSync(path.join(__dirname, "templates", "mail.html"));`, `fs.readFileSync(path.join(__dirname, "templates/mail.html"));`),
    },
    options: { otherFiles: ["mail/templates/mail.html", "mail/templates/other.html"] },
    assets: ["a: mail/templates/mail.html", "b: mail/templates/mail.html"],
    progress: ["Adding asset 'mail/templates/mail.html' to unit 'a'", "Adding asset 'mail/templates/mail.html' to unit 'b'"],
  },
  {
    name: "a folder read takes every project file under it but the unit's code (the modules it loads from the listing); embed_assets and reads share the asset lines",
    files: {
      "index.js": lines(`// @klotho::execution_unit { id = "api" }`, `// @klotho::embed_assets { include = ["models/readme.txt"] }`, `require("./models");`),
      "models/index.js": lines(FS, "for (const f of fs.readdirSync(__dirname)) require(path.join(__dirname, f));"),
      "models/user.js": "module.exports = {};",
    },
    options: { otherFiles: ["models/readme.txt", "models/seed/users.csv"] },
    assets: ["api: models/readme.txt models/seed/users.csv"],
    progress: ["Adding asset 'models/readme.txt' to unit 'api'", "Adding asset 'models/seed/users.csv' to unit 'api'"],
  },
  {
    name: "a missing file and a path outside the project are warnings at the call; a probe of a missing file and an unknown path are silent",
    files: {
      "server.js": lines(
        `// @klotho::execution_unit { id = "web" }`,
        FS,
        `const t = fs.readFileSync(path.join(__dirname, "views", "gone.html"), "utf8");`,
        `  fs.readFileSync(path.join(__dirname, "..", "shared", "x.txt"));`,
        `if (fs.existsSync(path.join(__dirname, "local.json"))) {}`,
        "module.exports = (name) => fs.readFileSync(path.join(__dirname, name));",
        `fs.readdirSync(path.join(process.cwd(), "empty"));`,
      ),
    },
    assets: ["web: -"],
    diagnostics: [
      "files/read-missing server.js:3:11 readFileSync reads 'views/gone.html', which is no file of the project (files ignored by .gitignore are not part of it), so there is nothing to copy into the unit and the read fails in the cloud.",
      "files/read-outside-project server.js:4:3 readFileSync reads '../shared/x.txt', outside the project: klotho copies only project files into the unit, so this read fails in the cloud. Move the file into the project.",
      "files/read-missing server.js:7:1 readdirSync reads the folder 'empty', which holds no file of the project (files ignored by .gitignore are not part of it), so there is nothing to copy into the unit and the read fails in the cloud.",
    ],
  },
  {
    name: "a persisted fs/promises import is a store: its paths are keys, not files; an unpersisted one reads files",
    files: {
      "a.js": lines(
        `// @klotho::execution_unit { id = "a" }`,
        `/** @klotho::persist { id = "files" } */`,
        `const store = require("fs/promises");`,
        `const local = require("node:fs/promises");`,
        `store.readFile("data/report.txt");`,
        `local.readFile(require("path").join(__dirname, "data/seed.txt"));`,
        `store.readFile("missing.txt");`,
      ),
    },
    options: { otherFiles: ["data/report.txt", "data/seed.txt"] },
    assets: ["a: data/seed.txt"],
    progress: ["Adding asset 'data/seed.txt' to unit 'a'"],
  },
  {
    name: `a folder of more than ${String(FOLDER_READ_LIMIT)} files is a warning and is not copied`,
    files: { "a.js": lines(`// @klotho::execution_unit { id = "a" }`, FS, `fs.readdirSync(path.join(__dirname, "data"));`) },
    options: { otherFiles: Array.from({ length: FOLDER_READ_LIMIT + 1 }, (_, i) => `data/${String(i).padStart(4, "0")}.json`) },
    assets: ["a: -"],
    diagnostics: [
      `files/read-folder-too-large a.js:3:1 readdirSync reads the folder 'data', which holds ${String(FOLDER_READ_LIMIT + 1)} files, more than the ${String(FOLDER_READ_LIMIT)} klotho copies by itself; none are copied. Copy the ones the unit needs with @klotho::embed_assets.`,
    ],
  },
  {
    name: "a read or an embed never takes a path klotho writes in the unit folder; one under klotho_runtime/ is a warning where it is asked for",
    files: {
      "index.js": lines(
        `// @klotho::execution_unit { id = "api" }`,
        `// @klotho::embed_assets { include = ["*", "klotho_runtime/**"], exclude = ["index.js"] }`,
        FS,
        `const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8"));`,
        `fs.readFileSync(path.join(__dirname, "klotho_runtime", "notes.txt"));`,
        `fs.readdirSync(__dirname);`,
      ),
    },
    options: { otherFiles: [".dockerignore", "Dockerfile", "klotho_runtime/notes.txt", "klotho_runtime/x.json", "package.json", "readme.txt"] },
    assets: ["api: readme.txt"],
    progress: ["Adding asset 'readme.txt' to unit 'api'"],
    diagnostics: [
      "assets/runtime-folder index.js:2:4 klotho_runtime/notes.txt, klotho_runtime/x.json are not copied into the unit: klotho_runtime/ holds klotho's runtime in every unit folder, so the code would find klotho's files there, not the project's. Rename the project's klotho_runtime folder.",
      "assets/runtime-folder index.js:5:1 klotho_runtime/notes.txt is not copied into the unit: klotho_runtime/ holds klotho's runtime in every unit folder, so the code would find klotho's files there, not the project's. Rename the project's klotho_runtime folder.",
      "assets/runtime-folder index.js:6:1 klotho_runtime/notes.txt, klotho_runtime/x.json are not copied into the unit: klotho_runtime/ holds klotho's runtime in every unit folder, so the code would find klotho's files there, not the project's. Rename the project's klotho_runtime folder.",
    ],
  },
  {
    name: "the modules a folder listing loads are followed: the unit's code (annotated and TypeScript too) or another unit's, never left out; the rest are assets",
    files: {
      "web.js": lines(
        `// @klotho::execution_unit { id = "web" }`,
        FS,
        `const app = require("express")();`,
        `require("./routes/own");`,
        `for (const f of fs.readdirSync(path.join(__dirname, "routes"))) require(path.join(__dirname, "routes", f))(app);`,
      ),
      "routes/users.js": lines(`// @klotho::execution_unit { id = "users" }`, `/** @klotho::persist { id = "users" } */`, "const users = new Map();", `module.exports = (app) => app.get("/users", async (req, res) => res.json(await users.get("all")));`),
      "routes/audit.js": lines(`/** @klotho::persist { id = "audit" } */`, "const log = new Map();", "module.exports = (app) => app.locals.log = log;"),
      "routes/typed.ts": `export default (app: unknown): void => {};`,
      "routes/plain.js": `module.exports = (app) => app.get("/plain", (req, res) => res.end());`,
      "routes/own.js": "module.exports = () => {};",
    },
    options: { otherFiles: ["routes/README.md"] },
    assets: ["users: -", "web: routes/README.md"],
    progress: ["Adding asset 'routes/README.md' to unit 'web'"],
  },
  {
    name: "a folder read by a file several units hold names the code left out once, for all of them",
    files: {
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./lib/load");`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `require("./lib/load");`),
      "lib/load.js": lines(FS, `fs.readdirSync(path.join(__dirname, "plugins"));`),
      "lib/plugins/one.ts": "export const one = 1;",
    },
    options: { otherFiles: ["lib/plugins/one.json"] },
    assets: ["a: lib/plugins/one.json", "b: lib/plugins/one.json"],
    diagnostics: [
      "files/folder-code-left-out lib/load.js:2:1 readdirSync reads the folder 'lib/plugins' for units 'a', 'b', but lib/plugins/one.ts is not copied there: klotho did not see this code load them (the modules it loads from a listing of a project folder are followed), and copied as they are they would run unanalysed and unrewritten, so another unit's code, annotated code and TypeScript stay out. Import it, or give it to the unit that owns it.",
    ],
  },
  {
    name: "a folder read names only the units that leave the code out, not one that carries it as its own code",
    files: {
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./lib/load");`, `require("./lib/plugins/store");`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `require("./lib/load");`),
      "c.js": lines(`// @klotho::execution_unit { id = "c" }`, `require("./lib/load");`, `require("./lib/plugins/store");`, `require("./lib/plugins/typed");`),
      "lib/load.js": lines(FS, `fs.readdirSync(path.join(__dirname, "plugins"));`),
      "lib/plugins/store.js": lines(`/** @klotho::persist { id = "store" } */`, "module.exports = new Map();"),
      "lib/plugins/typed.ts": "export const typed = 1;",
    },
    assets: ["a: -", "b: -", "c: -"],
    diagnostics: [
      "files/folder-code-left-out lib/load.js:2:1 readdirSync reads the folder 'lib/plugins' for unit 'a', but lib/plugins/typed.ts is not copied there: klotho did not see this code load them (the modules it loads from a listing of a project folder are followed), and copied as they are they would run unanalysed and unrewritten, so another unit's code, annotated code and TypeScript stay out. Import it, or give it to the unit that owns it.",
      "files/folder-code-left-out lib/load.js:2:1 readdirSync reads the folder 'lib/plugins' for unit 'b', but lib/plugins/store.js, lib/plugins/typed.ts are not copied there: klotho did not see this code load them (the modules it loads from a listing of a project folder are followed), and copied as they are they would run unanalysed and unrewritten, so another unit's code, annotated code and TypeScript stay out. Import it, or give it to the unit that owns it.",
    ],
  },
];

const EXPRESS = [`const express = require("express");`, `const path = require("path");`, "const app = express();"];
const EXPOSE = [`/** @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);"];

const staticCases: ReadCase[] = [
  {
    name: "express.static over the project root serves a site's files; the source files it leaves out are named, a few then how many more",
    files: {
      "server.js": lines(`// @klotho::execution_unit { id = "web" }`, ...EXPRESS, `app.use(express.static(__dirname));`, ...EXPOSE),
      "api/orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, "module.exports = {};"),
      "api/users.js": lines(`// @klotho::execution_unit { id = "users" }`, "module.exports = {};"),
      "lib/a.ts": "export {};",
      "lib/b.ts": "export {};",
      "site/app.js": "document.title = 'shop';",
    },
    options: { otherFiles: ["index.html", "site/site.css"] },
    assets: ["orders: -", "users: -", "web: index.html site/app.js site/site.css"],
    diagnostics: [
      "files/folder-code-left-out server.js:5:9 express.static reads the project's root folder for unit 'web', but api/orders.js, api/users.js, lib/a.ts and 1 more are not copied there: klotho did not see this code load them (the modules it loads from a listing of a project folder are followed), and copied as they are they would run unanalysed and unrewritten, so another unit's code, annotated code and TypeScript stay out. Import it, or give it to the unit that owns it.",
    ],
  },
  {
    name: "express.static's folder is copied; with routes and no wildcard covering it, the gateway does not route its files",
    files: {
      "web/app.js": lines(...EXPRESS, `app.use("/assets", express.static(path.join(__dirname, "public")));`, `app.get("/api/items", (req, res) => res.json([]));`, ...EXPOSE),
    },
    options: { otherFiles: ["web/public/app.css", "web/public/img/logo.png"] },
    assets: ["main: web/public/app.css web/public/img/logo.png"],
    diagnostics: [
      `express/static-files web/app.js:4:1 The gateway routes none of the paths of the files express.static serves here: no route of the app covers '/assets' with a wildcard, so requests for them never reach the unit. Add a catch-all route (app.get("/assets/*", ...)), or serve the files from a @klotho::static_unit.`,
    ],
  },
  {
    name: "a wildcard route covering the mount, or no detected routes (the gateway's catch-all), routes the files: no warning",
    files: {
      "a.js": lines(...EXPRESS, `app.use(express.static("public"));`, `app.get("/api/x", (req, res) => res.end());`, `app.get("*", (req, res) => res.sendFile(path.join(__dirname, "public/index.html")));`, ...EXPOSE),
      "b.js": lines(`const express = require("express");`, "const app = express();", `const r = express.Router();`, `r.use(express.static("public"));`, `app.use("/files", r);`, `/** @klotho::expose { id = "b", target = "public" } */`, "app.listen(3001);"),
    },
    options: { otherFiles: ["public/index.html"] },
    assets: ["main: public/index.html"],
  },
  {
    name: "a folder klotho cannot compute is not copied, and says so",
    files: { "a.js": lines(...EXPRESS, "app.use(express.static(process.env.STATIC_DIR));", ...EXPOSE) },
    assets: ["main: -"],
    diagnostics: [
      "express/static-folder-unknown a.js:4:1 The folder express.static serves here is not a path klotho can compute (a literal, __dirname, import.meta.dirname or process.cwd(), joined with literals), so its files are not copied into the unit: add them with @klotho::embed_assets.",
    ],
  },
  {
    name: "NestJS's useStaticAssets is express.static under a prefix: its folder is copied, and the gateway must route it",
    files: {
      "src/main.ts": lines(
        `import { NestFactory } from "@nestjs/core";`,
        `import { join } from "path";`,
        `import { AppModule } from "./app.module";`,
        "const app = await NestFactory.create(AppModule);",
        `app.useStaticAssets(join(__dirname, "..", "public"), { prefix: "/static/" });`,
        `/** @klotho::expose { id = "api", target = "public" } */`,
        "await app.listen(3000);",
      ),
      "src/app.module.ts": lines(`import { Controller, Get, Module } from "@nestjs/common";`, `@Controller("items")`, "class ItemsController { @Get() list() { return []; } }", "@Module({ controllers: [ItemsController] })", "export class AppModule {}"),
    },
    options: { otherFiles: ["public/index.html", "public/css/site.css"] },
    assets: ["main: public/css/site.css public/index.html"],
    diagnostics: [
      `express/static-files src/main.ts:5:1 The gateway routes none of the paths of the files useStaticAssets serves here: no route of the app covers '/static' with a wildcard, so requests for them never reach the unit. Add a wildcard route in a controller (@Get("static/*path") on a method that throws NotFoundException: Nest serves the files that exist before it), or serve the files from a @klotho::static_unit.`,
    ],
  },
];

describe("files the code reads reach its units", () => {
  it.each([...cases, ...staticCases])("$name", ({ files, options, assets, progress, diagnostics = [] }) => {
    const analysis = analyzeUnits(files, options);
    expect(analysis.diagnostics).toEqual([]);
    const { units } = analysis;
    expect(units.units.map((u) => `${u.id}: ${u.assets?.join(" ") || "-"}`)).toEqual(assets);
    if (progress) expect(units.progress.filter((line) => line.startsWith("Adding asset"))).toEqual(progress);
    expect(units.diagnostics.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"} ${d.message}`)).toEqual(diagnostics);
  });
});
