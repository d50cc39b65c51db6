import { displayWidth } from "./display-width.js";

/** The most columns of a source line a code frame prints; a longer line is cut to a window around the marked column. */
export const SNIPPET_WIDTH = 140;
/** How many columns a cut line keeps before the marked column, so the reader sees what leads up to it. */
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

/** One grapheme cluster of a line: where it starts (UTF-16 column, as positions count) and its UTF-16 length, how it is printed and how many columns that takes. */
interface Cell {
  readonly column: number;
  readonly length: number;
  readonly text: string;
  readonly width: number;
}

/**
 * `line` cut to at most SNIPPET_WIDTH columns around column `anchor`, non-printable characters
 * escaped, with the caret line for the columns `span` marks (at least one caret; a span that runs
 * past a cut gets a caret under the `…`).
 */
export function snippetLine(line: string, anchor: number, span?: { readonly start: number; readonly end: number }): SnippetLine {
  const { cells, cutStart, cutEnd, end } = cellsAround(line, anchor);
  const [first, last] = windowOf(cells, Math.max(0, cellAt(cells, anchor)));
  const cutBefore = first > 0 || cutStart;
  const cutAfter = last < cells.length || cutEnd;
  const shown = cells.slice(first, last);
  const text = `${cutBefore ? CUT : ""}${shown.map((cell) => cell.text).join("")}${cutAfter ? CUT : ""}`;
  if (!span) return { text };
  const markFirst = cellAt(cells, span.start);
  // Up to the first cell the span does not reach into: a span ending inside a cluster marks all of it.
  const markEnd = Math.max(markFirst + 1, span.end > end ? cells.length + 1 : cellStartingFrom(cells, span.end));
  const from = Math.min(Math.max(markFirst, first), last);
  const to = Math.max(Math.min(markEnd, last), from);
  const blank = cells.slice(first, from).map((cell) => (cell.text === "\t" ? "\t" : " ".repeat(cell.width)));
  const before = cutBefore ? (markFirst < first ? "" : " ") : "";
  const carets = width(cells.slice(from, to)) + (cutBefore && markFirst < first ? 1 : 0) + (cutAfter && markEnd > last ? 1 : 0);
  return { text, mark: { indent: `${before}${blank.join("")}`, length: Math.max(1, carets) } };
}

/** The cells of the part of a line a code frame may show, whether the line goes on before and after them, and the UTF-16 column they end at. */
interface LineCells {
  readonly cells: Cell[];
  readonly cutStart: boolean;
  readonly cutEnd: boolean;
  readonly end: number;
}

/**
 * How many UTF-16 code units on each side of the anchor are split into cells: several windows'
 * worth, and few enough that Node 20's grapheme segmenter, whose time grows faster than the length
 * it is given, stays quick on a minified line of a megabyte.
 */
const SEGMENTED_AROUND = 8 * SNIPPET_WIDTH;

/**
 * The cells around `anchor`, a grapheme cluster each (`é` written with a combining accent, a flag,
 * an emoji joined of several), as wide as a terminal draws it; a cluster cut by the edge of the part
 * split is left out (the `…` stands for it).
 */
function cellsAround(line: string, anchor: number): LineCells {
  const start = Math.max(0, anchor - SEGMENTED_AROUND);
  const end = Math.min(line.length, anchor + SEGMENTED_AROUND);
  const part = line.slice(start, end);
  // ASCII splits into one cluster a character (a line holds no line feed to join a carriage return):
  // no segmenter is made for it, which most code frames then never need.
  const clusters = ASCII.test(part) ? Array.from(part, (segment, index) => ({ segment, index })) : graphemes().segment(part);
  const cells = Array.from(clusters, ({ segment, index }) => cellOf(segment, start + index));
  if (start > 0) cells.shift();
  if (end < line.length) cells.pop();
  const lastCell = cells.at(-1);
  return { cells, cutStart: start > 0, cutEnd: end < line.length, end: lastCell ? lastCell.column + lastCell.length : start };
}

const ASCII = /^[\x00-\x7f]*$/;

/** The grapheme segmenter, made on first use: making one loads ICU's break rules (16 ms), which only a line with other characters needs. */
function graphemes(): Intl.Segmenter {
  return (segmenter ??= new Intl.Segmenter("en", { granularity: "grapheme" }));
}

let segmenter: Intl.Segmenter | undefined;

/** A cluster as printed: as wide as a terminal draws it, or, holding a character that is escaped, each escape as wide as its text. */
function cellOf(cluster: string, column: number): Cell {
  const text = printable(cluster);
  if (text === cluster) return { column, length: cluster.length, text, width: displayWidth(cluster) };
  const parts = Array.from(cluster, (character) => (printable(character) === character ? displayWidth(character) : printable(character).length));
  return { column, length: cluster.length, text, width: parts.reduce((sum, part) => sum + part, 0) };
}

/** The index of the cell holding UTF-16 `column`: -1 before the first, `cells.length` at or past the end of the last. */
function cellAt(cells: readonly Cell[], column: number): number {
  const next = cellStartingFrom(cells, column);
  if (next === cells.length) return next;
  return (cells[next]?.column ?? 0) > column ? next - 1 : next;
}

/** The index of the first cell that starts at UTF-16 `column` or after it; `cells.length` when none does. */
function cellStartingFrom(cells: readonly Cell[], column: number): number {
  const index = cells.findIndex((cell) => cell.column >= column);
  return index < 0 ? cells.length : index;
}

/** The cells `[first, last)` shown: all when they fit, else SNIPPET_WIDTH columns starting a little before the cell `anchor`. */
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
