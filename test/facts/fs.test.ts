import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type SourceTree } from "../helpers/program.js";

interface FsCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
}

/** `fs_import <file:line> promises|callbacks <name>`, `object_use <file:line> <method> <import site> "<static path>"`. */
const importCases: FsCase[] = [
  {
    name: "ESM default import of fs/promises",
    files: { "a.mjs": lines(`import fs from "fs/promises";`, `await fs.readFile("a.txt", "utf8");`) },
    expected: ["fs_import a.mjs:1 promises fs", `object_use a.mjs:2 readFile a.mjs:1 "a.txt"`],
  },
  {
    name: "namespace import of node:fs/promises",
    files: { "a.mjs": lines(`import * as fs from "node:fs/promises";`, "", `await fs.writeFile("out/b.json", "{}");`) },
    expected: ["fs_import a.mjs:1 promises fs", `object_use a.mjs:3 writeFile a.mjs:1 "out/b.json"`],
  },
  {
    name: "named imports, called directly",
    files: { "a.mjs": lines(`import { readFile, writeFile } from "fs/promises";`, `await writeFile("c.txt", "x");`, `await readFile("c.txt");`) },
    expected: ["fs_import a.mjs:1 promises -", `object_use a.mjs:2 writeFile a.mjs:1 "c.txt"`, `object_use a.mjs:3 readFile a.mjs:1 "c.txt"`],
  },
  {
    name: "CommonJS require of fs/promises",
    files: { "a.js": lines(`const fs = require("fs/promises");`, "async function list() {", `  return fs.readdir("uploads");`, "}") },
    expected: ["fs_import a.js:1 promises fs", `object_use a.js:3 readdir a.js:1 "uploads"`],
  },
  {
    name: `require("fs").promises`,
    files: { "a.js": lines(`const fs = require("fs").promises;`, `fs.stat("d");`) },
    expected: ["fs_import a.js:1 callbacks -", "fs_import a.js:1 promises fs", `object_use a.js:2 stat a.js:1 "d"`],
  },
  {
    name: "destructured { promises: fs } from require(\"fs\")",
    files: { "a.js": lines(`const { promises: fs } = require("fs");`, `fs.rm("e", { force: true });`) },
    expected: ["fs_import a.js:1 promises fs", "fs_import a.js:1 callbacks -", `object_use a.js:2 rm a.js:1 "e"`],
  },
  {
    name: "TypeScript import = require",
    files: { "a.ts": lines(`import fs = require("fs/promises");`, `fs.appendFile("log.txt", "line");`) },
    expected: ["fs_import a.ts:1 promises fs", `object_use a.ts:2 appendFile a.ts:1 "log.txt"`],
  },
  {
    name: "TypeScript compiled to CommonJS (__importDefault)",
    files: {
      "a.js": lines(
        `const promises_1 = __importDefault(require("fs/promises"));`,
        `promises_1.default.readFile("f.txt");`,
        "function __importDefault(m) { return m && m.__esModule ? m : { default: m }; }",
      ),
    },
    expected: ["fs_import a.js:1 promises -", `object_use a.js:2 readFile a.js:1 "f.txt"`],
  },
  {
    name: "ESM named import of promises from fs",
    files: { "a.mjs": lines(`import { promises as fsp } from "node:fs";`, `await fsp.mkdir("m", { recursive: true });`) },
    expected: ["fs_import a.mjs:1 callbacks -", "fs_import a.mjs:1 promises fsp", `object_use a.mjs:2 mkdir a.mjs:1 "m"`],
  },
  {
    name: "a dynamic import()",
    files: { "a.mjs": lines(`const fs = await import("fs/promises");`, `await fs.unlink("n");`) },
    expected: ["fs_import a.mjs:1 promises fs", `object_use a.mjs:2 unlink a.mjs:1 "n"`],
  },
  {
    name: "the callback and sync fs module: an import, but no uses",
    files: { "a.js": lines(`const fs = require("fs");`, `fs.readFileSync("g.txt");`, `fs.readFile("g.txt", () => {});`) },
    expected: ["fs_import a.js:1 callbacks fs"],
  },
  {
    name: "an ESM default import of fs",
    files: { "a.mjs": lines(`import fs from "node:fs";`, `fs.writeFileSync("h", "");`) },
    expected: ["fs_import a.mjs:1 callbacks fs"],
  },
  {
    name: "fs.promises read where it is used",
    files: { "a.js": lines(`const fs = require("fs");`, `fs.promises.readFile("i.txt");`) },
    expected: ["fs_import a.js:1 callbacks fs", `object_use a.js:2 readFile a.js:2 "i.txt"`, "fs_import a.js:2 promises -"],
  },
  {
    name: "a local module named fs is not the fs module",
    files: { "fs.js": "module.exports = { readFile() {} };", "a.js": lines(`const fs = require("./fs");`, `fs.readFile("j");`) },
    expected: [],
  },
];

const useCases: FsCase[] = [
  {
    name: "a path that is not a static string has no path",
    files: { "a.mjs": lines(`import fs from "fs/promises";`, "export const read = (name) => fs.readFile(`data/${name}`);") },
    expected: ["fs_import a.mjs:1 promises fs", "object_use a.mjs:2 readFile a.mjs:1"],
  },
  {
    name: "a path held in a constant is static",
    files: { "a.js": lines(`const fs = require("fs/promises");`, `const KEY = "secrets/api-key";`, "fs.readFile(KEY);") },
    expected: ["fs_import a.js:1 promises fs", `object_use a.js:3 readFile a.js:1 "secrets/api-key"`],
  },
  {
    name: "uses in another file, through a CommonJS export",
    files: {
      "storage.js": lines(`const fs = require("fs/promises");`, "module.exports = fs;"),
      "handlers.js": lines(`const storage = require("./storage");`, "exports.save = async (req) => {", `  await storage.writeFile("uploads/latest", req.body);`, "};"),
    },
    expected: [`object_use handlers.js:3 writeFile storage.js:1 "uploads/latest"`, "fs_import storage.js:1 promises fs"],
  },
  {
    name: "named functions re-exported and called in another ES module",
    files: {
      "files.mjs": lines(`import { readFile } from "fs/promises";`, "export { readFile as load };"),
      "use.mjs": lines(`import { load } from "./files.mjs";`, `await load("k.txt");`),
    },
    expected: ["fs_import files.mjs:1 promises -", `object_use use.mjs:2 readFile files.mjs:1 "k.txt"`],
  },
  {
    name: "constants is not a call",
    files: { "a.mjs": lines(`import { constants, access } from "fs/promises";`, `await access("l", constants.R_OK);`) },
    expected: ["fs_import a.mjs:1 promises -", `object_use a.mjs:2 access a.mjs:1 "l"`],
  },
];

describe("fs imports", () => {
  it.each(importCases)("$name", ({ files, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files);
    expect(diagnostics).toEqual([]);
    expect(summarizeFacts(facts, "fs_import", "object_use")).toEqual(expected);
  });
});

describe("calls through fs/promises", () => {
  it.each(useCases)("$name", ({ files, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files);
    expect(diagnostics).toEqual([]);
    expect(summarizeFacts(facts, "fs_import", "object_use")).toEqual(expected);
  });
});
