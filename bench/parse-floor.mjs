#!/usr/bin/env node
// The floor a compile is measured against: a process that only reads and parses every source file of
// a project with @babel/parser (the parser klotho uses, with the same syntax plugins), nothing else.
// Usage: node bench/parse-floor.mjs <project-dir>
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "@babel/parser";

const SOURCE = /\.(c|m)?(j|t)sx?$/;
const root = path.resolve(process.argv[2] ?? ".");
let files = 0;
let bytes = 0;
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !SOURCE.test(entry.name) || entry.name.endsWith(".d.ts")) continue;
  const full = path.join(entry.parentPath, entry.name);
  if (full.includes(`${path.sep}node_modules${path.sep}`)) continue;
  const text = readFileSync(full, "utf8");
  const typescript = /\.(c|m)?tsx?$/.test(entry.name);
  parse(text, {
    sourceType: "unambiguous",
    errorRecovery: true,
    plugins: [typescript ? "typescript" : "flow", "jsx", ["decorators", { decoratorsBeforeExport: true }], "topLevelAwait"].filter((p) => p !== "flow"),
  });
  files++;
  bytes += text.length;
}
process.stdout.write(`${JSON.stringify({ files, bytes })}\n`);
