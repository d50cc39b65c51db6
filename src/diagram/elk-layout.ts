import type { ELK, ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api.js";
import type ElkBundled from "elkjs/lib/elk.bundled.js";
import { requireWithCodeCache } from "../load/code-cache.js";
import { columnGates, graphOptions, layeringStrategy } from "./elk-options.js";
import type { Box, Point } from "./scene.js";
import { fonts } from "./style.js";
import { measureText } from "./text.js";
import { withoutOptimizer } from "../util/optimizer.js";

/** A box for ELK to place, in one of the topology's columns (entry points 1, units 2, stores and topics 3). */
export interface ElkBox {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  readonly column: number;
}

/** An arrow for ELK to route, with its label already fitted. */
export interface ElkLink {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
}

/** What ELK made of the graph: boxes by id, routes (source to target) and label boxes by link id, the overall size. */
export interface ElkResult {
  readonly width: number;
  readonly height: number;
  readonly boxes: ReadonlyMap<string, Box>;
  readonly routes: ReadonlyMap<string, readonly Point[]>;
  readonly labels: ReadonlyMap<string, Box>;
}

/** Height of an edge label's plate; its width is the text's plus this padding on each side. */
export const LABEL_PLATE = { height: 17, padding: 5 };

/**
 * Runs ELK's layered algorithm, each column a partition so that columns stay in order whatever the
 * arrows say, layered as layeringStrategy says for the graph's size; ELK is loaded on first use, so
 * `klotho --help` never pays for it.
 */
export async function runElk(boxes: readonly ElkBox[], links: readonly ElkLink[]): Promise<ElkResult> {
  const graph = elkGraph(boxes, links);
  const elk = loadElk();
  const result = await (pausesOptimizer(boxes, links) ? withoutOptimizer(() => elk.layout(graph)) : elk.layout(graph));
  const laidOut = (result.children ?? []).filter((child) => !child.id.startsWith(GATE_PREFIX));
  const placed = new Map(laidOut.map((child) => [child.id, { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 }]));
  const sourceOf = new Map(links.map((link) => [link.id, link.source]));
  const routes = new Map<string, readonly Point[]>();
  const labels = new Map<string, Box>();
  for (const laid of result.edges ?? []) {
    const points = (laid.sections ?? []).flatMap((s) => [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]).map(({ x, y }) => ({ x, y }));
    routes.set(laid.id, laid.sources[0] === sourceOf.get(laid.id) ? points : points.reverse());
    const label = laid.labels?.[0];
    if (label) labels.set(laid.id, { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 });
  }
  return { width: result.width ?? 0, height: result.height ?? 0, boxes: placed, routes, labels };
}

/**
 * Whether ELK lays the graph out with V8's optimiser paused (util/optimizer.ts): a compile lays out
 * one graph, and for all but large ones ELK's functions would be optimised on background threads
 * for a layout that is over before the optimised code pays back.
 */
export function pausesOptimizer(boxes: readonly ElkBox[], links: readonly ElkLink[]): boolean {
  return boxes.length + links.length <= PAUSE_LIMIT;
}

/**
 * Boxes and arrows up to which the optimiser is paused. Measured in compiles on 2 cores: a graph of
 * 43 (the 1,000-file bench app) laid out in 430-505 against 590-730 ms, the compile 0.23 s sooner; 230
 * (an app of 100 units) in 1.07-1.25 against 1.39-1.82 s; 459 the same either way; 860 (400 units)
 * took 5.9 against 4.8-5.4 s paused, where the optimised code pays back.
 */
const PAUSE_LIMIT = 300;

/** The graph runElk gives ELK: the boxes in their columns (partitions), the links as arrows laid out left to right, the options. */
export function elkGraph(boxes: readonly ElkBox[], links: readonly ElkLink[]): ElkNode {
  const column = new Map(boxes.map((box) => [box.id, box.column]));
  // An arrow to an earlier column (to a topic's subscriber) is laid out the other way round.
  const isBackwards = (link: ElkLink) => (column.get(link.source) ?? 0) > (column.get(link.target) ?? 0);
  const edges = links.map((link): ElkExtendedEdge => {
    const backwards = isBackwards(link);
    return {
      id: link.id,
      sources: [backwards ? link.target : link.source],
      targets: [backwards ? link.source : link.target],
      labels: link.label === "" ? [] : [{ id: `${link.id}:label`, text: link.label, width: measureText(link.label, fonts.edgeLabel) + 2 * LABEL_PLATE.padding, height: LABEL_PLATE.height }],
    };
  });
  // A huge graph gets a gate between each two columns (see columnGates): its columns are the even partitions, the gates the odd ones.
  const gated = columnGates(boxes);
  const partition = (column: number) => String(gated ? 2 * column : column);
  // Entry points are pinned to the first layer, where the clients' arrows reach them from the left (a
  // static site has no other arrows to place it by); not one an arrow points to (from another entry
  // point, through a rule's add-edge), which ELK cannot place first: its partition keeps it in the column.
  const pointedTo = new Set(edges.filter((edge) => edge.sources[0] !== edge.targets[0]).flatMap((edge) => edge.targets));
  const children = boxes.map((box): ElkNode => ({
    id: box.id,
    width: box.width,
    height: box.height,
    layoutOptions: { "elk.partitioning.partition": partition(box.column), ...(box.column === 1 && !pointedTo.has(box.id) ? { "elk.layered.layering.layerConstraint": "FIRST" } : {}) },
  }));
  if (gated) {
    const columns = [...new Set(boxes.map((box) => box.column))].sort((a, b) => a - b);
    for (const column of columns.slice(0, -1)) children.push({ id: `${GATE_PREFIX}${String(column)}`, width: 0, height: 0, layoutOptions: { "elk.partitioning.partition": String(2 * column + 1) } });
  }
  // Arrows leaving one side of a card merge into a fan, unless some arrows come back (from a topic), where merged lines would hide which way each one points.
  const mergeEdges = String(!links.some(isBackwards));
  const layering = layeringStrategy(boxes, edges.map((edge) => ({ source: edge.sources[0] ?? "", target: edge.targets[0] ?? "" })));
  return { id: "root", layoutOptions: { ...graphOptions, "elk.layered.mergeEdges": mergeEdges, "elk.layered.layering.strategy": layering }, children, edges };
}

/** The id of the gate after a column (see columnGates), no resource id being of this form. */
const GATE_PREFIX = "klotho-column-gate:";

/** The package file ELK is loaded from (1.6 MB of CommonJS, compiled with the build's code cache). */
export const ELK_MODULE = "elkjs/lib/elk.bundled.js";

/** ELK, compiled with the build's code cache once per thread. */
export function loadElk(): ELK {
  const ElkConstructor = requireWithCodeCache(ELK_MODULE) as typeof ElkBundled.default;
  return new ElkConstructor();
}
