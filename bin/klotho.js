#!/usr/bin/env node
// The klotho command. The compiler is TypeScript built into dist/ by `npm run build` (run by `npm ci`).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("klotho: dist/ is missing; run `npm run build` in the klotho folder first.\n");
  process.exitCode = 2;
} else {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
}
