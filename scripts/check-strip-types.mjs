#!/usr/bin/env node
// Checks the type stripping (src/transform/strip-types.ts) against TypeScript's emit on every
// TypeScript file below the given folders (default: node_modules, test, examples): each file is
// stripped, from a fresh parse and from the analysis's syntax tree, and emitted by TypeScript on its
// own as an ES module; the two JavaScript texts are parsed and compared node for node (positions,
// comments and empty statements aside). Prints how many files were stripped, left to TypeScript and
// found different, each difference by path, and exits 1 on any. Run after `npm run build`:
//   node scripts/check-strip-types.mjs [folder ...]
// Not part of npm test: node_modules' TypeScript sources vary from machine to machine, and emitting
// 2,000 files takes about a minute.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { parse } from "@babel/parser";
import { parseFile } from "../dist/parse/parse-file.js";
import { stripTypes } from "../dist/transform/strip-types.js";
import { emitAll, emitKey, loadTypeScript } from "../dist/transform/typescript.js";

const IGNORED = new Set(["start", "end", "loc", "range", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "errors", "tokens"]);

/** The program a JavaScript text parses to, without positions, comments or empty statements. */
function programShape(code) {
  const shape = (value) => {
    if (Array.isArray(value)) return value.filter((item) => item?.type !== "EmptyStatement").map(shape);
    if (typeof value !== "object" || value === null) return value;
    return Object.fromEntries(Object.entries(value).filter(([key]) => !IGNORED.has(key)).map(([key, child]) => [key, shape(child)]));
  };
  return shape(parse(code, { sourceType: "module", plugins: ["importAttributes"] }).program);
}

/** TypeScript files (not declarations) of at most 200 KB below `folder`. */
function typescriptFiles(folder) {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.m?ts$/.test(entry.name) && !/\.d\.m?ts$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => statSync(file).size <= 200_000)
    .sort();
}

const folders = process.argv.length > 2 ? process.argv.slice(2) : ["node_modules", "test", "examples"];
const ts = loadTypeScript();
const counts = { files: 0, stripped: 0, leftToTypeScript: 0, different: 0 };
for (const file of folders.flatMap(typescriptFiles)) {
  counts.files++;
  const request = { path: file, text: readFileSync(file, "utf8"), moduleKind: "esm" };
  const fresh = stripTypes(request);
  const analysed = parseFile(request).parsed;
  const fromTree = analysed ? stripTypes(request, analysed.ast) : undefined;
  if (!fresh && !fromTree) {
    counts.leftToTypeScript++;
    continue;
  }
  counts.stripped++;
  const emitted = emitAll(ts, [request], { together: false }).get(emitKey(request))?.code.text;
  const expected = emitted === undefined ? undefined : programShape(emitted);
  const different = [fresh, fromTree].some((stripped) => {
    if (!stripped) return fromTree?.text !== fresh?.text;
    try {
      return !isDeepStrictEqual(programShape(stripped.text), expected);
    } catch {
      return true;
    }
  });
  if (different) {
    counts.different++;
    console.log(`different: ${file}`);
  }
}
console.log(`${counts.files} files: ${counts.stripped} stripped, ${counts.leftToTypeScript} left to TypeScript, ${counts.different} different from TypeScript's emit`);
process.exitCode = counts.different > 0 ? 1 : 0;
