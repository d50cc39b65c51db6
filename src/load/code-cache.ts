import { isAscii } from "node:buffer";
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";
import { crc32 } from "node:zlib";
import { withOptimizer } from "../util/optimizer.js";

const require = createRequire(import.meta.url);

/** The folder of the V8 code caches `npm run build` made (dist/code-cache/); none beside the TypeScript sources. */
const CACHES = fileURLToPath(new URL("../code-cache/", import.meta.url));

/**
 * The file name of a package file's code cache in dist/code-cache/, for the file's text (or its bytes,
 * as UTF-8): named by the content's CRC-32 and length, so that a file changed since the build finds no
 * cache. A cache only has to tell the build's text from a later one, not withstand a forger (the cache
 * is as writable as the file), and V8 itself checks no more than the length: CRC-32 reads the 1.7 MB a
 * compile starts with in about 1.5 ms, SHA-256 took 11.
 */
export function codeCacheName(specifier: string, content: string | Uint8Array): string {
  const length = typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
  return `${specifier.replace(/[^A-Za-z0-9.-]/g, "_")}.${crc32(content).toString(16).padStart(8, "0")}-${length.toString(16)}.bin`;
}

/**
 * A package file's bytes and text, for requireWithCodeCache: the bytes to name its cache by (hashing
 * TypeScript's 9 MB as bytes takes a fraction of hashing its text, which is encoded again first), the
 * text decoded as Latin-1 when it is ASCII (the same text, with no UTF-8 to check).
 */
export function readCommonJs(file: string): { bytes: Buffer; text: string } {
  const bytes = readFileSync(file);
  return { bytes, text: bytes.toString(isAscii(bytes) ? "latin1" : "utf8") };
}

/**
 * `require(specifier)` for a large CommonJS file, compiled with the V8 code cache the build made
 * after running it (scripts/build/code-cache.mjs), so its functions need not be compiled again.
 * The cache is named by a hash of the text it was made from (V8 itself only compares lengths), so
 * a package updated since the build is compiled as usual; so is one V8 refuses the cache for (another
 * Node version). Without a cache it is a plain `require`.
 */
export function requireWithCodeCache(specifier: string): unknown {
  let exports = loaded.get(specifier);
  if (exports === undefined) {
    const file = require.resolve(specifier);
    const { bytes, text } = readCommonJs(file);
    const cache = path.join(CACHES, codeCacheName(specifier, bytes));
    exports = existsSync(cache) ? runCommonJs(file, text, readFileSync(cache)).module.exports : require(specifier);
    loaded.set(specifier, exports);
  }
  return exports;
}

// Modules loaded with their code cache, like require's own cache: each runs once per thread.
const loaded = new Map<string, unknown>();

/**
 * Runs a CommonJS file (`text` read from `file`) as Node would, compiled with `cachedData` when
 * given; returns its module and script (to make a cache from).
 */
export function runCommonJs(file: string, text: string, cachedData?: Buffer): { module: { exports: unknown }; script: vm.Script } {
  const script = compileCommonJs(file, text, cachedData);
  const module = { exports: {} as unknown };
  runCompiled(script, file, module);
  return { module, script };
}

/** Compiles a CommonJS file in Node's own wrapper (`#!` line a comment), with `cachedData` when given. */
function compileCommonJs(file: string, text: string, cachedData: Buffer | undefined): vm.Script {
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${text.replace(/^#!/, "//")}\n})`;
  // import() in the file loads through Node's own loader, as in a file Node compiled.
  const importModuleDynamically = vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!cachedData) return new vm.Script(wrapper, { filename: file, importModuleDynamically });
  // With the optimiser on: V8 accepts a cache only under the flags it was made with, and another thread may have paused it.
  return withOptimizer(() => new vm.Script(wrapper, { filename: file, importModuleDynamically, cachedData }));
}

/** Runs a compiled file into `module` (`this` its exports, `require` relative to the file). */
function runCompiled(script: vm.Script, file: string, module: { exports: unknown }): void {
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}

/** What loading the bundle's chunks with their code caches did in this thread. */
export interface BundleCacheReport {
  /** Chunks compiled from their code cache. */
  readonly cached: string[];
  /** Chunks compiled from source: no cache for their text, or one V8 refused. */
  readonly compiled: string[];
  /** Writes the code caches of every chunk compiled so far (the build, after a representative run). */
  writeCaches(): number;
  /** Puts `require` back as it was (chunks already loaded stay loaded). */
  restore(): void;
}

/** The part of Node's CommonJS module that compiles a file (what require hooks such as this one replace). */
interface CommonJsModule {
  exports: unknown;
  _compile: (this: CommonJsModule, content: string, filename: string) => unknown;
}

/**
 * Makes `require` compile the CommonJS files of `bundleDir` (the CLI's bundle) with the V8 code cache
 * of their text in `cacheDir`, written after a run of the compiler (scripts/build/code-cache.mjs), so
 * a compile neither parses nor compiles again the functions that run every time. Other files load as
 * usual. Call it once per thread, before requiring the bundle.
 */
export function useBundleCodeCache(bundleFolder: string, cacheDir: string = CACHES): BundleCacheReport {
  // Node names a module by its real path: a bundle reached through a symbolic link must be compared as that.
  const bundleDir = realpathSync(bundleFolder);
  const moduleClass = require("node:module") as { prototype: CommonJsModule };
  const original = moduleClass.prototype._compile;
  const scripts = new Map<string, vm.Script>();
  const report: BundleCacheReport = {
    cached: [],
    compiled: [],
    writeCaches() {
      for (const [file, script] of scripts) writeFileSync(file, script.createCachedData());
      return scripts.size;
    },
    restore() {
      moduleClass.prototype._compile = original;
    },
  };
  moduleClass.prototype._compile = function compileWithCache(this: CommonJsModule, content: string, filename: string): unknown {
    if (path.dirname(filename) !== bundleDir) return original.call(this, content, filename);
    const cacheFile = path.join(cacheDir, codeCacheName(path.basename(filename), content));
    const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
    const script = compileCommonJs(filename, content, cachedData);
    (cachedData && !script.cachedDataRejected ? report.cached : report.compiled).push(path.basename(filename));
    scripts.set(cacheFile, script);
    runCompiled(script, filename, this);
    return undefined;
  };
  return report;
}
