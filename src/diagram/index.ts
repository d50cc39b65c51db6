import type { Plan } from "../plan/index.js";
import { progressMessages } from "../diagnostics/progress.js";
import { drawScene } from "./draw.js";
import { layoutTopology, type Layout } from "./layout.js";
import { sceneToPng } from "./png.js";
import type { Scene } from "./scene.js";
import { writeSvg } from "./svg.js";
import { topologyJson, topologyOf, type Topology } from "./topology.js";

/** A file of the diagram, relative to the output folder. */
export interface DiagramFile {
  readonly path: string;
  readonly contents: string | Uint8Array;
}

/** Every step of the drawing, for the tests: the topology, its layout, the scene and the SVG. */
export interface Drawing {
  readonly topology: Topology;
  readonly layout: Layout;
  readonly scene: Scene;
  readonly svg: string;
}

/** The plan drawn as a topology, laid out and turned into SVG (no PNG yet). */
export async function drawPlan(plan: Plan): Promise<Drawing> {
  const topology = topologyOf(plan);
  const layout = await layoutTopology(topology);
  const scene = drawScene(topology, layout);
  return { topology, layout, scene, svg: writeSvg(scene, titleOf(plan)) };
}

/** `<app>.json`, `<app>.svg` and `<app>.png` for the plan, and the progress line announcing them. */
export async function renderTopology(plan: Plan): Promise<{ files: DiagramFile[]; progress: string[] }> {
  const drawing = await drawPlan(plan);
  const png = await sceneToPng(drawing.scene, titleOf(plan));
  return {
    files: [
      { path: `${plan.app}.json`, contents: topologyJson(drawing.topology) },
      { path: `${plan.app}.png`, contents: png },
      { path: `${plan.app}.svg`, contents: drawing.svg },
    ],
    progress: [progressMessages.addingResource(`topology:${plan.app}`)],
  };
}

function titleOf(plan: Plan): string {
  return `${plan.app} topology`;
}
