import type { PlacedEdge } from "./layout.js";
import type { Point, Shape } from "./scene.js";
import { categories, fonts, palette } from "./style.js";

const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;

/** The line of an edge with its arrowhead at the target; events through a topic are dashed in the messaging colour. */
export function edgeLineShapes(placed: PlacedEdge): Shape[] {
  const points = placed.points;
  const end = points[points.length - 1];
  const before = points[points.length - 2];
  if (!end || !before) return [];
  const colour = placed.edge.async ? categories.messaging.colour : palette.edge;
  const length = Math.hypot(end.x - before.x, end.y - before.y);
  if (length === 0) return [];
  const unit = { x: (end.x - before.x) / length, y: (end.y - before.y) / length };
  const base = { x: end.x - unit.x * ARROW_LENGTH, y: end.y - unit.y * ARROW_LENGTH };
  const side = { x: -unit.y * ARROW_HALF_WIDTH, y: unit.x * ARROW_HALF_WIDTH };
  // The line stops inside the arrowhead, so its end does not poke through the tip.
  const lineEnd = { x: end.x - unit.x * (ARROW_LENGTH - 2), y: end.y - unit.y * (ARROW_LENGTH - 2) };
  const line: Point[] = [...points.slice(0, -1), lineEnd];
  return [
    { type: "line", points: line, stroke: colour, width: 1.5, ...(placed.edge.async ? { dashed: true } : {}) },
    { type: "polygon", points: [end, { x: base.x + side.x, y: base.y + side.y }, { x: base.x - side.x, y: base.y - side.y }], fill: colour },
  ];
}

/** An edge's label on a white plate, centred in the box ELK kept free for it. */
export function edgeLabelShapes(placed: PlacedEdge): Shape[] {
  const label = placed.label;
  if (!label) return [];
  const fill = placed.edge.async ? categories.messaging.colour : palette.mutedText;
  return [
    { type: "rect", box: label.box, radius: 4, fill: palette.labelBackground },
    {
      type: "text",
      x: label.box.x + label.box.width / 2,
      y: label.box.y + label.box.height / 2 + fonts.edgeLabel.size * 0.36,
      text: label.text,
      font: fonts.edgeLabel,
      fill,
      anchor: "middle",
      within: label.box,
    },
  ];
}
