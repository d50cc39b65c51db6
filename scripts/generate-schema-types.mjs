#!/usr/bin/env node
// Generates src/generated/*.ts from schemas/*.schema.json so that each data shape is written once.
// Usage: node scripts/generate-schema-types.mjs [--check]   (--check fails when a generated file is stale)
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";
import { writeGenerated } from "./generated-file.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

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
  writeGenerated(root, path.join(root, "src", "generated", `${name}.ts`), source, "npm run gen:types");
}
/** A description beside a $ref documents the property; dropping it keeps one TypeScript type per definition. */
function withoutRefDescriptions(node) {
  if (Array.isArray(node)) return node.map(withoutRefDescriptions);
  if (node === null || typeof node !== "object") return node;
  const entries = Object.entries(node).filter(([key]) => !("$ref" in node && key === "description"));
  return Object.fromEntries(entries.map(([key, value]) => [key, withoutRefDescriptions(value)]));
}
