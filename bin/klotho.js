#!/usr/bin/env node
// The klotho command. The compiler is TypeScript built by `npm run build` (run by `npm ci`): compiled
// into dist/ and bundled into dist/bundle/, which is what runs here, compiled with the V8 code caches
// the build made (a run compiles little of its own code).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const entry = fileURLToPath(new URL("../dist/bundle/main.cjs", import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write("klotho: dist/bundle/ is missing; run `npm run build` in the klotho folder first.\n");
  process.exitCode = 2;
} else {
  const { useBundleCodeCache } = await import(new URL("../dist/load/code-cache.js", import.meta.url).href);
  useBundleCodeCache(fileURLToPath(new URL("../dist/bundle", import.meta.url)));
  const { main } = createRequire(import.meta.url)(entry);
  process.exitCode = await main(process.argv.slice(2));
}
