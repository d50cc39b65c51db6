#!/usr/bin/env node
// Part of `npm run build`, after tsc: parses klotho's own YAML files (rules/, providers/) once and
// writes their values, keyed by their exact text, to dist/yaml-cache.json. A compile then reads one
// JSON file instead of parsing some 35 YAML documents (about 0.08 s a run); text that differs from
// what was built (an edited rule file) is parsed as usual, so the cache can never be stale.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { parseLocatedYaml } from "../dist/load/yaml-document.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entries = [];
for (const folder of ["rules", "providers"]) {
  const files = readdirSync(path.join(root, folder), { recursive: true })
    .map(String)
    .filter((file) => /\.ya?ml$/.test(file))
    .sort();
  for (const file of files) {
    const text = readFileSync(path.join(root, folder, file), "utf8");
    const document = parseLocatedYaml(file, text);
    // Only documents that parse cleanly and survive JSON unchanged (no NaN, no Infinity) are cached.
    if (document.syntaxErrors.length > 0 || !isDeepStrictEqual(JSON.parse(JSON.stringify(document.value)), document.value)) continue;
    entries.push([text, document.value]);
  }
}
writeFileSync(path.join(root, "dist/yaml-cache.json"), JSON.stringify(entries));
process.stdout.write(`build-yaml-cache: ${entries.length} YAML files → dist/yaml-cache.json\n`);
