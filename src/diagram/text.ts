import { dejaVuSansBold, dejaVuSansBook } from "./font-widths.js";

/** A font of the diagram: DejaVu Sans at a pixel size, regular or bold. */
export interface Font {
  readonly size: number;
  readonly bold?: boolean;
}

/** The family every text of the diagram is set in; its widths are in font-widths.ts. */
export const FONT_FAMILY = "DejaVu Sans";

const ELLIPSIS = "\u2026";
// A character missing from the table is counted as one em, wider than any Latin glyph.
const UNKNOWN_WIDTH = 1;
// Ink may reach past the last advance (the hook of an f, anti-aliasing): an allowance of a tenth of an em.
const OVERHANG = 0.1;

/**
 * The width in pixels that `text` takes in `font`, from DejaVu Sans's advance widths: never less
 * than what the renderer draws (kerning only narrows it), so a text that fits here fits on the image.
 */
export function measureText(text: string, font: Font): number {
  if (text === "") return 0;
  const widths = font.bold ? dejaVuSansBold : dejaVuSansBook;
  let ems = OVERHANG;
  for (const char of text) ems += widths[char.codePointAt(0) ?? 0] ?? UNKNOWN_WIDTH;
  return ems * font.size;
}

/** `text` as it is, or cut and ended with an ellipsis so that it fits in `maxWidth` pixels. */
export function fitText(text: string, font: Font, maxWidth: number): string {
  if (measureText(text, font) <= maxWidth) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  // The longest prefix that fits with the ellipsis after it.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (measureText(chars.slice(0, middle).join("").trimEnd() + ELLIPSIS, font) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? (measureText(ELLIPSIS, font) <= maxWidth ? ELLIPSIS : "") : chars.slice(0, low).join("").trimEnd() + ELLIPSIS;
}

/** How far DejaVu Sans reaches above the baseline and below it, in em (its hhea ascender and descender). */
export const FONT_ASCENT = 0.93;
/** See FONT_ASCENT. */
export const FONT_DESCENT = 0.24;
