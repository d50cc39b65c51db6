import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import type * as TypeScript from "typescript";
import type * as codeCacheModule from "../../src/load/code-cache.js";
import { codeCacheName, readCommonJs, runCommonJs, useBundleCodeCache } from "../../src/load/code-cache.js";

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
  // of the same length), so the cache's name carries a checksum of the text it was made from.
  it("names a cache by the text it was made from, so an updated package never meets its old cache", () => {
    expect(codeCacheName("pkg/lib/x.js", "module.exports = 1;\n")).not.toBe(codeCacheName("pkg/lib/x.js", "module.exports = 2;\n"));
    expect(codeCacheName("pkg/lib/x.js", "module.exports = 1;\n")).toMatch(/^pkg_lib_x\.js\.[0-9a-f]{8}-14\.bin$/);
    // Every one-character change of a text of the bundle's size gives another name.
    const text = "x".repeat(1_000_000);
    const names = new Set([text, `y${text.slice(1)}`, `${text.slice(0, 500_000)}y${text.slice(500_001)}`, `${text.slice(0, -1)}y`, `${text}x`].map((t) => codeCacheName("c.cjs", t)));
    expect(names.size).toBe(5);
  });

  // A package file is read once as bytes: the cache is named by them, and they are decoded as the file's text.
  it("reads a package file as the text require would see, named by its bytes as by that text", () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), "klotho-code-cache-"));
    try {
      for (const [name, text] of [["ascii.js", "module.exports = 'plain';\n"], ["utf8.js", "module.exports = 'caf\u00e9 \u2192 \u{1f600}';\n"]] as const) {
        writeFileSync(path.join(folder, name), text);
        const read = readCommonJs(path.join(folder, name));
        expect(read.text, name).toBe(text);
        expect(codeCacheName("pkg/x.js", read.bytes), name).toBe(codeCacheName("pkg/x.js", text));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
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
  // A compile of TypeScript loads the compiler (9 MB) through the cache the build recorded after an emit.
  it.runIf(existsSync(path.join(dist, "code-cache")))("the build's TypeScript cache is made from the installed compiler, V8 takes it, and the compiler it loads emits what require's does", async () => {
    const built = (await import(path.join(dist, "load/code-cache.js"))) as typeof codeCacheModule;
    const file = createRequire(import.meta.url).resolve("typescript");
    const text = readFileSync(file, "utf8");
    const cache = path.join(dist, "code-cache", built.codeCacheName("typescript", text));
    expect(existsSync(cache), "the build wrote no cache for this TypeScript").toBe(true);
    expect(built.runCommonJs(file, text, readFileSync(cache)).script.cachedDataRejected).toBe(false);
    const fromCache = built.requireWithCodeCache("typescript") as typeof TypeScript;
    const required = createRequire(import.meta.url)("typescript") as typeof TypeScript;
    expect(fromCache).not.toBe(required);
    // The unit transform loads it this way.
    const transform = (await import(path.join(dist, "transform/typescript.js"))) as { loadTypeScript: () => unknown };
    expect(transform.loadTypeScript()).toBe(fromCache);
    const source = '@Controller("x")\nexport class X { constructor(private readonly s: Service) {} @Get() get(): number { return 1; } }\n';
    const options = { compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, module: required.ModuleKind.CommonJS, target: required.ScriptTarget.ES2022 } };
    const emitted = fromCache.transpileModule(source, options).outputText;
    expect(emitted).toBe(required.transpileModule(source, options).outputText);
    expect(emitted).toContain('__metadata("design:paramtypes", [');
  });
});

/** Copies the bundle folder `from` to a new folder (require's cache knows each file once), loads `entry` through useBundleCodeCache and reports. */
function loadBundle(from: string, caches: string, record = false): { value: unknown; cached: string[]; compiled: string[] } {
  const bundle = mkdtempSync(path.join(folder, "bundle-copy-"));
  cpSync(from, bundle, { recursive: true });
  const report = useBundleCodeCache(bundle, caches);
  try {
    const value = (createRequire(import.meta.url)(path.join(bundle, "main.cjs")) as { value: () => unknown }).value();
    if (record) report.writeCaches();
    return { value, cached: report.cached, compiled: report.compiled };
  } finally {
    report.restore();
  }
}

describe("the CLI's bundle compiled with the build's code caches", () => {
  it("compiles each chunk from the cache made from its text, runs it as require would, and compiles a changed chunk from source", () => {
    const bundle = mkdtempSync(path.join(folder, "bundle-"));
    const caches = mkdtempSync(path.join(folder, "caches-"));
    const outside = path.join(folder, "outside.cjs");
    writeFileSync(outside, "exports.word = 'outside';\n");
    writeFileSync(path.join(bundle, "main.cjs"), `const chunk = require("./chunk.cjs");\nconst outside = require(${JSON.stringify(outside)});\nexports.value = () => [chunk.name(), outside.word, require("node:path").basename(__filename), typeof module.exports];\n`);
    writeFileSync(path.join(bundle, "chunk.cjs"), "exports.name = () => 'chunk one';\n");
    const recorded = loadBundle(bundle, caches, true);
    expect(recorded).toEqual({ value: ["chunk one", "outside", "main.cjs", "object"], cached: [], compiled: ["main.cjs", "chunk.cjs"] });

    expect(loadBundle(bundle, caches)).toEqual({ value: ["chunk one", "outside", "main.cjs", "object"], cached: ["main.cjs", "chunk.cjs"], compiled: [] });

    // The same length, other text: V8 alone would take the old cache; its name no longer matches.
    writeFileSync(path.join(bundle, "chunk.cjs"), "exports.name = () => 'chunk two';\n");
    expect(loadBundle(bundle, caches)).toEqual({ value: ["chunk two", "outside", "main.cjs", "object"], cached: ["main.cjs"], compiled: ["chunk.cjs"] });
  });

  // `npm test` builds dist/ first: its bundle must come from the caches the build recorded.
  it.runIf(existsSync(path.join(dist, "code-cache")))("the build's caches are taken for every chunk a compile loads", () => {
    const project = mkdtempSync(path.join(folder, "project-"));
    writeFileSync(path.join(project, "package.json"), "{}\n");
    writeFileSync(path.join(project, "index.js"), 'const express = require("express");\nconst app = express();\napp.get("/", (req, res) => res.send("hi"));\napp.listen(3000);\n');
    const script = `
      const { useBundleCodeCache } = await import(${JSON.stringify(pathToFileURL(path.join(dist, "load/code-cache.js")).href)});
      const report = useBundleCodeCache(${JSON.stringify(path.join(dist, "bundle"))});
      const { main } = (await import("node:module")).createRequire(import.meta.url)(${JSON.stringify(path.join(dist, "bundle", "main.cjs"))});
      const code = await main([${JSON.stringify(project)}, "--app", "hi", "--provider", "aws", "-o", ${JSON.stringify(path.join(project, "compiled"))}]);
      process.stdout.write(JSON.stringify({ code, cached: report.cached, compiled: report.compiled }));`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: project });
    const outcome = JSON.parse(/\{"code".*$/m.exec(child.stdout)?.[0] ?? "{}") as { code: number; cached: string[]; compiled: string[] };
    expect(outcome.code, child.stderr).toBe(0);
    expect(outcome.compiled).toEqual([]);
    expect(outcome.cached).toEqual(expect.arrayContaining(["main.cjs", "compile.cjs", "reporter.cjs"]));
  });
});
