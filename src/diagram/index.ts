import { Worker } from "node:worker_threads";
import type { PreviousDiagram } from "../load/previous-diagram.js";
import type { Plan } from "../plan/index.js";
import { progressMessages } from "../diagnostics/progress.js";
import { drawScene } from "./draw.js";
import { loadElk } from "./elk-layout.js";
import { layoutTopology, type Layout } from "./layout.js";
import { isPngOf, loadSharp, pngRenderer, sceneToPng } from "./png.js";
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

/** The diagram's files and the progress line announcing them. */
export interface TopologyOutput {
  readonly files: DiagramFile[];
  readonly progress: string[];
  /** Milliseconds of the diagram's own steps, for `--timings`: `diagram_layout` (topology, ELK, SVG) and `diagram_png`. */
  readonly timings: Record<string, number>;
}

/**
 * `<app>.json`, `<app>.svg` and `<app>.png` for the plan, and the progress line announcing them. The
 * PNG is most of the diagram's time (half a second for a 15-megapixel one); a recompile whose SVG
 * comes out the same as the `previous` one, which this renderer drew, keeps that PNG: the same SVG,
 * librsvg and settings would draw the same bytes.
 */
export async function renderTopology(plan: Plan, previous?: PreviousDiagram): Promise<TopologyOutput> {
  const started = performance.now();
  const drawing = await drawPlan(plan);
  const drawn = performance.now();
  const unchanged = previous !== undefined && previous.svg === drawing.svg && isPngOf(previous.png, pngRenderer());
  const png = unchanged ? previous.png : await sceneToPng(drawing.scene, titleOf(plan));
  return {
    timings: { diagram_layout: drawn - started, diagram_png: performance.now() - drawn },
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

/** What the diagram's thread is sent: the plan, and the output folder's diagram from an earlier compile. */
export interface DiagramRequest {
  readonly plan: Plan;
  readonly previous?: PreviousDiagram;
}

/** A diagram renderer started ahead of the plan: `render` once, or `cancel` when there is nothing to draw. */
export interface DiagramRenderer {
  /** The plan's diagram; `previous`, the output folder's, is kept where it is the same drawing. */
  render(plan: Plan, previous?: PreviousDiagram): Promise<TopologyOutput>;
  cancel(): void;
}

/**
 * Starts renderTopology's worker thread now, so it loads ELK and sharp on the second core while the
 * caller parses and plans; `render` then lays out and rasterises there while the caller rewrites the
 * units and renders the Pulumi program. The output is the same bytes as renderTopology's. Run from
 * the TypeScript sources (the tests) there is no compiled worker, so it renders in this thread.
 */
export function startDiagramRenderer(): DiagramRenderer {
  // Beside this module: worker.js in dist/diagram/, worker.cjs in the CommonJS bundle.
  const extension = /\.c?js$/.exec(import.meta.url)?.[0];
  if (extension === undefined) return { render: renderTopology, cancel: () => undefined };
  const thread = new Worker(new URL(`./worker${extension}`, import.meta.url));
  const done = new Promise<TopologyOutput>((resolve, reject) => {
    thread.once("message", (output: TopologyOutput) => {
      resolve({ ...output, files: output.files.map((file) => ({ path: file.path, contents: typeof file.contents === "string" ? file.contents : Buffer.from(file.contents) })) });
      void thread.terminate();
    });
    thread.once("error", reject);
    thread.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the diagram worker exited with code ${String(code)}`));
    });
  });
  done.catch(() => undefined);
  // An idle worker must not keep the process alive (a failed compile never calls render). After the
  // listeners: adding a "message" listener refs the worker's port again.
  thread.unref();
  return {
    render(plan, previous) {
      thread.ref();
      // The diagram needs resources, routes and edges; decisions and source ranges stay behind.
      const message: DiagramRequest = { plan: { ...plan, resources: plan.resources.map((resource) => ({ ...resource, provenance: [], source: [] })) }, ...(previous ? { previous } : {}) };
      thread.postMessage(message);
      return done;
    },
    cancel: () => void thread.terminate(),
  };
}

/**
 * Loads ELK (from the build's code cache) and sharp, so the real plan finds them ready. It draws
 * nothing: measured on 2 cores, a practice drawing (ELK's JIT and librsvg warmed on a tiny plan)
 * took CPU from the main thread's parse and, on a small app, was still running when the real plan
 * arrived; the 100- and 1,000-file bench apps compiled 4-18% faster without it.
 */
export function prepareDiagram(): void {
  loadElk();
  loadSharp();
}
