import { parentPort } from "node:worker_threads";
import { expectDiagram, prepareDiagram, renderTopology, type DiagramMessage } from "./index.js";

// The diagram on a second thread (see startDiagramRenderer): sharp loads while the main thread reads
// the project (prepareDiagram), ELK once told what the output folder holds (expectDiagram) while it
// analyses; the plan (with the previous diagram) comes in as a message and the files and progress
// lines go back as one.
parentPort?.on("message", (message: DiagramMessage) => {
  if (message.kind === "expect") expectDiagram(message.previous);
  else void renderTopology(message.plan, message.previous).then((output) => parentPort?.postMessage(output));
});
prepareDiagram();
