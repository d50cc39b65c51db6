import { cardShapes } from "./card.js";
import { edgeLabelShapes, edgeLineShapes } from "./edges.js";
import type { Layout, PlacedEdge } from "./layout.js";
import { legendEntries, legendHeight, legendShapes, legendWidth } from "./legend.js";
import { offsetBox, type Box, type Scene, type Shape } from "./scene.js";
import { categories, fonts, palette } from "./style.js";
import { fitText, measureText } from "./text.js";
import type { Topology } from "./topology.js";

const MARGIN = 28;
const HEADER_HEIGHT = 64;
const LEGEND_GAP = 24;
const providerNames: Readonly<Record<string, string>> = { aws: "AWS" };

/** The whole drawing: title, the cloud group, edges under their labels, the cards on top, the legend at the bottom. */
export function drawScene(topology: Topology, layout: Layout): Scene {
  const provider = providerNames[topology.provider] ?? topology.provider;
  const subtitle = subtitleOf(topology, provider);
  const entries = legendEntries(new Set(topology.nodes.map((n) => n.look.category)), {
    requests: topology.edges.some((e) => !e.async),
    events: topology.edges.some((e) => e.async),
  });
  const contentWidth = Math.max(layout.width, measureText(topology.app, fonts.title), measureText(subtitle, fonts.subtitle), Math.min(legendWidth(entries), 720));
  const legendTop = MARGIN + HEADER_HEIGHT + layout.height + LEGEND_GAP;
  const legendBox: Box = { x: MARGIN, y: legendTop, width: contentWidth, height: legendHeight(entries, contentWidth) };
  const width = Math.ceil(contentWidth + 2 * MARGIN);
  const height = Math.ceil(legendTop + legendBox.height + MARGIN);
  const dx = MARGIN;
  const dy = MARGIN + HEADER_HEIGHT;
  const header: Box = { x: MARGIN, y: MARGIN, width: contentWidth, height: HEADER_HEIGHT };
  const shapes: Shape[] = [
    { type: "rect", box: { x: 0, y: 0, width, height }, radius: 0, fill: palette.background },
    { type: "text", x: MARGIN, y: MARGIN + 20, text: fitText(topology.app, fonts.title, contentWidth), font: fonts.title, fill: palette.text, anchor: "start", within: header },
    { type: "text", x: MARGIN, y: MARGIN + 42, text: fitText(subtitle, fonts.subtitle, contentWidth), font: fonts.subtitle, fill: palette.faintText, anchor: "start", within: header },
    ...cloudShapes(offsetBox(layout.cloud, dx, dy), provider),
  ];
  const edges = layout.edges.map((placed) => ({ ...placed, points: placed.points.map((p) => ({ x: p.x + dx, y: p.y + dy })), ...(placed.label ? { label: { text: placed.label.text, box: offsetBox(placed.label.box, dx, dy) } } : {}) }));
  shapes.push(...layout.groups.flatMap(({ group, box }) => groupShapes(offsetBox(box, dx, dy), group.title)));
  // Lines first and labels over them, so a label's plate hides the lines that pass behind it; the cards on top of everything.
  shapes.push(...edges.map((placed) => edgeGroup(placed, edgeLineShapes)), ...edges.filter((placed) => placed.label).map((placed) => edgeGroup(placed, edgeLabelShapes)));
  shapes.push(...layout.nodes.map((placed): Shape => ({ type: "group", data: { name: "node", value: placed.node.id }, shapes: cardShapes(placed.node, offsetBox(placed.box, dx, dy)) })));
  shapes.push(...legendShapes(entries, legendBox));
  return { width, height, shapes };
}

/** An edge's shapes in a group naming the edge; an arrow to a group of stores stands for the plan edges to each of them, and names them all. */
function edgeGroup(placed: PlacedEdge, draw: (edge: PlacedEdge) => Shape[]): Shape {
  const names = (placed.edge.standsFor ?? [placed.edge]).map((edge) => `${edge.source} -> ${edge.target}`);
  const [innermost = "", ...outer] = [...names].reverse();
  let shape: Shape = { type: "group", data: { name: "edge", value: innermost }, shapes: draw(placed) };
  for (const value of outer) shape = { type: "group", data: { name: "edge", value }, shapes: [shape] };
  return shape;
}

function subtitleOf(topology: Topology, provider: string): string {
  const resources = topology.nodes.filter((n) => !n.synthetic).length;
  const connections = topology.edges.filter((e) => !e.synthetic).length;
  return `${provider} \u00b7 ${resources} resource${resources === 1 ? "" : "s"} \u00b7 ${connections} connection${connections === 1 ? "" : "s"}`;
}

function groupShapes(box: Box, title: string): Shape[] {
  return [
    { type: "rect", box, radius: 12, fill: categories.data.tint, stroke: palette.groupBorder },
    { type: "text", x: box.x + 14, y: box.y + 22, text: fitText(title, fonts.groupLabel, box.width - 28), font: fonts.groupLabel, fill: palette.mutedText, anchor: "start", within: box },
  ];
}

function cloudShapes(box: Box, provider: string): Shape[] {
  return [
    { type: "rect", box, radius: 14, fill: palette.groupFill, stroke: palette.groupBorder, dashed: true },
    { type: "text", x: box.x + 18, y: box.y + 26, text: fitText(`${provider} Cloud`, fonts.groupLabel, box.width - 36), font: fonts.groupLabel, fill: palette.mutedText, anchor: "start", within: box },
  ];
}
