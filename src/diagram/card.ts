import { offsetBox, type Box, type Shape } from "./scene.js";
import { categories, fonts, palette } from "./style.js";
import { fitText, measureText } from "./text.js";
import type { DiagramNode, DiagramRoute } from "./topology.js";

// Width of every resource card; the clients card is narrower.
const CARD_WIDTH = 236;
const CLIENTS_WIDTH = 168;
const HEADER_HEIGHT = 68;
const TILE = { x: 14, y: 14, size: 40 };
const TEXT_X = 66;
const PADDING = 12;
const ROW_HEIGHT = 17;
// A gateway lists at most this many routes; longer lists end with `+N more`.
const MAX_ROUTE_ROWS = 8;

const methodColours: Readonly<Record<string, string>> = {
  GET: "#067647",
  POST: "#175CD3",
  PUT: "#B54708",
  PATCH: "#B54708",
  DELETE: "#B42318",
};

/** The size of a card without routes (a unit's, a store's, a topic's). */
export const PLAIN_CARD = { width: CARD_WIDTH, height: HEADER_HEIGHT } as const;

/** The size of a node's card: a header with glyph, type, name and detail, and a gateway's routes below it. */
export function cardSize(node: DiagramNode): { width: number; height: number } {
  const width = node.synthetic ? CLIENTS_WIDTH : CARD_WIDTH;
  const rows = routeRows(node.routes).length;
  return { width, height: rows === 0 ? HEADER_HEIGHT : HEADER_HEIGHT + 8 + rows * ROW_HEIGHT + 6 };
}

/** The shapes of a node's card placed at `box`; every text is fitted to the card. */
export function cardShapes(node: DiagramNode, box: Box): Shape[] {
  const style = categories[node.look.category];
  const textWidth = box.width - TEXT_X - PADDING;
  const at = (x: number, y: number) => ({ x: box.x + x, y: box.y + y });
  const shapes: Shape[] = [
    { type: "rect", box, radius: 10, fill: palette.background, stroke: palette.cardBorder },
    { type: "rect", box: offsetBox({ x: TILE.x, y: TILE.y, width: TILE.size, height: TILE.size }, box.x, box.y), radius: 9, fill: style.colour },
    { type: "glyph", glyph: node.look.glyph, box: offsetBox({ x: TILE.x + 6, y: TILE.y + 6, width: TILE.size - 12, height: TILE.size - 12 }, box.x, box.y), colour: "#FFFFFF" },
    { type: "text", ...at(TEXT_X, 25), text: fitText(node.look.label, fonts.typeLabel, textWidth), font: fonts.typeLabel, fill: style.colour, anchor: "start", within: box },
    { type: "text", ...at(TEXT_X, 42), text: fitText(node.title, fonts.name, textWidth), font: fonts.name, fill: palette.text, anchor: "start", within: box },
  ];
  if (node.detail !== undefined) {
    shapes.push({ type: "text", ...at(TEXT_X, 58), text: fitText(node.detail, fonts.detail, textWidth), font: fonts.detail, fill: palette.faintText, anchor: "start", within: box });
  }
  return [...shapes, ...routeShapes(node.routes, box)];
}

type Row = { readonly method: string; readonly path: string } | { readonly more: number };

function routeRows(routes: readonly DiagramRoute[]): Row[] {
  if (routes.length <= MAX_ROUTE_ROWS) return routes.map((r) => ({ method: r.method, path: r.path }));
  const shown = routes.slice(0, MAX_ROUTE_ROWS - 1).map((r) => ({ method: r.method, path: r.path }));
  return [...shown, { more: routes.length - shown.length }];
}

function routeShapes(routes: readonly DiagramRoute[], box: Box): Shape[] {
  const rows = routeRows(routes);
  if (rows.length === 0) return [];
  const methodWidth = Math.max(...rows.map((row) => ("method" in row ? measureText(row.method, fonts.routeMethod) : 0)));
  const pathX = box.x + PADDING + 2 + methodWidth + 6;
  const pathWidth = box.x + box.width - PADDING - pathX;
  const shapes: Shape[] = [{ type: "line", points: [{ x: box.x + 1, y: box.y + HEADER_HEIGHT }, { x: box.x + box.width - 1, y: box.y + HEADER_HEIGHT }], stroke: palette.cardBorder, width: 1 }];
  rows.forEach((row, i) => {
    const y = box.y + HEADER_HEIGHT + 8 + ROW_HEIGHT * i + 12;
    if ("more" in row) {
      shapes.push({ type: "text", x: box.x + PADDING + 2, y, text: fitText(`+${row.more} more`, fonts.routePath, box.width - 2 * PADDING), font: fonts.routePath, fill: palette.faintText, anchor: "start", within: box });
      return;
    }
    const colour = methodColours[row.method] ?? palette.mutedText;
    shapes.push(
      { type: "text", x: box.x + PADDING + 2, y, text: row.method, font: fonts.routeMethod, fill: colour, anchor: "start", within: box },
      { type: "text", x: pathX, y, text: fitText(row.path, fonts.routePath, pathWidth), font: fonts.routePath, fill: palette.text, anchor: "start", within: box },
    );
  });
  return shapes;
}
