/** ELK layout options of the whole graph: layered, left to right, orthogonal edges, labels given room of their own. */
export const graphOptions: Readonly<Record<string, string>> = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.json.edgeCoords": "ROOT",
  "elk.json.shapeCoords": "ROOT",
  "elk.partitioning.activate": "true",
  // One graph, not packed components: a static site with no edges stays in the entry column, where the clients' arrows reach it.
  "elk.separateConnectedComponents": "false",
  "elk.layered.thoroughness": "20",
  // No greedy switch after the layer sweeps: ELK runs it only on graphs of up to 40 boxes, where 20
  // sweeps leave it nothing to improve (the same drawing for every test plan and synthetic plan of 3 to
  // 80 resources), and its code's first run took about 30 ms of a compile's cold layout (the 1,000-file
  // bench app's graph, 15 alternating fresh processes: CPU 371 against 402 ms, medians).
  "elk.layered.crossingMinimization.greedySwitch.type": "OFF",
  "elk.layered.spacing.nodeNodeBetweenLayers": "56",
  "elk.layered.spacing.edgeNodeBetweenLayers": "20",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "12",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeNode": "20",
  "elk.spacing.edgeEdge": "12",
  "elk.spacing.edgeLabel": "4",
  "elk.edgeLabels.placement": "CENTER",
  "elk.layered.edgeLabels.sideSelection": "SMART_UP",
  "elk.padding": "[top=0,left=0,bottom=0,right=0]",
  "elk.randomSeed": "1",
  "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
};

/** Constraint edges from boxes with no arrow onwards past which a graph is layered by longest path (see layeringStrategy). */
export const LONGEST_PATH_FROM_CONSTRAINT_EDGES = 1000;
/** Constraint edges in all past which a graph is layered by longest path (see layeringStrategy). */
export const LONGEST_PATH_FROM_ALL_CONSTRAINT_EDGES = 5000;

/**
 * Constraint edges in all past which each boundary between columns gets a gate (see columnGates).
 */
export const GATES_FROM_ALL_CONSTRAINT_EDGES = 50_000;

/**
 * How ELK assigns the boxes (each with its column) to layers, given the arrows as laid out (source to
 * the left). Partitioning keeps the columns in order by joining every box of a column to every box of
 * the next with a constraint edge, and ELK's default network-simplex layering can slow down much faster
 * than those edges grow. What slows it is the constraint edges of boxes with no arrow into a later
 * column, such as units that use no store: they are all that holds those boxes left of the next
 * column. Measured on this project's 2-core machine, for apps whose every router is a unit: 100 units
 * and 15 stores, 85 of the units using none (1,275 such edges), took 0.56 s in ELK (warm), and 200
 * units and 29 stores (4,959) 4.3 s; 400 units and 58 stores (19,836) took 24.7 s to lay out in a
 * compile. Past LONGEST_PATH_FROM_CONSTRAINT_EDGES such edges the layers come from the longest path to
 * a sink instead, linear in the edges: 0.16 and 0.37 s warm for the first two, whose layouts came out
 * the same, and 2.6 s for the third in a compile. Past LONGEST_PATH_FROM_ALL_CONSTRAINT_EDGES in all,
 * whatever holds the boxes, too: an app of 200 topics, each with a unit subscribing, and a unit
 * publishing to all (40,401 constraint edges) took 9.6 s in ELK warm, and 3.1 s by longest path, the
 * same layout (100 topics: 1.8 and 1.0 s). The columns stay in order either way, as the
 * partitions still apply. Below it, network simplex, whose layers can be more compact: in 8 of the 56
 * graphs of the tests' plans longest path gave another layout, those looked at with a card a column
 * further right than it needs.
 */
export function layeringStrategy(boxes: readonly ColumnBox[], arrows: readonly Arrow[]): "NETWORK_SIMPLEX" | "LONGEST_PATH" {
  const { all, held } = constraintEdges(boxes, arrows);
  return held > LONGEST_PATH_FROM_CONSTRAINT_EDGES || all > LONGEST_PATH_FROM_ALL_CONSTRAINT_EDGES ? "LONGEST_PATH" : "NETWORK_SIMPLEX";
}

/**
 * Whether the boundaries between columns get gates: past GATES_FROM_ALL_CONSTRAINT_EDGES the
 * constraint edges themselves are the cost, as ELK builds each one with a port at each end. A gate is
 * a box of no size in a partition of its own between two columns' partitions: every box of the column
 * before is joined to it and it to every box of the column after, as many constraint edges as boxes
 * instead of their product, and the columns stay in the same order. Three columns of 300 boxes (300
 * units, each with a static site and a store: 180,600 constraint edges) took 4.6 s and 662 MB in ELK
 * alone, and 1.6 s and 130 MB with gates, the drawing's size and its columns' extents the same. In a small
 * graph the gates' layer can widen the drawing, so below the limit there are none.
 */
export function columnGates(boxes: readonly ColumnBox[]): boolean {
  return constraintEdges(boxes, []).all > GATES_FROM_ALL_CONSTRAINT_EDGES;
}

interface ColumnBox {
  readonly id: string;
  readonly column: number;
}

interface Arrow {
  readonly source: string;
  readonly target: string;
}

/**
 * How many constraint edges partitioning adds (every box of a column to every box of the next): in
 * all, and from boxes with no arrow into a later column (`held`: those edges alone keep such boxes left
 * of the next column).
 */
function constraintEdges(boxes: readonly ColumnBox[], arrows: readonly Arrow[]): { all: number; held: number } {
  const column = new Map(boxes.map((box) => [box.id, box.column]));
  const pointOnwards = new Set(arrows.filter((arrow) => (column.get(arrow.target) ?? 0) > (column.get(arrow.source) ?? 0)).map((arrow) => arrow.source));
  const columns = [...new Set(column.values())].sort((a, b) => a - b);
  const inColumn = (at: number) => boxes.filter((box) => box.column === at);
  const pairs = columns.slice(1).map((next, index) => ({ from: inColumn(columns[index] ?? 0), to: inColumn(next).length }));
  const all = pairs.reduce((sum, { from, to }) => sum + from.length * to, 0);
  const held = pairs.reduce((sum, { from, to }) => sum + from.filter((box) => !pointOnwards.has(box.id)).length * to, 0);
  return { all, held };
}
