import type { GlyphName } from "./catalog.js";

// Each glyph is drawn by this project as strokes on a 24 × 24 grid; the SVG writer scales it into its box.
// Circles are [cx, cy, r]; everything else is path data.
type Part = string | readonly [number, number, number];

const spokes = [0, 60, 120, 180, 240, 300].map((degrees) => {
  const angle = (degrees * Math.PI) / 180;
  const point = (r: number) => `${round(12 + r * Math.cos(angle))} ${round(12 + r * Math.sin(angle))}`;
  return `M${point(3)} L${point(8.5)}`;
});

const glyphParts: Readonly<Record<GlyphName, readonly Part[]>> = {
  clients: [[9, 8, 3.5], "M2.5 20c0-3.6 2.9-6 6.5-6s6.5 2.4 6.5 6", "M15.5 4.7a3.5 3.5 0 0 1 0 6.6", "M17.5 14.3c2.3.8 4 2.9 4 5.7"],
  lambda: ["M5.5 20.5L11 10.5", "M6.5 3.5h2.6c1 0 1.7.5 2.1 1.4l6 13.2c.4.9 1.1 1.4 2.1 1.4h.9"],
  container: ["M12 2.5l8.5 4.5v10L12 21.5 3.5 17V7z", "M3.5 7L12 11.5 20.5 7", "M12 11.5v10"],
  kubernetes: [[12, 12, 8.5], [12, 12, 3], ...spokes],
  api: ["M7.5 6.5L2.5 12l5 5.5", "M16.5 6.5l5 5.5-5 5.5", "M13.5 4.5l-3 15"],
  table: ["M5 3.5h14a2 2 0 0 1 2 2v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-13a2 2 0 0 1 2-2z", "M3 9.5h18", "M3 15h18", "M9.5 9.5v11"],
  bucket: ["M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3z", "M4 6l2 13c.3 1.4 2.9 2.5 6 2.5s5.7-1.1 6-2.5l2-13"],
  key: [[7.5, 16, 4.5], "M10.7 12.8L20 3.5", "M16.5 7l2.5 2.5", "M14 9.5l2 2"],
  database: [
    "M4 5.5c0-1.5 3.6-2.8 8-2.8s8 1.3 8 2.8-3.6 2.8-8 2.8-8-1.3-8-2.8z",
    "M4 5.5v13c0 1.5 3.6 2.8 8 2.8s8-1.3 8-2.8v-13",
    "M4 12c0 1.5 3.6 2.8 8 2.8s8-1.3 8-2.8",
  ],
  bolt: ["M13.5 2.5L5 13.5h6.5l-1 8 8.5-11.5h-6.5z"],
  chip: ["M8 6h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H8a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z", "M10 10h4v4h-4z", "M9.5 2.5V6M14.5 2.5V6M9.5 18v3.5M14.5 18v3.5M2.5 9.5H6M2.5 14.5H6M18 9.5h3.5M18 14.5h3.5"],
  broadcast: [[12, 12, 2], "M8 8a5.7 5.7 0 0 0 0 8", "M16 8a5.7 5.7 0 0 1 0 8", "M5 5a9.9 9.9 0 0 0 0 14", "M19 5a9.9 9.9 0 0 1 0 14"],
  globe: [[12, 12, 9], "M12 3c-2.6 2.5-3.8 5.5-3.8 9s1.2 6.5 3.8 9", "M12 3c2.6 2.5 3.8 5.5 3.8 9s-1.2 6.5-3.8 9", "M3.5 9h17", "M3.5 15h17"],
  box: ["M7 4h10a3 3 0 0 1 3 3v10a3 3 0 0 1-3 3H7a3 3 0 0 1-3-3V7a3 3 0 0 1 3-3z", "M4 9.5h16"],
};

/** The SVG elements of a glyph on its 24 × 24 grid (the caller sets stroke and transform). */
export function glyphElements(name: GlyphName): string {
  return glyphParts[name].map((part) => (typeof part === "string" ? `<path d="${part}"/>` : `<circle cx="${part[0]}" cy="${part[1]}" r="${part[2]}"/>`)).join("");
}

/** The grid the glyphs are drawn on. */
export const GLYPH_GRID = 24;

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
