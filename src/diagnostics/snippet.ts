import { displayWidth } from "./display-width.js";

/** The most characters of a source line a code frame prints; a longer line is cut to a window around the marked column. */
export const SNIPPET_WIDTH = 140;
/** How many characters a cut line keeps before the marked column, so the reader sees what leads up to it. */
const CONTEXT_BEFORE = 50;
/** Where a line was cut. */
const CUT = "…";

/**
 * Characters a terminal would act on or hide rather than show: control characters (a tab is kept
 * and aligned as written), format characters such as bidirectional overrides, line and paragraph
 * separators and lone surrogates. Zero-width (non-)joiners stay: they are part of ordinary text.
 */
const NOT_PRINTABLE = /(?![\t\u200c\u200d])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** `text` with every character a terminal would not show as written escaped as `\xNN` or `\uNNNN`. */
export function printable(text: string): string {
  return text.replace(NOT_PRINTABLE, escapeCharacter);
}

function escapeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, "0")}`;
  return code <= 0xffff ? `\\u${hex.padStart(4, "0")}` : `\\u{${hex}}`;
}

/** A source line as a code frame prints it: the window of it that is shown, and the caret line's parts. */
export interface SnippetLine {
  /** The printable text of the window, with `…` where the line was cut. */
  readonly text: string;
  /** For a marked span: the blank before the first caret (tabs where the text has them) and the number of carets. */
  readonly mark?: { readonly indent: string; readonly length: number };
}

/** One grapheme cluster of a line: where it starts (UTF-16 column, as positions count), how it is printed and how many columns that takes. */
interface Cell {
  readonly column: number;
  readonly text: string;
  readonly width: number;
}

/**
 * `line` cut to at most SNIPPET_WIDTH printed characters around column `anchor`, non-printable
 * characters escaped, with the caret line for the columns `span` marks (at least one caret; a
 * span that runs past a cut gets a caret under the `…`).
 */
export function snippetLine(line: string, anchor: number, span?: { readonly start: number; readonly end: number }): SnippetLine {
  const cells = cellsOf(line);
  const [first, last] = windowOf(cells, cellAt(cells, anchor));
  const cutBefore = first > 0;
  const cutAfter = last < cells.length;
  const shown = cells.slice(first, last);
  const text = `${cutBefore ? CUT : ""}${shown.map((cell) => cell.text).join("")}${cutAfter ? CUT : ""}`;
  if (!span) return { text };
  const markFirst = cellAt(cells, span.start);
  const markEnd = Math.max(markFirst + 1, cellAt(cells, span.end));
  const from = Math.min(Math.max(markFirst, first), last);
  const to = Math.max(Math.min(markEnd, last), from);
  const blank = cells.slice(first, from).map((cell) => (cell.text === "\t" ? "\t" : " ".repeat(cell.width)));
  const before = cutBefore ? (markFirst < first ? "" : " ") : "";
  const carets = width(cells.slice(from, to)) + (cutBefore && markFirst < first ? 1 : 0) + (cutAfter && markEnd > last ? 1 : 0);
  return { text, mark: { indent: `${before}${blank.join("")}`, length: Math.max(1, carets) } };
}

/**
 * The line's cells, a grapheme cluster each (`é` written with a combining accent, a flag, an emoji
 * joined of several), as wide as a terminal draws it; a cluster holding a character that is escaped
 * is as wide as its escapes.
 */
function cellsOf(line: string): Cell[] {
  return Array.from(graphemes.segment(line), ({ segment, index }) => {
    const text = printable(segment);
    return { column: index, text, width: text === segment ? displayWidth(segment) : text.length };
  });
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** The index of the cell holding UTF-16 `column`; `cells.length` for a column at or past the end of the line. */
function cellAt(cells: readonly Cell[], column: number): number {
  const index = cells.findIndex((cell) => cell.column >= column);
  if (index < 0) return cells.length;
  return (cells[index]?.column ?? 0) > column ? index - 1 : index;
}

/** The cells `[first, last)` shown: the whole line when it fits, else SNIPPET_WIDTH characters starting a little before `anchor`. */
function windowOf(cells: readonly Cell[], anchor: number): [number, number] {
  if (width(cells) <= SNIPPET_WIDTH) return [0, cells.length];
  let first = anchor;
  let before = 0;
  while (first > 0 && before + (cells[first - 1]?.width ?? 0) <= CONTEXT_BEFORE) before += cells[--first]?.width ?? 0;
  let last = first;
  let used = 0;
  while (last < cells.length && used + (cells[last]?.width ?? 0) <= SNIPPET_WIDTH) used += cells[last++]?.width ?? 0;
  // Near the end of the line, show a full window that ends with it rather than a short one.
  while (first > 0 && last === cells.length && used + (cells[first - 1]?.width ?? 0) <= SNIPPET_WIDTH) used += cells[--first]?.width ?? 0;
  return [first, last];
}

function width(cells: readonly Cell[]): number {
  return cells.reduce((sum, cell) => sum + cell.width, 0);
}
