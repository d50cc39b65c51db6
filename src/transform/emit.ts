import { Worker } from "node:worker_threads";
import type { File } from "@babel/types";
import { stripTypes } from "./strip-types.js";
import { emitAll, emitKey, finish, loadTypeScript, type EmitRequest, type Emitted, type TypeScriptApi } from "./typescript.js";

/**
 * From how many files TypeScript emits on a thread of its own. The emit makes garbage fast (a program
 * per batch, its trees and transformed copies) while the compile's analysis is still alive on the
 * main thread, and V8 lets a heap grow to several times what lives in it before it collects: a
 * NestJS app of 4,800 files (6,400 to emit) peaked at 1.3 GB, and at 740 MB with the emit on its own
 * thread, in as long. Below this many the emit stays on the main thread, where it peaks well under
 * 1 GB (620 MB for 1,300 files) and a second thread is not worth starting.
 */
export const EMIT_THREAD_MIN_FILES = 2000;

/**
 * The emit thread's heap limit (MB). V8 collects more often as a heap nears its limit: emitting the
 * 4,800-file app's files beside 240 MB of other live data, the process peaked at 664-681 MB with a
 * limit of 128, 256 or 512 MB and at 800 MB without one, in the same time. The thread keeps one
 * batch of the emit alive at a time, far below it. Should the thread fail all the same (a batch over
 * the limit), the files are emitted on the caller's thread, as without one.
 */
export const EMIT_THREAD_HEAP_MB = 512;

/** Options of emitJavaScript. */
export interface EmitOptions {
  /** A file's syntax tree where the caller has one for its text, so it is not parsed again to strip its types. */
  readonly syntaxTreeOf?: (file: EmitRequest) => File | undefined;
  /** TypeScript for the files left to it, on this thread (the tests count its loads); without it, loadTypeScript, on a thread of its own for many files. */
  readonly typescript?: () => TypeScriptApi;
  /** From how many files left to TypeScript it runs on a thread of its own (EMIT_THREAD_MIN_FILES). */
  readonly threadFrom?: number;
  /** That thread's heap limit in MB (EMIT_THREAD_HEAP_MB). */
  readonly threadHeapMb?: number;
}

/**
 * The JavaScript of (rewritten) TypeScript files, by emitKey: an ES module whose JavaScript is its
 * text without the types (strip-types.ts) has them deleted, which keeps its formatting and costs a
 * fifth of TypeScript's emit; TypeScript, loaded only then, emits the rest (emitAll), on a thread of
 * its own when they are many (EMIT_THREAD_MIN_FILES). Either way the JavaScript is the same.
 */
export async function emitJavaScript(files: readonly EmitRequest[], options: EmitOptions = {}): Promise<Map<string, Emitted>> {
  const emitted = new Map<string, Emitted>();
  const rest: EmitRequest[] = [];
  for (const file of files) {
    const stripped = stripTypes(file, options.syntaxTreeOf?.(file));
    // The JavaScript ends as tsc's does, its last line followed by the sourceMappingURL comment.
    if (stripped) emitted.set(emitKey(file), finish(file, stripped.text.replace(/\n$/, ""), stripped.map));
    else rest.push(file);
  }
  if (rest.length === 0) return emitted;
  const byTypeScript = options.typescript ? emitAll(options.typescript(), rest) : await emitByTypeScript(rest, options.threadFrom ?? EMIT_THREAD_MIN_FILES, options.threadHeapMb ?? EMIT_THREAD_HEAP_MB);
  for (const [key, output] of byTypeScript) emitted.set(key, output);
  return emitted;
}

/**
 * emitAll with TypeScript on a thread of its own (emit-worker.ts) when there are `threadFrom` files
 * or more and klotho runs compiled (run from its TypeScript sources there is no worker); else, or
 * when that thread fails (its heap limit reached), on this one.
 */
async function emitByTypeScript(files: readonly EmitRequest[], threadFrom: number, heapMb: number): Promise<Map<string, Emitted>> {
  // Beside this module: emit-worker.js in dist/transform/, emit-worker.cjs in the CommonJS bundle.
  const extension = /\.c?js$/.exec(import.meta.url)?.[0];
  if (extension === undefined || files.length < threadFrom) return emitAll(loadTypeScript(), files);
  try {
    return await inWorker(new URL(`./emit-worker${extension}`, import.meta.url), files, heapMb);
  } catch {
    return emitAll(loadTypeScript(), files);
  }
}

/** What emit-worker.ts posts: a batch's JavaScript by emitKey, then `done`. */
export type EmitWorkerMessage = { readonly emitted: [string, Emitted][] } | { readonly done: true };

function inWorker(worker: URL, files: readonly EmitRequest[], heapMb: number): Promise<Map<string, Emitted>> {
  return new Promise((resolve, reject) => {
    const emitted = new Map<string, Emitted>();
    const thread = new Worker(worker, { workerData: files, resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    thread.on("message", (message: EmitWorkerMessage) => {
      if ("emitted" in message) for (const [key, output] of message.emitted) emitted.set(key, output);
      else {
        resolve(emitted);
        void thread.terminate();
      }
    });
    thread.once("error", reject);
    thread.once("exit", (code) => {
      reject(new Error(`the emit worker exited with code ${String(code)}`));
    });
  });
}
