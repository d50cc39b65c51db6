import type { GlyphName } from "./catalog.js";
import { FONT_ASCENT, FONT_DESCENT, measureText, type Font } from "./text.js";

/** A point in pixels. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A rectangle in pixels, from its top-left corner. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** A line of text; `within` is the box it must stay inside, which the tests check with the text measurer. */
export interface TextShape {
  readonly type: "text";
  readonly x: number;
  /** The baseline. */
  readonly y: number;
  readonly text: string;
  readonly font: Font;
  readonly fill: string;
  readonly anchor: "start" | "middle";
  readonly within: Box;
}

/** Everything the SVG writer draws, in drawing order. */
export type Shape =
  | { readonly type: "rect"; readonly box: Box; readonly radius: number; readonly fill: string; readonly stroke?: string; readonly dashed?: boolean }
  | { readonly type: "line"; readonly points: readonly Point[]; readonly stroke: string; readonly width: number; readonly dashed?: boolean }
  | { readonly type: "polygon"; readonly points: readonly Point[]; readonly fill: string }
  | { readonly type: "glyph"; readonly glyph: GlyphName; readonly box: Box; readonly colour: string }
  | TextShape
  | { readonly type: "group"; readonly data: { readonly name: "node" | "edge"; readonly value: string }; readonly shapes: readonly Shape[] };

/** A drawing: its size and its shapes. */
export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly shapes: readonly Shape[];
}

/** Every shape of the list, with the contents of groups in their place. */
export function flattenShapes(shapes: readonly Shape[]): Shape[] {
  return shapes.flatMap((shape) => (shape.type === "group" ? flattenShapes(shape.shapes) : [shape]));
}

/** `box` moved by `dx`, `dy`. */
export function offsetBox(box: Box, dx: number, dy: number): Box {
  return { x: box.x + dx, y: box.y + dy, width: box.width, height: box.height };
}

/** True when the two boxes share any area (touching edges do not count). */
export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The area a shape draws on (lines and outlines with a little room for their stroke). Kept for each
 * shape: a tall diagram's PNG asks it of every shape for each band it draws (svg.ts), hundreds of
 * bands for an app of thousands of stores.
 */
export function shapeBounds(shape: Shape): Box {
  let bounds = boundsOf.get(shape);
  if (!bounds) boundsOf.set(shape, (bounds = measureBounds(shape)));
  return bounds;
}

const boundsOf = new WeakMap<Shape, Box>();

function measureBounds(shape: Shape): Box {
  switch (shape.type) {
    case "rect":
    case "glyph":
      return grow(shape.box, 2);
    case "line":
    case "polygon":
      return grow(pointsBounds(shape.points), 3);
    case "text": {
      const width = measureText(shape.text, shape.font);
      const x = shape.anchor === "middle" ? shape.x - width / 2 : shape.x;
      return grow({ x, y: shape.y - FONT_ASCENT * shape.font.size, width, height: (FONT_ASCENT + FONT_DESCENT) * shape.font.size }, 2);
    }
    case "group":
      return union(shape.shapes.map(shapeBounds));
  }
}

function pointsBounds(points: readonly Point[]): Box {
  return extent(points.map((p) => ({ x: p.x, y: p.y, width: 0, height: 0 })));
}

function union(boxes: readonly Box[]): Box {
  return extent(boxes);
}

/** The smallest box holding every box of a non-empty list (with no spread of the list into Math.min, whose arguments are limited). */
function extent(boxes: readonly Box[]): Box {
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

function grow(box: Box, by: number): Box {
  return { x: box.x - by, y: box.y - by, width: box.width + 2 * by, height: box.height + 2 * by };
}
