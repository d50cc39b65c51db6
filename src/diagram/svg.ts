import { GLYPH_GRID, glyphElements } from "./glyphs.js";
import { boxesOverlap, shapeBounds, type Box, type Point, type Scene, type Shape } from "./scene.js";
import { FONT_FAMILY } from "./text.js";

const CORNER_RADIUS = 7;

/**
 * The scene as a standalone SVG document; numbers are rounded to two decimals, so the text is
 * stable. With `view`, only that part of the scene, and only the shapes that reach into it.
 */
export function writeSvg(scene: Scene, title: string, view?: Box, scale = 1): string {
  const area = view ?? { x: 0, y: 0, width: scene.width, height: scene.height };
  const shapes = view ? scene.shapes.filter((shape) => boxesOverlap(shapeBounds(shape), view)) : scene.shapes;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(area.width * scale)}" height="${n(area.height * scale)}" viewBox="${n(area.x)} ${n(area.y)} ${n(area.width)} ${n(area.height)}" font-family="${FONT_FAMILY}">`,
    `<title>${escapeXml(title)}</title>`,
    ...shapes.map(elementOf),
    "</svg>",
    "",
  ].join("\n");
}

/** A top-level shape's element, written once: a tall diagram's PNG writes a shape into each band it reaches (sceneToPng). */
function elementOf(shape: Shape): string {
  let element = elements.get(shape);
  if (element === undefined) elements.set(shape, (element = shapeElement(shape)));
  return element;
}

const elements = new WeakMap<Shape, string>();

function shapeElement(shape: Shape): string {
  switch (shape.type) {
    case "rect": {
      const { x, y, width, height } = shape.box;
      const stroke = shape.stroke ? ` stroke="${shape.stroke}" stroke-width="1"${shape.dashed ? ' stroke-dasharray="6 4"' : ""}` : "";
      return `<rect x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${n(height)}"${shape.radius > 0 ? ` rx="${n(shape.radius)}"` : ""} fill="${shape.fill}"${stroke}/>`;
    }
    case "line":
      return `<path d="${roundedPath(shape.points)}" fill="none" stroke="${shape.stroke}" stroke-width="${n(shape.width)}" stroke-linejoin="round"${shape.dashed ? ' stroke-dasharray="5 4"' : ""}/>`;
    case "polygon":
      return `<path d="M${shape.points.map((p) => `${n(p.x)} ${n(p.y)}`).join("L")}Z" fill="${shape.fill}"/>`;
    case "glyph": {
      const scale = shape.box.width / GLYPH_GRID;
      const transform = `translate(${n(shape.box.x)} ${n(shape.box.y)}) scale(${n(scale)})`;
      return `<g transform="${transform}" fill="none" stroke="${shape.colour}" stroke-width="1.9" stroke-linecap="round" stroke-linejoin="round">${glyphElements(shape.glyph)}</g>`;
    }
    case "group": {
      // data-node / data-edge name what the group draws, for tools and tests reading the SVG; a node's
      // <title> is its full id, which a viewer shows over the card (whose text may be cut short).
      const tooltip = shape.data.name === "node" ? [`<title>${escapeXml(shape.data.value)}</title>`] : [];
      return [`<g data-${shape.data.name}="${escapeXml(shape.data.value)}">`, ...tooltip, ...shape.shapes.map(shapeElement), "</g>"].join("\n");
    }
    case "text": {
      const weight = shape.font.bold ? ' font-weight="bold"' : "";
      const anchor = shape.anchor === "middle" ? ' text-anchor="middle"' : "";
      return `<text x="${n(shape.x)}" y="${n(shape.y)}" font-size="${n(shape.font.size)}"${weight}${anchor} fill="${shape.fill}">${escapeXml(shape.text)}</text>`;
    }
  }
}

/** An orthogonal polyline with its corners rounded (never by more than half the shorter neighbouring segment). */
function roundedPath(points: readonly Point[]): string {
  const first = points[0];
  if (!first) return "";
  const parts = [`M${n(first.x)} ${n(first.y)}`];
  for (let i = 1; i < points.length; i++) {
    const corner = points[i];
    const before = points[i - 1];
    const after = points[i + 1];
    if (!corner || !before) continue;
    if (!after) {
      parts.push(`L${n(corner.x)} ${n(corner.y)}`);
      continue;
    }
    const radius = Math.min(CORNER_RADIUS, distance(before, corner) / 2, distance(corner, after) / 2);
    const entry = towards(corner, before, radius);
    const exit = towards(corner, after, radius);
    parts.push(`L${n(entry.x)} ${n(entry.y)}`, `Q${n(corner.x)} ${n(corner.y)} ${n(exit.x)} ${n(exit.y)}`);
  }
  return parts.join("");
}

function distance(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

function towards(from: Point, to: Point, length: number): Point {
  const d = distance(from, to);
  return d === 0 ? from : { x: from.x + ((to.x - from.x) / d) * length, y: from.y + ((to.y - from.y) / d) * length };
}

/** A number with at most two decimals and no negative zero. */
function n(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** Text safe inside an element or a double-quoted attribute. */
function escapeXml(text: string): string {
  return text.replace(/[&<"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&quot;"));
}
