import { parentPort, workerData } from "node:worker_threads";
import type { Plan } from "../plan/index.js";
import { renderTopology } from "./index.js";

// The diagram on a second thread (see renderTopologyInBackground): the plan comes in as workerData,
// the files and progress lines go back as one message.
const plan = (workerData as { plan: Plan }).plan;
parentPort?.postMessage(await renderTopology(plan));
