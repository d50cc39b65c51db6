import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { File } from "@babel/types";
import { stripTypes } from "./strip-types.js";
import { optimizerState } from "../util/optimizer.js";
import { EMIT_BATCH, emitAll, emitKey, finish, loadTypeScript, type EmitRequest, type Emitted, type TypeScriptApi } from "./typescript.js";

/**
 * From how many files TypeScript emits on threads of its own. The emit makes garbage fast (a program
 * per batch, its trees and transformed copies) while the compile's analysis is still alive on the
 * main thread, and V8 lets a heap grow to several times what lives in it before it collects: a
 * NestJS app of 4,800 files (6,400 to emit) peaked at 1.3 GB, and at 740 MB with the emit on its own
 * thread, in as long. Below this many the emit stays on the main thread, where it peaks well under
 * 1 GB (620 MB for 1,300 files) and a second thread is not worth starting.
 */
export const EMIT_THREAD_MIN_FILES = 2000;

/**
 * An emit thread's heap limit (MB). V8 collects more often as a heap nears its limit: emitting the
 * 4,800-file app's files beside 240 MB of other live data, the process peaked at 664-681 MB with a
 * limit of 128, 256 or 512 MB and at 800 MB without one, in the same time. The thread keeps one
 * batch of the emit alive at a time, far below it. Should a thread fail all the same (a batch over
 * the limit), that batch is emitted on the caller's thread, as are those no thread took.
 */
export const EMIT_THREAD_HEAP_MB = 512;

/**
 * How many threads emit at most. Each loads its own TypeScript and holds a batch's programs: about
 * 110 MB of peak RSS a thread (the 4,800-file NestJS app's 4,802 files emitted alone: 207, 321-329,
 * 424 and 548 MB for one to four threads), so two keep that app under 1 GB (765-824 MB in a compile).
 */
export const EMIT_THREADS_MAX = 2;

/**
 * How many threads emit: one core is left to the diagram's thread, which draws while TypeScript
 * emits (the main thread only waits). On this 2-core machine that is one: two emitted the NestJS
 * app's files alone in 22-24 s against 26-30 s, but in a compile, beside the diagram's thread, took
 * 44-59 s against 50-56 s (3 alternating runs) for 50-100 MB more.
 */
export function emitThreads(cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores - 1, EMIT_THREADS_MAX));
}

/** Options of emitJavaScript. */
export interface EmitOptions {
  /** A file's syntax tree where the caller has one for its text, so it is not parsed again to strip its types. */
  readonly syntaxTreeOf?: (file: EmitRequest) => File | undefined;
  /** TypeScript for the files left to it, on this thread (the tests count its loads); without it, loadTypeScript, on threads of its own for many files. */
  readonly typescript?: () => TypeScriptApi;
  /** From how many files left to TypeScript it runs on threads of its own (EMIT_THREAD_MIN_FILES). */
  readonly threadFrom?: number;
  /** Each thread's heap limit in MB (EMIT_THREAD_HEAP_MB). */
  readonly threadHeapMb?: number;
  /** How many threads (emitThreads(); never more than there are batches). */
  readonly threads?: number;
  /** How many files a thread is given at a time (EMIT_BATCH). */
  readonly threadBatch?: number;
}

/**
 * The JavaScript of (rewritten) TypeScript files, by emitKey: an ES module whose JavaScript is its
 * text without the types (strip-types.ts) has them deleted, which keeps its formatting and costs a
 * fifth of TypeScript's emit; TypeScript, loaded only then, emits the rest (emitAll), on threads of
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
  const byTypeScript = options.typescript
    ? emitAll(options.typescript(), rest)
    : await emitByTypeScript(rest, {
        threadFrom: options.threadFrom ?? EMIT_THREAD_MIN_FILES,
        heapMb: options.threadHeapMb ?? EMIT_THREAD_HEAP_MB,
        threads: options.threads ?? emitThreads(),
        batch: options.threadBatch ?? EMIT_BATCH,
      });
  for (const [key, output] of byTypeScript) emitted.set(key, output);
  return emitted;
}

/**
 * emitAll with TypeScript on threads of their own (emit-worker.ts) when there are `threadFrom` files
 * or more and klotho runs compiled (run from its TypeScript sources there is no worker); else on this
 * one. The threads take batches (of EMIT_BATCH files) from one queue, one at a time, so a slower thread
 * takes fewer; a batch whose thread fails (its heap limit reached) is emitted on this thread, as are
 * the batches no thread took.
 */
async function emitByTypeScript(files: readonly EmitRequest[], { threadFrom, heapMb, threads, batch }: ThreadSettings): Promise<Map<string, Emitted>> {
  // Beside this module: emit-worker.js in dist/transform/, emit-worker.cjs in the CommonJS bundle.
  const extension = /\.c?js$/.exec(import.meta.url)?.[0];
  if (extension === undefined || files.length < threadFrom) return emitAll(loadTypeScript(), files);
  const batches: EmitRequest[][] = [];
  for (let start = 0; start < files.length; start += batch) batches.push(files.slice(start, start + batch));
  const { emitted, left } = await onThreads(new URL(`./emit-worker${extension}`, import.meta.url), batches, Math.max(1, Math.min(threads, batches.length)), heapMb);
  if (left.length > 0) for (const [key, output] of emitAll(loadTypeScript(), left.flat())) emitted.set(key, output);
  return emitted;
}

/** How emitByTypeScript uses threads (see EmitOptions). */
interface ThreadSettings {
  readonly threadFrom: number;
  readonly heapMb: number;
  readonly threads: number;
  readonly batch: number;
}

/** What emit-worker.ts posts: a batch's JavaScript by emitKey. */
export interface EmitWorkerMessage {
  readonly emitted: [string, Emitted][];
}

/** The JavaScript the threads emitted, and the batches they did not (failed or never taken). */
interface ThreadsResult {
  readonly emitted: Map<string, Emitted>;
  readonly left: EmitRequest[][];
}

/** `batches` emitted by `count` threads running `worker`, each given the next batch of the queue when it answers one. */
function onThreads(worker: URL, batches: readonly EmitRequest[][], count: number, heapMb: number): Promise<ThreadsResult> {
  const emitted = new Map<string, Emitted>();
  const left: EmitRequest[][] = [];
  const queue = [...batches];
  let running = count;
  return new Promise((resolve) => {
    // Resolved once every thread has stopped, so that none outlives the emit.
    const stopped = (): void => {
      running--;
      if (running === 0) resolve({ emitted, left: [...left, ...queue.splice(0)] });
    };
    const listener: ThreadListener = {
      answered: (message) => {
        for (const [key, output] of message.emitted) emitted.set(key, output);
      },
      failed: (batch) => left.push(batch),
      stopped,
    };
    // A thread whose module cannot be loaded fails as one over its heap limit does: with an error event.
    for (let index = 0; index < count; index++) runThread(new Worker(worker, { resourceLimits: { maxOldGenerationSizeMb: heapMb }, workerData: { optimizer: optimizerState() } }), queue, listener);
  });
}

/** What a thread's owner hears from runThread. */
interface ThreadListener {
  readonly answered: (message: EmitWorkerMessage) => void;
  /** The batch the thread had when it failed or could not be sent it. */
  readonly failed: (batch: EmitRequest[]) => void;
  readonly stopped: () => void;
}

/** Feeds `thread` batches from `queue` until it is empty or the thread fails, then terminates it. */
function runThread(thread: Worker, queue: EmitRequest[][], listener: ThreadListener): void {
  let current: EmitRequest[] | undefined;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    if (current) listener.failed(current);
    thread.terminate().then(listener.stopped, listener.stopped);
  };
  const next = (): void => {
    current = queue.shift();
    if (current === undefined) {
      end();
      return;
    }
    try {
      thread.postMessage(current);
    } catch {
      // A request that cannot be sent to a thread (a value structured clone refuses) is emitted here.
      end();
    }
  };
  thread.on("message", (message: EmitWorkerMessage) => {
    listener.answered(message);
    next();
  });
  thread.once("error", end);
  thread.once("exit", end);
  next();
}
