import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";
import { Worker } from "node:worker_threads";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adoptOptimizerState, compilersConfigured, optimizerState, withOptimizer, withoutOptimizer } from "../../src/util/optimizer.js";

// Whether V8's optimiser is on is seen through what depends on it: V8 accepts a code cache only under
// the flags it was made with. Each check compiles a source this process has not compiled before (V8
// would otherwise find it in its own compilation cache), with a cache that a child process made under
// this process's flags.
const SOURCES = 30;
const sourceText = (index: number): string => `(function check${String(index)}(n) { let total = 0; for (let i = 0; i < n; i++) total += i * ${String(index)}; return total; })`;
let caches: Buffer[] = [];
let checks = 0;

/** Whether V8 accepts a code cache made with the optimiser on, now. */
function cacheAccepted(): boolean {
  const index = checks++;
  if (index >= SOURCES) throw new Error("optimizer.test: more checks than sources");
  return !new vm.Script(sourceText(index), { filename: `check-${String(index)}.js`, cachedData: caches[index] }).cachedDataRejected;
}

let folder = "";

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), "klotho-optimizer-"));
  const maker = path.join(folder, "make-caches.cjs");
  const sources = Array.from({ length: SOURCES }, (_, index) => sourceText(index));
  writeFileSync(
    maker,
    `const vm = require("node:vm"), fs = require("node:fs"), path = require("node:path");
${JSON.stringify(sources)}.forEach((text, i) => fs.writeFileSync(path.join(${JSON.stringify(folder)}, "cache-" + i + ".bin"), new vm.Script(text, { filename: "check-" + i + ".js" }).createCachedData()));`,
  );
  const made = spawnSync(process.execPath, [...process.execArgv, maker], { encoding: "utf8" });
  expect(made.status, made.stderr).toBe(0);
  caches = sources.map((_, index) => readFileSync(path.join(folder, `cache-${String(index)}.bin`)));
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe("compilersConfigured", () => {
  it("is true for Node flags about V8's compilers, in either spelling, and false for others", () => {
    for (const flag of ["--no-opt", "--opt", "--no-turbofan", "--max-opt=2", "--max_opt=2", "--jitless", "--no-maglev", "--always-sparkplug", "--always_sparkplug", "--lite-mode"]) {
      expect(compilersConfigured([flag]), flag).toBe(true);
    }
    for (const flag of ["--trace-opt", "--enable-source-maps", "--max-old-space-size=4096", "--v8-pool-size=1", "--require=./options.js", "", "opt"]) {
      expect(compilersConfigured([flag]), flag).toBe(false);
    }
  });

  it("is false in this test process, so that the tests below see the pause", () => {
    expect(compilersConfigured()).toBe(false);
  });
});

describe("the optimiser's pause", () => {
  it("is off by default and on inside withoutOptimizer, except while withOptimizer holds the optimiser on", async () => {
    expect(cacheAccepted()).toBe(true);
    await withoutOptimizer(async () => {
      expect(cacheAccepted()).toBe(false);
      expect(withOptimizer(() => cacheAccepted())).toBe(true);
      // Nested holds: the optimiser stays on until the outer one ends.
      expect(withOptimizer(() => [withOptimizer(() => cacheAccepted()), cacheAccepted()])).toEqual([true, true]);
      expect(cacheAccepted()).toBe(false);
      await Promise.resolve();
      expect(cacheAccepted()).toBe(false);
    });
    expect(cacheAccepted()).toBe(true);
  });

  it("lasts until the last of nested pauses ends, and ends when the work fails", async () => {
    await withoutOptimizer(async () => {
      await withoutOptimizer(() => Promise.resolve());
      expect(cacheAccepted()).toBe(false);
    });
    expect(cacheAccepted()).toBe(true);
    await expect(withoutOptimizer(() => Promise.reject(new Error("layout failed")))).rejects.toThrow("layout failed");
    expect(cacheAccepted()).toBe(true);
    await withoutOptimizer(() => {
      expect(() =>
        withOptimizer(() => {
          throw new Error("compile failed");
        }),
      ).toThrow("compile failed");
      expect(cacheAccepted()).toBe(false);
      return Promise.resolve();
    });
    expect(cacheAccepted()).toBe(true);
  });

  it("asked for while a compile holds the optimiser on, starts when the compile is done", async () => {
    let release = (): void => undefined;
    const paused = withOptimizer(() => {
      const pause = withoutOptimizer(() => new Promise<void>((resolve) => (release = resolve)));
      expect(cacheAccepted()).toBe(true);
      return pause;
    });
    expect(cacheAccepted()).toBe(false);
    release();
    await paused;
    expect(cacheAccepted()).toBe(true);
  });

  it("asked for on another thread sharing the state, lets this thread's compiles from a cache through", async () => {
    // The worker runs the same module, transpiled (it imports nothing but node:v8).
    const source = readFileSync(path.join(import.meta.dirname, "../../src/util/optimizer.ts"), "utf8");
    const moduleFile = path.join(folder, "optimizer.mjs");
    writeFileSync(moduleFile, ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText);
    const workerFile = path.join(folder, "pausing-worker.mjs");
    writeFileSync(
      workerFile,
      `import { parentPort, workerData } from "node:worker_threads";
import { adoptOptimizerState, withoutOptimizer } from ${JSON.stringify(moduleFile)};
adoptOptimizerState(workerData.optimizer);
await withoutOptimizer(() => new Promise((resolve) => { parentPort.once("message", resolve); parentPort.postMessage("paused"); }));
parentPort.postMessage("resumed");`,
    );
    const worker = new Worker(workerFile, { workerData: { optimizer: optimizerState() } });
    const hear = (): Promise<unknown> =>
      new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
    try {
      expect(await hear()).toBe("paused");
      expect(cacheAccepted()).toBe(false);
      expect(withOptimizer(() => cacheAccepted())).toBe(true);
      expect(cacheAccepted()).toBe(false);
      const resumed = hear();
      worker.postMessage("go on");
      expect(await resumed).toBe("resumed");
      expect(cacheAccepted()).toBe(true);
    } finally {
      await worker.terminate();
    }
  });

  it("refuses a state that is not one (not shared between threads, or of another size)", () => {
    expect(() => {
      adoptOptimizerState(new Int32Array(3));
    }).toThrow("not an optimizer state");
    expect(() => {
      adoptOptimizerState(new Int32Array(new SharedArrayBuffer(8)));
    }).toThrow("not an optimizer state");
  });
});
