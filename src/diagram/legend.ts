import type { Box, Shape } from "./scene.js";
import { categories, categoryOrder, fonts, palette, type Category } from "./style.js";
import { measureText } from "./text.js";

const SWATCH = 12;
const GAP = 6;
const SPACING = 20;
const ROW_HEIGHT = 20;
const SAMPLE = 26;

type Entry = { readonly label: string; readonly category: Category } | { readonly label: string; readonly line: "request" | "event" };

/** The legend's height for a canvas `width` wide. */
export function legendHeight(entries: readonly Entry[], width: number): number {
  return rows(entries, width).length * ROW_HEIGHT;
}

/** The legend entries for what the diagram shows: its categories (clients aside), then the kinds of lines. */
export function legendEntries(used: ReadonlySet<Category>, lines: { readonly requests: boolean; readonly events: boolean }): Entry[] {
  const shown = categoryOrder.filter((c) => c !== "client" && used.has(c));
  return [
    ...shown.map((category) => ({ label: categories[category].label, category })),
    ...(lines.requests ? [{ label: "request", line: "request" as const }] : []),
    ...(lines.events ? [{ label: "event (async)", line: "event" as const }] : []),
  ];
}

/** The legend laid out in rows inside `box`, wrapping when a row is full. */
export function legendShapes(entries: readonly Entry[], box: Box): Shape[] {
  return rows(entries, box.width).flatMap((row, r) => {
    let x = box.x;
    const middle = box.y + r * ROW_HEIGHT + ROW_HEIGHT / 2;
    return row.flatMap((entry) => {
      const shapes = entryShapes(entry, x, middle, box);
      x += entryWidth(entry) + SPACING;
      return shapes;
    });
  });
}

function entryShapes(entry: Entry, x: number, middle: number, within: Box): Shape[] {
  const text: Shape = { type: "text", x: x + markWidth(entry) + GAP, y: middle + fonts.legend.size * 0.36, text: entry.label, font: fonts.legend, fill: palette.mutedText, anchor: "start", within };
  if ("category" in entry) {
    return [{ type: "rect", box: { x, y: middle - SWATCH / 2, width: SWATCH, height: SWATCH }, radius: 3, fill: categories[entry.category].colour }, text];
  }
  const colour = entry.line === "event" ? categories.messaging.colour : palette.edge;
  const end = { x: x + SAMPLE, y: middle };
  return [
    { type: "line", points: [{ x, y: middle }, { x: end.x - 6, y: middle }], stroke: colour, width: 1.5, ...(entry.line === "event" ? { dashed: true } : {}) },
    { type: "polygon", points: [end, { x: end.x - 8, y: middle - 4 }, { x: end.x - 8, y: middle + 4 }], fill: colour },
    text,
  ];
}

function markWidth(entry: Entry): number {
  return "category" in entry ? SWATCH : SAMPLE;
}

function entryWidth(entry: Entry): number {
  return markWidth(entry) + GAP + measureText(entry.label, fonts.legend);
}

function rows(entries: readonly Entry[], width: number): Entry[][] {
  const result: Entry[][] = [];
  let used = Infinity;
  for (const entry of entries) {
    const needed = entryWidth(entry);
    const current = result[result.length - 1];
    if (current && used + SPACING + needed <= width) {
      current.push(entry);
      used += SPACING + needed;
    } else {
      result.push([entry]);
      used = needed;
    }
  }
  return result;
}

/** The width of the legend on one row. */
export function legendWidth(entries: readonly Entry[]): number {
  return entries.reduce((sum, entry, i) => sum + entryWidth(entry) + (i > 0 ? SPACING : 0), 0);
}
