import { Worker } from "node:worker_threads";
import { readBuildDigest } from "../load/build-digest.js";
import type { PreviousDiagram } from "../load/previous-diagram.js";
import type { Plan } from "../plan/index.js";
import { progressMessages } from "../diagnostics/progress.js";
import { drawScene } from "./draw.js";
import { loadElk } from "./elk-layout.js";
import { layoutTopology, type Layout } from "./layout.js";
import { drawingChunk, drawingKey, isDrawingOf, recordedDrawing } from "./drawing-key.js";
import { withChunks, type NewChunk } from "./png-chunks.js";
import { isPngOf, loadSharp, pngRenderer, sceneToPng } from "./png.js";
import type { Scene } from "./scene.js";
import { writeSvg } from "./svg.js";
import { FONT_FAMILY } from "./text.js";
import { topologyJson, topologyOf, type Topology } from "./topology.js";
import { optimizerState } from "../util/optimizer.js";

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
  return drawTopology(topologyOf(plan));
}

async function drawTopology(topology: Topology): Promise<Drawing> {
  const layout = await layoutTopology(topology);
  const scene = drawScene(topology, layout);
  return { topology, layout, scene, svg: writeSvg(scene, titleOf(topology)) };
}

/** The diagram's files and the progress line announcing them. */
export interface TopologyOutput {
  readonly files: DiagramFile[];
  readonly progress: string[];
  /**
   * Milliseconds of the diagram's own steps, for `--timings`: `diagram_layout` (ELK, SVG) and
   * `diagram_png`, or `diagram_kept` when the output folder's diagram was kept whole.
   */
  readonly timings: Record<string, number>;
}

/**
 * `<app>.json`, `<app>.svg` and `<app>.png` for the plan, and the progress line announcing them.
 * The layout and the PNG are most of a compile's time after the plan (the PNG half a second for a
 * 15-megapixel one), so a recompile reuses the output folder's (`previous`) diagram where it can:
 * - drawn by this build of klotho (`code`, the build's digest: see readBuildDigest) from the same
 *   topology, which its PNG records with the SVG drawn beside it (drawingKey), and by this renderer:
 *   both files are kept and nothing is laid out;
 * - else, when the SVG comes out byte for byte the output folder's and this renderer drew its PNG, the
 *   PNG's pixels are kept: the same SVG, librsvg and settings would draw the same bytes.
 * Either way the files are the bytes a compile into an empty folder writes.
 */
export async function renderTopology(plan: Plan, previous?: PreviousDiagram, code = readBuildDigest()): Promise<TopologyOutput> {
  const started = performance.now();
  const topology = topologyOf(plan);
  const key = code === undefined ? undefined : drawingKey(topology, code);
  const renderer = pngRenderer();
  const drawnBy = previous !== undefined && isPngOf(previous.png, renderer);
  if (previous !== undefined && drawnBy && key !== undefined && isDrawingOf(previous, key)) {
    return topologyOutput(topology, previous.svg, previous.png, { diagram_kept: performance.now() - started });
  }
  const drawing = await drawTopology(topology);
  const drawn = performance.now();
  const keyed = key === undefined ? [] : [drawingChunk(key, drawing.svg)];
  // Its drawing chunk is rewritten in place: kept only where it has one exactly when this one gets one.
  const samePixels = previous !== undefined && drawnBy && previous.svg === drawing.svg && (recordedDrawing(previous.png) !== undefined) === (key !== undefined);
  const png = samePixels ? rerecorded(previous.png, keyed) : await sceneToPng(drawing.scene, titleOf(topology), { chunks: keyed });
  return topologyOutput(topology, drawing.svg, png, { diagram_layout: drawn - started, diagram_png: performance.now() - drawn });
}

function topologyOutput(topology: Topology, svg: string, png: Uint8Array, timings: Record<string, number>): TopologyOutput {
  return {
    timings,
    files: [
      { path: `${topology.app}.json`, contents: topologyJson(topology) },
      { path: `${topology.app}.png`, contents: png },
      { path: `${topology.app}.svg`, contents: svg },
    ],
    progress: [progressMessages.addingResource(`topology:${topology.app}`)],
  };
}

/** The kept PNG recording this drawing (its chunk rewritten where it lies), as the same bytes a fresh one would be. */
function rerecorded(png: Uint8Array, chunks: readonly NewChunk[]): Uint8Array {
  if (chunks.length === 0) return png;
  const rewritten = withChunks(Buffer.from(png.buffer, png.byteOffset, png.byteLength), chunks);
  return new Uint8Array(rewritten.buffer, rewritten.byteOffset, rewritten.byteLength);
}

function titleOf(topology: Topology): string {
  return `${topology.app} topology`;
}

/**
 * What the diagram's thread is sent: first what the output folder holds (`expect`, as soon as it is
 * read), then the plan (`render`), drawn against that diagram; its PNG and SVG cross once.
 */
export type DiagramMessage = { readonly kind: "expect"; readonly previous?: PreviousDiagram } | { readonly kind: "render"; readonly plan: Plan };

/** A diagram renderer started ahead of the plan: `expect`, then `render` once, or `cancel` when there is nothing to draw. */
export interface DiagramRenderer {
  /**
   * The output folder's diagram (or none), told as soon as it is read, long before the plan: the
   * thread loads ELK now unless that diagram may be kept whole (expectDiagram). Not told, there is none.
   */
  expect(previous: PreviousDiagram | undefined): void;
  /** The plan's diagram; the output folder's (told by `expect`) is kept where it is the same drawing. */
  render(plan: Plan): Promise<TopologyOutput>;
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
  if (extension === undefined) {
    let expected: PreviousDiagram | undefined;
    return {
      expect(previous) {
        expected = previous;
      },
      render: (plan) => renderTopology(plan, expected),
      cancel: () => undefined,
    };
  }
  // The thread takes part in this one's optimiser state: it pauses the optimiser for ELK (runElk).
  const thread = new Worker(new URL(`./worker${extension}`, import.meta.url), { workerData: { optimizer: optimizerState() } });
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
  const post = (message: DiagramMessage): void => {
    thread.postMessage(message);
  };
  return {
    expect(previous) {
      post({ kind: "expect", ...(previous ? { previous } : {}) });
    },
    render(plan) {
      thread.ref();
      // The diagram needs resources, routes and edges; decisions and source ranges stay behind.
      post({ kind: "render", plan: { ...plan, resources: plan.resources.map((resource) => ({ ...resource, provenance: [], source: [] })) } });
      return done;
    },
    cancel: () => void thread.terminate(),
  };
}

/**
 * Loads sharp (in a turn of the event loop of its own, so that a message that comes sooner is not kept
 * waiting): whatever the plan, the diagram's thread needs it, for the renderer's versions if nothing
 * else. ELK waits for expectDiagram. It draws nothing of the plan's: measured on 2 cores, a practice
 * drawing (ELK's JIT and librsvg warmed on a tiny plan) took CPU from the main thread's parse and, on a
 * small app, was still running when the real plan arrived; the 100- and 1,000-file bench apps compiled
 * 4-18% faster without it. What it does draw is two letters of the diagram's font, regular and bold, on
 * libuv's pool (off this thread): librsvg's first text sets up fontconfig and the font, about 20 ms of
 * CPU, and the 1,000-file bench app's PNG then took 40 ms less (16 alternating compiles: 222 against
 * 280 ms, medians), the example's 16 ms less, the compiles no slower.
 */
export function prepareDiagram(): void {
  setImmediate(() => {
    const sharp = loadSharp();
    sharp(Buffer.from(FIRST_TEXT)).png().toBuffer().catch(() => undefined);
  });
}

/** An SVG of two letters in the diagram's font (prepareDiagram). */
const FIRST_TEXT = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" font-family="${FONT_FAMILY}"><text x="0" y="6" font-size="6">a</text><text x="0" y="6" font-size="6" font-weight="bold">b</text></svg>`;

/**
 * Told what the output folder holds (`previous`), loads ELK (from the build's code cache) in a turn of
 * its own, so the plan finds it ready; unless that diagram may be kept whole (a keyed PNG this renderer
 * drew), as in a recompile after an edit that leaves the architecture as it was: then the layout is
 * likely not needed, and loading ELK on the second core would only take CPU from the main thread's
 * analysis (the 1,000-file bench app's rebuild: 1,115 against 1,201 ms, 9 alternating runs). A plan
 * whose drawing is not the same after all loads ELK itself (runElk).
 */
export function expectDiagram(previous: PreviousDiagram | undefined): void {
  const mayKeep = previous !== undefined && recordedDrawing(previous.png) !== undefined && isPngOf(previous.png, pngRenderer());
  if (!mayKeep) setImmediate(() => loadElk());
}
