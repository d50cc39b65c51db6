import { parentPort } from "node:worker_threads";
import type { Plan } from "../plan/index.js";
import { prepareDiagram, renderTopology } from "./index.js";

// The diagram on a second thread (see startDiagramRenderer): ELK and sharp load while the
// main thread plans; the plan comes in as a message and the files and progress lines go back as one.
prepareDiagram();
parentPort?.once("message", (plan: Plan) => {
  void renderTopology(plan).then((output) => parentPort?.postMessage(output));
});
