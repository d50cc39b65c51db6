import { describe, expect, it } from "vitest";
import type { Fact } from "../../src/facts/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeProgram, lines, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface ReadCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** `<method> <file:line:col> file|folder <path>[ probe][ store]` for each file_read fact. */
  readonly expected: readonly string[];
}

/** The file_read facts, with exact locations. */
function reads(facts: readonly Fact[]): string[] {
  return facts.flatMap((fact) =>
    fact.kind === "file_read" ? [`${fact.method} ${formatLocation(fact.range)} ${fact.folder ? "folder" : "file"} ${fact.path}${fact.probe ? " probe" : ""}${fact.store === undefined ? "" : " store"}`] : [],
  );
}

const cases: ReadCase[] = [
  {
    name: "CommonJS: __dirname joined with path.join, the sync and callback fs functions",
    files: {
      "src/mail.js": lines(
        `const fs = require("fs");`,
        `const path = require("path");`,
        `const template = fs.readFileSync(path.join(__dirname, "templates", "mail.html"), "utf8");`,
        `fs.readFile(path.resolve(__dirname, "../data/a.csv"), () => {});`,
        `const files = fs.readdirSync(path.join(__dirname, "locales"));`,
        `if (fs.existsSync(__dirname + "/x")) {}`,
        `fs.createReadStream(path.join(__filename, "..", "big.bin"));`,
      ),
    },
    expected: [
      "readFileSync src/mail.js:3:18 file src/templates/mail.html",
      "readFile src/mail.js:4:1 file data/a.csv",
      "readdirSync src/mail.js:5:15 folder src/locales",
      "existsSync src/mail.js:6:5 file src/x probe",
      "createReadStream src/mail.js:7:1 file src/big.bin",
    ],
  },
  {
    name: "ES modules: import.meta.dirname, fileURLToPath(new URL(..., import.meta.url)), a URL itself, named imports from node: modules",
    files: {
      "api/schema.mjs": lines(
        `import { readFile } from "node:fs/promises";`,
        `import { readFileSync, statSync } from "node:fs";`,
        `import { join } from "node:path";`,
        `import { fileURLToPath } from "node:url";`,
        `const schema = JSON.parse(await readFile(new URL("./schema.graphql", import.meta.url), "utf8"));`,
        `readFileSync(join(import.meta.dirname, "a.txt"));`,
        `const here = fileURLToPath(new URL(".", import.meta.url));`,
        `statSync(join(here, "sub", "b.txt"));`,
        `readFileSync(fileURLToPath(new URL("../c.txt", import.meta.url)));`,
      ),
    },
    expected: [
      "readFile api/schema.mjs:5:33 file api/schema.graphql store",
      "readFileSync api/schema.mjs:6:1 file api/a.txt",
      "statSync api/schema.mjs:8:1 file api/sub/b.txt probe",
      "readFileSync api/schema.mjs:9:1 file c.txt",
    ],
  },
  {
    name: "TypeScript compiled to CommonJS: __importDefault(require(\"path\")), path.posix, __dirname",
    files: {
      "dist/index.js": lines(
        `const fs_1 = __importDefault(require("fs"));`,
        `const path_1 = __importDefault(require("path"));`,
        `fs_1.default.readFileSync(path_1.default.posix.join(__dirname, "..", "views/home.html"));`,
        "function __importDefault(m) { return m && m.__esModule ? m : { default: m }; }",
      ),
      "src/app.ts": lines(`import * as fs from "fs";`, `import path from "path";`, `fs.readFileSync(path.join(__dirname, "t.txt"));`),
    },
    expected: ["readFileSync dist/index.js:3:1 file views/home.html", "readFileSync src/app.ts:3:1 file src/t.txt"],
  },
  {
    name: "process.cwd() and relative strings are from the project root; an absolute string is not placed",
    files: {
      "lib/config.js": lines(
        `const fs = require("node:fs");`,
        `const { join, resolve } = require("path");`,
        `fs.readFileSync(join(process.cwd(), "config", "app.yaml"));`,
        `fs.readFileSync("config/other.yaml");`,
        `fs.readFileSync(resolve("./x.json"));`,
        `fs.readFileSync("/etc/ssl/cert.pem");`,
      ),
    },
    expected: ["readFileSync lib/config.js:3:1 file config/app.yaml", "readFileSync lib/config.js:4:1 file config/other.yaml", "readFileSync lib/config.js:5:1 file x.json"],
  },
  {
    name: "an unknown part makes the whole path unknown: no fact",
    files: {
      "a.js": lines(
        `const fs = require("fs");`,
        `const path = require("path");`,
        "module.exports = (name) => fs.readFileSync(path.join(__dirname, name));",
        "fs.readFileSync(path.join(__dirname, process.env.FILE));",
        "fs.readFileSync(`${__dirname}/${Math.random()}`);",
        `fs.readFileSync(path.join(someDir, "a.txt"));`,
      ),
    },
    expected: [],
  },
  {
    name: "a path that climbs out of the project is kept as it is (the units stage warns)",
    files: { "a.js": lines(`const fs = require("fs");`, `fs.readFileSync(require("path").join(__dirname, "..", "shared.txt"));`) },
    expected: ["readFileSync a.js:2:1 file ../shared.txt"],
  },
  {
    name: "an ES module has no __dirname: it is unknown, as in Node",
    files: { "a.mjs": lines(`import fs from "fs";`, `fs.readFileSync(__dirname + "/a.txt");`) },
    expected: [],
  },
  {
    name: "open for writing, and writes, are not reads; a template joins a path",
    files: { "a.js": lines(`const fs = require("fs");`, `fs.openSync(__dirname + "/log.txt", "a");`, `fs.writeFileSync(__dirname + "/out.txt", "");`, `fs.openSync(__dirname + "/in.txt", "r");`, "fs.readFileSync(`${__dirname}/t/${\"a\"}.txt`);") },
    expected: ["openSync a.js:4:1 file in.txt", "readFileSync a.js:5:1 file t/a.txt"],
  },
  {
    name: "Express: res.sendFile of an absolute path or under root, res.download, express.static of a folder",
    files: {
      "web/server.js": lines(
        `const express = require("express");`,
        `const path = require("path");`,
        "const app = express();",
        `app.use("/assets", express.static(path.join(__dirname, "public")));`,
        `app.use(express.static("static"));`,
        `app.get("/", (req, res) => res.sendFile(path.join(__dirname, "public/index.html")));`,
        `app.get("/a", (req, res) => res.sendFile("about.html", { root: __dirname }));`,
        `app.get("/r", (req, res) => res.download(path.join(__dirname, "report.pdf"), "r.pdf"));`,
        `app.get("/b", (req, res) => res.sendFile("index.html"));`,
      ),
    },
    expected: [
      "express.static web/server.js:4:20 folder web/public",
      "express.static web/server.js:5:9 folder static",
      "sendFile web/server.js:6:28 file web/public/index.html",
      "sendFile web/server.js:7:29 file web/about.html",
      "download web/server.js:8:29 file web/report.pdf",
    ],
  },
];

describe("file reads", () => {
  it.each(cases)("$name", ({ files, options, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files, options);
    expect(diagnostics).toEqual([]);
    expect(reads(facts)).toEqual(expected);
  });

  it("a path value is not a string: it names no route, mount prefix or module", () => {
    const { facts } = analyzeProgram({
      "a.js": lines(`const express = require("express");`, "const app = express();", `app.get(__dirname, () => {});`, `app.use(require("path").join(__dirname, "x"), express.Router());`),
    });
    expect(facts.filter((f) => f.kind === "http_route" || f.kind === "http_mount").map((f) => (f.kind === "http_mount" ? f.prefix : f.kind))).toEqual(["/"]);
  });
});
