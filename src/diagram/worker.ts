import { parentPort } from "node:worker_threads";
import { prepareDiagram, renderTopology, type DiagramRequest } from "./index.js";

// The diagram on a second thread (see startDiagramRenderer): sharp and ELK load while the main
// thread plans (prepareDiagram); the plan (with the previous diagram) comes in as a message and the
// files and progress lines go back as one.
parentPort?.once("message", ({ plan, previous }: DiagramRequest) => {
  void renderTopology(plan, previous).then((output) => parentPort?.postMessage(output));
});
prepareDiagram();
