import { describe, expect, it } from "vitest";
import type { Fact } from "../../src/facts/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeProgram, lines, type SourceTree } from "../helpers/program.js";

interface WriteCase {
  readonly name: string;
  readonly files: SourceTree;
  /** `<method> <file:line:col> <path>[ store]` for each file_write fact. */
  readonly expected: readonly string[];
}

/** The file_write facts, with exact locations. */
function writes(facts: readonly Fact[]): string[] {
  return facts.flatMap((fact) => (fact.kind === "file_write" ? [`${fact.method} ${formatLocation(fact.range)} ${fact.path}${fact.store === undefined ? "" : " store"}`] : []));
}

/** The file_read facts, as `<method> <path>`. */
function reads(facts: readonly Fact[]): string[] {
  return facts.flatMap((fact) => (fact.kind === "file_read" ? [`${fact.method} ${fact.path}`] : []));
}

const cases: WriteCase[] = [
  {
    name: "the sync and callback fs functions, as methods and taken off the module, with paths from __dirname or relative",
    files: {
      "src/db.js": lines(
        `const fs = require("fs");`,
        `const path = require("path");`,
        `const { writeFileSync, mkdirSync } = require("node:fs");`,
        `const DB = path.join(__dirname, "db.json");`,
        `fs.writeFileSync(DB, "[]");`,
        `writeFileSync(DB, "[]");`,
        `fs.appendFile("logs/app.log", "x", () => {});`,
        `mkdirSync(path.join(__dirname, "..", "cache"), { recursive: true });`,
        `fs.createWriteStream("out.csv");`,
        `fs.renameSync("/tmp/upload", path.join(__dirname, "avatars", "a.png"));`,
        `fs.copyFileSync(DB, path.join(__dirname, "db.bak"));`,
        `fs.openSync(DB, "a");`,
        `fs.openSync(DB, "r");`,
        `fs.writeFileSync("/tmp/x", "x");`,
        `fs.writeFileSync(process.env.FILE, "x");`,
      ),
    },
    expected: [
      "writeFileSync src/db.js:5:1 src/db.json",
      "writeFileSync src/db.js:6:1 src/db.json",
      "appendFile src/db.js:7:1 logs/app.log",
      "mkdirSync src/db.js:8:1 cache",
      "createWriteStream src/db.js:9:1 out.csv",
      "renameSync src/db.js:10:1 src/avatars/a.png",
      "copyFileSync src/db.js:11:1 src/db.bak",
      "openSync src/db.js:12:1 src/db.json",
    ],
  },
  {
    name: "fs/promises, whose fact names the import (a persisted one is a bucket); copyFile is still a read of its source",
    files: {
      "api/store.mjs": lines(
        `import fs, { writeFile } from "node:fs/promises";`,
        `import { promises } from "fs";`,
        `await writeFile(new URL("./data.json", import.meta.url), "{}");`,
        `await fs.mkdir("uploads", { recursive: true });`,
        `await promises.copyFile(new URL("./a.txt", import.meta.url), "b.txt");`,
        `await fs.readFile("uploads/a.txt");`,
      ),
    },
    expected: ["writeFile api/store.mjs:3:7 api/data.json store", "mkdir api/store.mjs:4:7 uploads store", "copyFile api/store.mjs:5:7 b.txt store"],
  },
  {
    name: "multer's upload folder: dest, and diskStorage's destination when it is a folder",
    files: {
      "upload.js": lines(
        `const multer = require("multer");`,
        `const path = require("path");`,
        `const upload = multer({ dest: "uploads/" });`,
        `const storage = multer.diskStorage({ destination: path.join(__dirname, "files"), filename: (req, file, cb) => cb(null, file.originalname) });`,
        `const perFile = multer.diskStorage({ destination: (req, file, cb) => cb(null, "x") });`,
        `const memory = multer({ storage: multer.memoryStorage() });`,
        `module.exports = { upload, disk: multer({ storage }), perFile, memory };`,
      ),
    },
    expected: ["multer upload.js:3:16 uploads", "multer.diskStorage upload.js:4:17 files"],
  },
];

describe("file writes", () => {
  it.each(cases)("$name", ({ files, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files);
    expect(diagnostics).toEqual([]);
    expect(writes(facts)).toEqual(expected);
  });

  it("a function that reads and writes (copyFile, open) is still a read of its source", () => {
    const { facts } = analyzeProgram({
      "a.js": lines(`const fs = require("fs");`, `const { copyFileSync } = fs;`, `copyFileSync("a.txt", "b.txt");`, `fs.copyFile("c.txt", "d.txt", () => {});`, `fs.openSync("e.txt", "w");`),
    });
    expect(reads(facts)).toEqual(["copyFileSync a.txt", "copyFile c.txt"]);
    expect(writes(facts)).toEqual(["copyFileSync a.js:3:1 b.txt", "copyFile a.js:4:1 d.txt", "openSync a.js:5:1 e.txt"]);
  });
});
