import { parentPort, workerData } from "node:worker_threads";
import { adoptOptimizerState } from "../util/optimizer.js";
import type { EmitWorkerMessage } from "./emit.js";
import { emitAll, loadTypeScript, type EmitRequest } from "./typescript.js";

// TypeScript's emit on a thread of its own (see emitJavaScript): each message is a batch of files,
// answered with their JavaScript, so that this thread's heap holds one batch's output at a time, not
// the whole app's. TypeScript loads while the first batch is on its way, from its code cache, which
// V8 accepts only with the optimiser on: the thread takes part in its parent's state (util/optimizer.ts).
adoptOptimizerState((workerData as { optimizer: Int32Array }).optimizer);
const ts = loadTypeScript();
parentPort?.on("message", (batch: readonly EmitRequest[]) => {
  const message: EmitWorkerMessage = { emitted: [...emitAll(ts, batch)] };
  parentPort?.postMessage(message);
});
