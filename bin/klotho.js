#!/usr/bin/env node
// The klotho command. The compiler is TypeScript built by `npm run build` (run by `npm ci`): compiled
// into dist/ and bundled into dist/bundle/, which is what runs here, compiled with the V8 code caches
// the build made (a run compiles little of its own code). This file is CommonJS (bin/package.json),
// as the bundle is: Node starts a CommonJS entry without its ES module loader, about 20 ms sooner.
"use strict";
const { existsSync } = require("node:fs");
const path = require("node:path");

const bundle = path.join(__dirname, "..", "dist", "bundle");
const args = process.argv.slice(2);
if (args.length === 1 && args[0] === "--version") {
  // `klotho --version` alone prints the line main() prints for it (test/cli/binary.test.ts compares
  // them) without loading the bundle: about 35 ms less.
  process.stdout.write(`${require("../package.json").version}\n`);
} else if (!existsSync(path.join(bundle, "main.cjs"))) {
  process.stderr.write("klotho: dist/bundle/ is missing; run `npm run build` in the klotho folder first.\n");
  process.exitCode = 2;
} else {
  require(path.join(bundle, "code-cache.cjs")).useBundleCodeCache(bundle);
  require(path.join(bundle, "main.cjs"))
    .main(args)
    .then((code) => {
      process.exitCode = code;
    });
}
