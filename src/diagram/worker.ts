import { parentPort } from "node:worker_threads";
import { prepareDiagram, renderTopology, type DiagramRequest } from "./index.js";

// The diagram on a second thread (see startDiagramRenderer): ELK and sharp load while the
// main thread plans; the plan (with the previous diagram) comes in as a message and the files and
// progress lines go back as one.
prepareDiagram();
parentPort?.once("message", ({ plan, previous }: DiagramRequest) => {
  void renderTopology(plan, previous).then((output) => parentPort?.postMessage(output));
});
