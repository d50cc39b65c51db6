#!/usr/bin/env node
// Generates src/generated/visitor-keys.ts: for each Babel node type, the properties that hold its
// child nodes, in source order, from @babel/types (a development dependency, too large to load on
// every compile). walkAst visits a node's children through this table instead of every property.
// Usage: node scripts/generate-visitor-keys.mjs [--check]   (--check fails when the file is stale)
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeGenerated } from "./generated-file.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "src", "generated", "visitor-keys.ts");
const { VISITOR_KEYS } = createRequire(import.meta.url)("@babel/types");
const { version } = createRequire(import.meta.url)("@babel/types/package.json");

const entries = Object.keys(VISITOR_KEYS)
  .sort()
  .map((type) => `  ${type}: [${VISITOR_KEYS[type].map((key) => JSON.stringify(key)).join(", ")}],`);
const source = [
  `/* Generated from @babel/types ${version.replace(/\.\d+$/, ".x")} by scripts/generate-visitor-keys.mjs; do not edit. */`,
  "",
  "/** For each Babel node type, the properties that may hold child nodes, in source order. */",
  "export const VISITOR_KEYS: Readonly<Record<string, readonly string[]>> = {",
  ...entries,
  "};",
  "",
].join("\n");

writeGenerated(root, target, source, "node scripts/generate-visitor-keys.mjs");
