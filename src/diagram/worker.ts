import { parentPort, workerData } from "node:worker_threads";
import { adoptOptimizerState } from "../util/optimizer.js";
import type { PreviousDiagram } from "../load/previous-diagram.js";
import { expectDiagram, prepareDiagram, renderTopology, type DiagramMessage } from "./index.js";

// The diagram on a second thread (see startDiagramRenderer): sharp loads while the main thread reads
// the project (prepareDiagram), ELK once told what the output folder holds (expectDiagram) while it
// analyses; the plan comes in as a message and is drawn against that folder's diagram, and the files
// and progress lines go back as one.
adoptOptimizerState((workerData as { optimizer: Int32Array }).optimizer);
let previous: PreviousDiagram | undefined;
parentPort?.on("message", (message: DiagramMessage) => {
  if (message.kind === "expect") {
    previous = message.previous;
    expectDiagram(previous);
  } else {
    void renderTopology(message.plan, previous).then((output) => parentPort?.postMessage(output));
  }
});
prepareDiagram();
