import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import type * as codeCacheModule from "../../src/load/code-cache.js";
import { codeCacheName, runCommonJs } from "../../src/load/code-cache.js";

const dist = path.resolve(import.meta.dirname, "../../dist");

const folder = mkdtempSync(path.join(os.tmpdir(), "klotho-code-cache-"));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function commonJs(name: string, text: string): { file: string; text: string } {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  return { file, text: readFileSync(file, "utf8") };
}

describe("CommonJS run with a V8 code cache", () => {
  it("runs the file as Node would (exports, module, require, __filename), with or without the cache, and V8 takes the cache made from it", () => {
    const { file, text } = commonJs("a.js", 'const path = require("node:path");\nexports.name = path.basename(__filename);\nmodule.exports.twice = (n) => n * 2;\n');
    const first = runCommonJs(file, text);
    const cached = runCommonJs(file, text, first.script.createCachedData());
    expect(cached.script.cachedDataRejected).toBe(false);
    for (const { module } of [first, cached]) {
      const exports = module.exports as { name: string; twice: (n: number) => number };
      expect(exports.name).toBe("a.js");
      expect(exports.twice(21)).toBe(42);
    }
  });

  // V8 checks a cache against the length of the text only (Node 20 takes one made from other text
  // of the same length), so the cache's name carries a hash of the text it was made from.
  it("names a cache by the text it was made from, so an updated package never meets its old cache", () => {
    expect(codeCacheName("pkg/lib/x.js", "module.exports = 1;\n")).not.toBe(codeCacheName("pkg/lib/x.js", "module.exports = 2;\n"));
    expect(codeCacheName("pkg/lib/x.js", "module.exports = 1;\n")).toMatch(/^pkg_lib_x\.js\.[0-9a-f]{16}\.bin$/);
  });

  // `npm test` builds dist/ first, with its code cache of ELK; the sources have none and use require.
  it.runIf(existsSync(path.join(dist, "code-cache")))("loads a module from its cache once per thread, like require: every layout uses the same ELK", async () => {
    const built = (await import(path.join(dist, "load/code-cache.js"))) as typeof codeCacheModule;
    const first = built.requireWithCodeCache("elkjs/lib/elk.bundled.js");
    expect(typeof first).toBe("function");
    expect(built.requireWithCodeCache("elkjs/lib/elk.bundled.js")).toBe(first);
    // It came from the cache, not from require's own cache.
    expect(first).not.toBe(createRequire(import.meta.url)("elkjs/lib/elk.bundled.js"));
  });
});
