#!/usr/bin/env node
// The klotho command. The compiler is TypeScript built by `npm run build` (run by `npm ci`): compiled
// into dist/ and bundled into dist/bundle/, which is what runs here.
import { existsSync } from "node:fs";

const entry = new URL("../dist/bundle/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("klotho: dist/bundle/ is missing; run `npm run build` in the klotho folder first.\n");
  process.exitCode = 2;
} else {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
}
