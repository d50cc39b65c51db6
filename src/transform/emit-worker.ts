import { parentPort, workerData } from "node:worker_threads";
import type { EmitWorkerMessage } from "./emit.js";
import { EMIT_BATCH, emitAll, loadTypeScript, type EmitRequest } from "./typescript.js";

// TypeScript's emit on a thread of its own (see emitJavaScript): the files come in as the thread's
// data; their JavaScript goes back a batch at a time, so that this thread's heap holds one batch's
// output, not the whole app's, then `done`.
const files = workerData as readonly EmitRequest[];
const ts = loadTypeScript();
for (let start = 0; start < files.length; start += EMIT_BATCH) {
  const message: EmitWorkerMessage = { emitted: [...emitAll(ts, files.slice(start, start + EMIT_BATCH))] };
  parentPort?.postMessage(message);
}
parentPort?.postMessage({ done: true } satisfies EmitWorkerMessage);
