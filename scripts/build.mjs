#!/usr/bin/env node
// `npm run build`: compiles src/ into dist/, bundles the CLI into dist/bundle/ (what bin/klotho.js
// runs), and prepares what a compile would otherwise redo on every run: standalone schema
// validators, the values of klotho's own YAML files, the list of its built-in rule files validated,
// the compiled Nunjucks templates, and V8 code caches of ELK and of the bundle's chunks (recorded by
// compiling and explaining examples/pugs).
// Usage: node scripts/build.mjs [--out <folder>] [--force]   (dist/ goes into <folder>, default: this
// repository). A dist/ that is already the build of the sources as they are (source-digest.mjs) is left
// as it is unless --force: `npm ci` builds (prepare), and `npm test` and `npm run bench` build again.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleCli } from "./build/bundle.mjs";
import { buildCodeCaches } from "./build/code-cache.mjs";
import { writeBuildDigest } from "./build/build-digest.mjs";
import { isBuildOf, sourceDigest, writeSourceDigest } from "./build/source-digest.mjs";
import { checkBuiltInRules } from "./build/checked-rules.mjs";
import { cacheYaml } from "./build/yaml-cache.mjs";
import { precompileTemplates } from "./build/templates.mjs";
import { buildValidators } from "./build/validators.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outIndex = process.argv.indexOf("--out");
const dist = path.join(outIndex === -1 ? root : path.resolve(process.argv[outIndex + 1] ?? "."), "dist");

if (!process.argv.includes("--force") && isBuildOf(root, dist)) {
  process.stdout.write(`build: ${path.relative(process.cwd(), dist) || "."} is already the build of these sources (--force builds again)\n`);
  process.exit(0);
}
// Taken first: a source edited while the build runs makes the recorded digest stale, not wrong.
const sources = sourceDigest(root);
// A clean dist/: chunks and caches of an earlier build would otherwise be left in the package.
rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json"), "--outDir", dist], { stdio: "inherit" });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
await bundleCli(dist);
const made = [await writeBuildDigest(dist), await buildValidators(root, dist), await cacheYaml(root, dist), await checkBuiltInRules(root, dist), await precompileTemplates(root, dist), await buildCodeCaches(dist), writeSourceDigest(dist, sources)];
process.stdout.write(`build: dist/ compiled and bundled; ${made.join(", ")}\n`);
