import { existsSync } from "node:fs";
import path from "node:path";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import type * as emitModule from "../../src/transform/emit.js";
import { emitJavaScript, emitThreads } from "../../src/transform/emit.js";
import { loadTypeScript, type EmitRequest } from "../../src/transform/typescript.js";

const compiled = path.resolve(import.meta.dirname, "../../dist/transform/emit.js");

// A NestJS controller (decorators and their metadata, CommonJS), an ES module with a namespace (left to
// TypeScript) and one whose types are simply deleted.
const nest = { tsconfig: true, emit: { module: "commonjs", target: "ES2021", experimentalDecorators: true, emitDecoratorMetadata: true } };
const FILES: EmitRequest[] = [
  { path: "src/cats.controller.ts", moduleKind: "cjs", project: nest, text: 'import { Controller, Get, Param } from "@nestjs/common";\nimport { CatsService } from "./cats.service";\n\n@Controller("cats")\nexport class CatsController {\n  constructor(private readonly cats: CatsService) {}\n\n  @Get(":id")\n  find(@Param("id") id: string): Promise<string> {\n    return this.cats.find(id);\n  }\n}\n' },
  { path: "src/cats.service.ts", moduleKind: "cjs", project: nest, text: 'import { Injectable } from "@nestjs/common";\n\n@Injectable()\nexport class CatsService {\n  private readonly names = new Map<string, string>();\n  async find(id: string): Promise<string> {\n    return this.names.get(id) ?? "";\n  }\n}\n' },
  { path: "src/shapes.ts", moduleKind: "esm", text: "export namespace Shapes {\n  export const sides: number = 4;\n}\n" },
  { path: "src/plain.ts", moduleKind: "esm", text: "export const answer: number = 42;\n" },
];

/** The workers started while `run` runs, the codes of the errors they failed with and how many batches they answered. */
async function workersDuring<T>(run: () => Promise<T>): Promise<{ result: T; workers: Worker[]; failures: unknown[]; answers: number }> {
  const workers: Worker[] = [];
  const failures: unknown[] = [];
  let answers = 0;
  const started = (worker: Worker): void => {
    workers.push(worker);
    worker.on("error", (error: NodeJS.ErrnoException) => failures.push(error.code));
    worker.on("message", () => answers++);
  };
  process.on("worker", started);
  try {
    const result = await run();
    return { result, workers, failures, answers };
  } finally {
    process.off("worker", started);
  }
}

describe("TypeScript's emit on threads of its own", () => {
  it("stays on this thread from the sources, where there is no compiled worker", async () => {
    const { result, workers } = await workersDuring(() => emitJavaScript(FILES, { threadFrom: 1 }));
    expect(workers).toHaveLength(0);
    expect(result).toEqual(await emitJavaScript(FILES, { typescript: loadTypeScript }));
  });

  // `npm test` builds dist/ first; the worker exists only there.
  it.runIf(existsSync(compiled))("gives every file the same JavaScript and map as this thread's emit", async () => {
    const background = (await import(compiled)) as typeof emitModule;
    const inThread = await emitJavaScript(FILES, { typescript: loadTypeScript });
    const { result, workers, failures } = await workersDuring(() => background.emitJavaScript(FILES, { threadFrom: 1 }));
    expect(workers).toHaveLength(1);
    expect(failures).toEqual([]);
    expect([...result.keys()].sort()).toEqual([...inThread.keys()].sort());
    for (const [key, output] of inThread) expect(result.get(key)).toEqual(output);
    // The decorators' metadata came through: NestJS injects the service by it.
    expect([...result.values()].map((file) => file.code.text).join("\n")).toMatch(/__metadata\("design:paramtypes", \[.*cats_service_1\.CatsService.*\]\)/);
  });

  // A batch that cannot be sent to a thread (a value structured clone refuses) is emitted on this one.
  it.runIf(existsSync(compiled))("emits on this thread what its own cannot be sent, with the same result", async () => {
    const background = (await import(compiled)) as typeof emitModule;
    const unsendable = FILES.map((file) => ({ ...file, onlyHere: () => file.path }));
    const { result, workers, answers } = await workersDuring(() => background.emitJavaScript(unsendable, { threadFrom: 1 }));
    expect(workers).toHaveLength(1);
    expect(answers).toBe(0);
    expect(result).toEqual(await emitJavaScript(FILES, { typescript: loadTypeScript }));
  });

  // Five batches (of two files) on two threads: each thread takes the next batch when it answers one;
  // the third batch cannot be sent, so this thread emits it, and the threads the others.
  it.runIf(existsSync(compiled))("shares the batches among its threads and emits here the one they cannot take", async () => {
    const background = (await import(compiled)) as typeof emitModule;
    const many: EmitRequest[] = Array.from({ length: 9 }, (_, index) => ({
      path: `src/feature${String(index)}.service.ts`,
      moduleKind: "cjs",
      project: nest,
      text: `import { Injectable } from "@nestjs/common";\n\n@Injectable()\nexport class Feature${String(index)}Service {\n  readonly id: number = ${String(index)};\n}\n`,
    }));
    const requests = many.map((file, index) => (index === 4 ? { ...file, onlyHere: () => file.path } : file));
    const { result, workers, failures, answers } = await workersDuring(() => background.emitJavaScript(requests, { threadFrom: 1, threads: 2, threadBatch: 2 }));
    expect(workers).toHaveLength(2);
    expect(failures).toEqual([]);
    expect(answers).toBe(4);
    const inThread = await emitJavaScript(many, { typescript: loadTypeScript });
    expect(result.size).toBe(many.length);
    for (const [key, output] of inThread) expect(result.get(key)).toEqual(output);
  });

  // A real heap overflow: 4 MB is far less than loading TypeScript takes, so the thread dies of it
  // (Node's ERR_WORKER_OUT_OF_MEMORY), as one would on a batch over EMIT_THREAD_HEAP_MB.
  it.runIf(existsSync(compiled))("emits on this thread when its own runs out of memory, with the same result", async () => {
    const background = (await import(compiled)) as typeof emitModule;
    const { result, workers, failures } = await workersDuring(() => background.emitJavaScript(FILES, { threadFrom: 1, threadHeapMb: 4 }));
    expect(workers).toHaveLength(1);
    expect(failures).toEqual(["ERR_WORKER_OUT_OF_MEMORY"]);
    expect(result).toEqual(await emitJavaScript(FILES, { typescript: loadTypeScript }));
  });

  it.runIf(existsSync(compiled))("starts one thread when asked for none", async () => {
    const background = (await import(compiled)) as typeof emitModule;
    const { result, workers } = await workersDuring(() => background.emitJavaScript(FILES, { threadFrom: 1, threads: 0 }));
    expect(workers).toHaveLength(1);
    expect(result).toEqual(await emitJavaScript(FILES, { typescript: loadTypeScript }));
  });

  it("leaves a core to the diagram's thread, and takes at most two", () => {
    expect([1, 2, 3, 4, 16].map((cores) => emitThreads(cores))).toEqual([1, 1, 2, 2, 2]);
  });

  it.runIf(existsSync(compiled))("keeps fewer files than the threshold on this thread", async () => {
    const background = (await import(compiled)) as typeof emitModule;
    const { workers } = await workersDuring(() => background.emitJavaScript(FILES));
    expect(workers).toHaveLength(0);
  });
});
