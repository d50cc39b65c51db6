import type { Drawing } from "../../src/diagram/index.js";
import { boxesOverlap, flattenShapes, type Box, type Point } from "../../src/diagram/scene.js";
import { FONT_ASCENT, FONT_DESCENT, measureText } from "../../src/diagram/text.js";

const EPSILON = 0.01;

/**
 * Everything wrong with a drawing's geometry, as sentences (none when it is clean): cards that
 * overlap, labels on cards, lines through cards, texts that leave their box by the text measurer,
 * edges that do not start and end on their cards, resources outside the cloud group, grouped
 * stores outside their group's box.
 */
export function drawingProblems(drawing: Drawing): string[] {
  const problems: string[] = [];
  const nodes = drawing.layout.nodes;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const [a, b] = [nodes[i]!, nodes[j]!];
      if (boxesOverlap(a.box, b.box)) problems.push(`cards ${a.node.id} and ${b.node.id} overlap`);
    }
    const node = nodes[i]!;
    if (!node.node.synthetic && !inside(node.box, drawing.layout.cloud)) problems.push(`${node.node.id} is outside the cloud group`);
    if (node.node.synthetic && boxesOverlap(node.box, drawing.layout.cloud)) problems.push(`${node.node.id} is inside the cloud group`);
  }
  for (const { group, box } of drawing.layout.groups) {
    const members = new Set(group.members);
    if (!inside(box, drawing.layout.cloud)) problems.push(`${group.id} is outside the cloud group`);
    for (const node of nodes) {
      if (members.has(node.node.id) && !inside(node.box, box)) problems.push(`${node.node.id} is outside its ${group.id}`);
      if (!members.has(node.node.id) && boxesOverlap(node.box, box)) problems.push(`${node.node.id} lies on ${group.id}`);
    }
  }
  const obstacles = [...nodes.map((placed) => ({ id: placed.node.id, box: placed.box })), ...drawing.layout.groups.map(({ group, box }) => ({ id: group.id, box }))];
  const boxOf = new Map(obstacles.map((obstacle) => [obstacle.id, obstacle.box]));
  for (const placed of drawing.layout.edges) {
    const name = `${placed.edge.source} -> ${placed.edge.target}`;
    const label = placed.label;
    if (label) for (const obstacle of obstacles) if (boxesOverlap(label.box, obstacle.box)) problems.push(`label of ${name} lies on ${obstacle.id}`);
    const first = placed.points[0];
    const last = placed.points[placed.points.length - 1];
    if (!first || !last) {
      problems.push(`${name} has no route`);
      continue;
    }
    if (!onBorder(first, boxOf.get(placed.edge.source))) problems.push(`${name} does not start on its source`);
    if (!onBorder(last, boxOf.get(placed.edge.target))) problems.push(`${name} does not end on its target`);
    for (const obstacle of obstacles) if (crossesInterior(placed.points, obstacle.box)) problems.push(`${name} crosses ${obstacle.id}`);
  }
  for (const shape of flattenShapes(drawing.scene.shapes)) {
    if (shape.type !== "text") continue;
    const width = measureText(shape.text, shape.font);
    const left = shape.anchor === "middle" ? shape.x - width / 2 : shape.x;
    const extent = { x: left, y: shape.y - FONT_ASCENT * shape.font.size, width, height: (FONT_ASCENT + FONT_DESCENT) * shape.font.size };
    if (!inside(extent, shape.within)) problems.push(`text "${shape.text}" leaves its box`);
  }
  return problems;
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x - EPSILON && inner.y >= outer.y - EPSILON && inner.x + inner.width <= outer.x + outer.width + EPSILON && inner.y + inner.height <= outer.y + outer.height + EPSILON;
}

function onBorder(point: Point, box: Box | undefined): boolean {
  if (!box) return false;
  const near = (a: number, b: number) => Math.abs(a - b) <= 1;
  const withinX = point.x >= box.x - 1 && point.x <= box.x + box.width + 1;
  const withinY = point.y >= box.y - 1 && point.y <= box.y + box.height + 1;
  return (withinY && (near(point.x, box.x) || near(point.x, box.x + box.width))) || (withinX && (near(point.y, box.y) || near(point.y, box.y + box.height)));
}

/** True when a segment of the polyline passes through the box's inside (touching its border is fine). */
function crossesInterior(points: readonly Point[], box: Box): boolean {
  const inner = { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 };
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    const segment = { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
    // Orthogonal segments: a box with zero width or height; overlap with the shrunk card is a crossing.
    if (segment.x < inner.x + inner.width && inner.x < segment.x + segment.width + EPSILON && segment.y < inner.y + inner.height && inner.y < segment.y + segment.height + EPSILON) return true;
  }
  return false;
}
