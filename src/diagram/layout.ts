import { cardSize } from "./card.js";
import { LABEL_PLATE, runElk, type ElkResult } from "./elk-layout.js";
import { groupSize, memberBoxes, type DiagramGroup } from "./groups.js";
import { offsetBox, type Box, type Point } from "./scene.js";
import { fonts } from "./style.js";
import { fitText, measureText } from "./text.js";
import type { DiagramEdge, DiagramNode, Topology } from "./topology.js";

/** A node with its card's place. */
export interface PlacedNode {
  readonly node: DiagramNode;
  readonly box: Box;
}

/** An edge's route from its source to its target, and its label's place. */
export interface PlacedEdge {
  readonly edge: DiagramEdge;
  readonly points: readonly Point[];
  readonly label?: { readonly text: string; readonly box: Box };
}

/** The laid-out graph, with (0, 0) at its top-left corner. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  /** Units' own stores, each group's box holding its members' cards. */
  readonly groups: readonly { readonly group: DiagramGroup; readonly box: Box }[];
  /** The group around the cloud resources. */
  readonly cloud: Box;
}

// Room inside the cloud group around the resources; the top holds the group's name.
const CLOUD_PADDING = { top: 48, side: 28, bottom: 28 };
const LABEL_MAX_WIDTH = 190;
// From the clients' card to the bus their arrows branch from, and from the bus to the cloud group.
const TRUNK = 84;
const BUS_TO_CLOUD = 28;

/**
 * Lays the topology out: ELK places the cloud resources (layered, left to right, orthogonal
 * edges), a unit's own stores as one group box with one arrow; the clients' card goes left of the
 * cloud group, its arrows branching from one bus to each public resource, so they never cross the
 * group's other lines.
 */
export async function layoutTopology(topology: Topology): Promise<Layout> {
  const labels = new Map(topology.edges.map((edge) => [edge.id, fitText(edge.label, fonts.edgeLabel, LABEL_MAX_WIDTH)]));
  const grouped = new Set(topology.groups.flatMap((group) => group.members));
  const groupedEdges = new Set(topology.groups.flatMap((group) => group.edges.map((edge) => edge.id)));
  const groupArrows = topology.groups.map((group): DiagramEdge => ({ id: `${group.id}:uses`, source: group.owner, target: group.id, label: "uses", async: false, synthetic: true, standsFor: group.edges }));
  for (const arrow of groupArrows) labels.set(arrow.id, arrow.label);
  const resources = topology.nodes.filter((node) => !node.synthetic);
  const arrows = [...topology.edges.filter((edge) => !edge.synthetic && !groupedEdges.has(edge.id)), ...groupArrows];
  const elk = await runElk(
    [
      ...resources.filter((node) => !grouped.has(node.id)).map((node) => ({ id: node.id, ...cardSize(node), column: node.column })),
      ...topology.groups.map((group) => ({ id: group.id, ...groupSize(group.members.length), column: 3 })),
    ],
    arrows.map((edge) => ({ id: edge.id, source: edge.source, target: edge.target, label: labels.get(edge.id) ?? "" })),
  );
  const clients = topology.nodes.find((node) => node.synthetic);
  const left = clients ? cardSize(clients).width + TRUNK + BUS_TO_CLOUD : 0;
  const dx = left + CLOUD_PADDING.side;
  const dy = CLOUD_PADDING.top;
  const cloud: Box = { x: left, y: 0, width: elk.width + 2 * CLOUD_PADDING.side, height: elk.height + CLOUD_PADDING.top + CLOUD_PADDING.bottom };
  const groups = topology.groups.map((group) => ({ group, box: offsetBox(requireBox(elk, group.id), dx, dy) }));
  const memberBox = new Map(groups.flatMap(({ group, box }) => memberBoxes(box, group.members.length).map((member, i) => [group.members[i] ?? "", member] as const)));
  const nodes = resources.map((node) => ({ node, box: memberBox.get(node.id) ?? offsetBox(requireBox(elk, node.id), dx, dy) }));
  const edges = arrows.map((edge) => placeEdge(edge, elk, labels.get(edge.id) ?? "", dx, dy));
  const placed = { width: cloud.x + cloud.width, height: cloud.height, nodes, edges, groups, cloud };
  return clients ? withClients(placed, clients, topology.edges.filter((edge) => edge.synthetic)) : placed;
}

function requireBox(elk: ElkResult, id: string): Box {
  const box = elk.boxes.get(id);
  if (!box) throw new Error(`internal: ELK placed no box for ${id}`);
  return box;
}

function placeEdge(edge: DiagramEdge, elk: ElkResult, text: string, dx: number, dy: number): PlacedEdge {
  const points = (elk.routes.get(edge.id) ?? []).map((p) => ({ x: p.x + dx, y: p.y + dy }));
  const label = elk.labels.get(edge.id);
  return label && text !== "" ? { edge, points, label: { text, box: offsetBox(label, dx, dy) } } : { edge, points };
}

/** The clients' card at the left, level with the middle of its targets, and its arrows: one trunk, a bus, a branch per target. */
function withClients(layout: Layout, clients: DiagramNode, edges: readonly DiagramEdge[]): Layout {
  const size = cardSize(clients);
  const targets = edges.map((edge) => layout.nodes.find((placed) => placed.node.id === edge.target)?.box);
  const middles = targets.map((box) => (box ? box.y + box.height / 2 : 0));
  const trunkY = snapToTarget((Math.min(...middles) + Math.max(...middles)) / 2, middles);
  const box: Box = { x: 0, y: trunkY - size.height / 2, width: size.width, height: size.height };
  const busX = size.width + TRUNK;
  const placedEdges = edges.map((edge, i): PlacedEdge => {
    const target = targets[i];
    const y = middles[i] ?? trunkY;
    const points = [{ x: size.width, y: trunkY }, ...(y === trunkY ? [] : [{ x: busX, y: trunkY }, { x: busX, y }]), { x: target?.x ?? busX, y }];
    return { edge, points };
  });
  const text = fitText(edges[0]?.label ?? "", fonts.edgeLabel, TRUNK - 16);
  const width = measureText(text, fonts.edgeLabel) + 2 * LABEL_PLATE.padding;
  // One label on the shared trunk says what all the branches carry.
  const labelBox: Box = { x: size.width + (TRUNK - width) / 2, y: trunkY - LABEL_PLATE.height - 3, width, height: LABEL_PLATE.height };
  const first = placedEdges[0];
  const labelled = first ? [{ ...first, label: { text, box: labelBox } }, ...placedEdges.slice(1)] : placedEdges;
  return { ...layout, nodes: [{ node: clients, box }, ...layout.nodes], edges: [...labelled, ...layout.edges] };
}

/** The trunk's height: the middle of the targets, or the nearest target's middle when one is close, so that arrow runs straight. */
function snapToTarget(middle: number, targets: readonly number[]): number {
  const nearest = [...targets].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle))[0];
  return nearest !== undefined && Math.abs(nearest - middle) < 40 ? nearest : middle;
}
