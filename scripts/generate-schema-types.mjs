#!/usr/bin/env node
// Generates src/generated/*.ts from schemas/*.schema.json so that each data shape is written once.
// Usage: node scripts/generate-schema-types.mjs [--check]   (--check fails when a generated file is stale)
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const check = process.argv.includes("--check");
let stale = 0;

const schemaFiles = readdirSync(path.join(root, "schemas"), { recursive: true })
  .map((f) => f.toString().split(path.sep).join("/"))
  .filter((f) => f.endsWith(".schema.json"))
  .sort();
for (const file of schemaFiles) {
  const schema = withoutRefDescriptions(JSON.parse(readFileSync(path.join(root, "schemas", file), "utf8")));
  const name = file.replace(/\.schema\.json$/, "");
  const banner = `/* Generated from schemas/${file} by scripts/generate-schema-types.mjs; do not edit. */`;
  const source = await compile(schema, schema.title ?? name, {
    bannerComment: banner,
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    style: { printWidth: 120 },
  });
  const target = path.join(root, "src", "generated", `${name}.ts`);
  mkdirSync(path.dirname(target), { recursive: true });
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    current = "";
  }
  if (current === source) continue;
  if (check) {
    console.error(`stale: ${path.relative(root, target)} (run npm run gen:types)`);
    stale++;
  } else {
    writeFileSync(target, source);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
/** A description beside a $ref documents the property; dropping it keeps one TypeScript type per definition. */
function withoutRefDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutRefDescriptions);
  if (node === null || typeof node !== "object") return node;
  const entries = Object.entries(node).filter(([key]) => !("$ref" in node && key === "description"));
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutRefDescriptions(value)]));
}

process.exitCode = stale > 0 ? 1 : 0;
