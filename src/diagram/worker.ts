import { parentPort } from "node:worker_threads";
import type { Plan } from "../plan/index.js";
import { warmUpDiagram, renderTopology } from "./index.js";

// The diagram on a second thread (see startDiagramRenderer): ELK and sharp load and warm up while the
// main thread plans; the plan comes in as a message and the files and progress lines go back as one.
await warmUpDiagram();
parentPort?.once("message", (plan: Plan) => {
  void renderTopology(plan).then((output) => parentPort?.postMessage(output));
});
