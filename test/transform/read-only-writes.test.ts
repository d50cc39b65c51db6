import { describe, expect, it } from "vitest";
import type { Resource } from "../../src/plan/index.js";
import { readOnlyWrites } from "../../src/transform/read-only-writes.js";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeProgram, lines, type SourceTree } from "../helpers/program.js";

/** A Lambda unit carrying `files` as code and `assets` besides. */
function lambda(name: string, files: readonly string[], assets: readonly string[] = []): Resource {
  return { id: `exec_unit:${name}`, kind: "exec_unit", name, type: "lambda", params: {}, files, assets, source: [], provenance: [] };
}

/** The read-only write warnings for the program's facts, as `<code> <file:line:col> <message start>`. */
function warnings(files: SourceTree, units: readonly Resource[]): string[] {
  const { facts, annotations } = analyzeProgram(files);
  return readOnlyWrites(units, annotations, facts).map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"} ${d.message.slice(0, d.message.indexOf(", which"))}`);
}

describe("writes into a Lambda unit's read-only folder", () => {
  const app = lines(
    `const fs = require("fs");`,
    `const path = require("path");`,
    `fs.mkdirSync(path.join(__dirname, "public"), { recursive: true });`,
    `fs.mkdirSync(path.join(__dirname, "cache"), { recursive: true });`,
    `fs.mkdirSync(path.join(__dirname, "public"));`,
    `fs.mkdirSync(path.join(__dirname, "views"), { recursive: true });`,
  );

  it("a recursive mkdir of a folder the unit carries (code or assets) succeeds; a plain mkdir of it, or of a folder not carried, fails", () => {
    expect(warnings({ "app.js": app }, [lambda("main", ["app.js", "views/index.js"], ["public/index.html"])])).toEqual([
      "files/write-read-only app.js:4:1 mkdirSync writes 'cache' in the folder of Lambda unit 'main'",
      "files/write-read-only app.js:5:1 mkdirSync writes 'public' in the folder of Lambda unit 'main'",
    ]);
  });

  it("a folder one unit carries and another does not is warned for the other only", () => {
    expect(warnings({ "app.js": app }, [lambda("b", ["app.js"], ["public/a.css"]), lambda("a", ["app.js"])])).toEqual([
      "files/write-read-only app.js:3:1 mkdirSync writes 'public' in the folder of Lambda unit 'a'",
      "files/write-read-only app.js:4:1 mkdirSync writes 'cache' in the folder of Lambda units 'a', 'b'",
      "files/write-read-only app.js:5:1 mkdirSync writes 'public' in the folder of Lambda units 'a', 'b'",
      "files/write-read-only app.js:6:1 mkdirSync writes 'views' in the folder of Lambda units 'a', 'b'",
    ]);
  });

  it("multer's folder: the module fails to load when the unit lacks it; when the unit carries it, the uploads fail", () => {
    const upload = lines(`const multer = require("multer");`, `const upload = multer({ dest: "uploads/" });`, `module.exports = upload;`);
    expect(warnings({ "upload.js": upload }, [lambda("main", ["upload.js"])])).toEqual([
      "files/write-read-only upload.js:2:16 multer creates its upload folder 'uploads' in the folder of Lambda unit 'main'",
    ]);
    const carried = warnings({ "upload.js": upload }, [lambda("main", ["upload.js"], ["uploads/.gitkeep"])]);
    expect(carried).toEqual(["files/upload-read-only upload.js:2:16 multer writes each upload into 'uploads' in the folder of Lambda unit 'main'"]);
  });

  it("a write in a branch that runs only outside production (NODE_ENV tested literally) is not run in the cloud", () => {
    const dev = lines(
      `const fs = require("fs");`,
      `if (process.env.NODE_ENV !== "production") {`,
      `  fs.writeFileSync("a.log", "x");`,
      `}`,
      `if (process.env["NODE_ENV"] === "development") fs.writeFileSync("b.log", "x");`,
      `if (process.env.NODE_ENV === "production") {`,
      `  fs.writeFileSync("c.log", "x");`,
      `} else if (process.env.DEBUG) {`,
      `  fs.writeFileSync("d.log", "x");`,
      `}`,
      `if (process.env.NODE_ENV !== "production") {} else fs.writeFileSync("e.log", "x");`,
      `if (process.env.NODE_ENV !== "test") fs.writeFileSync("f.log", "x");`,
      `if (process.env.NODE_ENV === "development" && process.env.X) fs.writeFileSync("g.log", "x");`,
    );
    expect(warnings({ "dev.js": dev }, [lambda("main", ["dev.js"])]).map((w) => w.split(" ").slice(0, 2).join(" "))).toEqual([
      "files/write-read-only dev.js:7:3",
      "files/write-read-only dev.js:11:52",
      "files/write-read-only dev.js:12:38",
      "files/write-read-only dev.js:13:62",
    ]);
  });
});
