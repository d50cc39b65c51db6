import { formatLocation } from "../util/source-range.js";
import type { SourceRange } from "../util/source-range.js";
import type { Diagnostic } from "./diagnostic.js";
import { printable, snippetLine, type SnippetLine } from "./snippet.js";

/** Looks up the text of a file by its display path, for code frames. */
export type SourceLookup = (file: string) => string | undefined;

/** Styling hooks; identity functions when colour is off. */
export interface TextStyle {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

/** The plain style: no escape codes. */
export const plainStyle: TextStyle = { error: (s) => s, warning: (s) => s, dim: (s) => s, bold: (s) => s };

const MAX_FRAME_LINES = 6;

/**
 * Renders a diagnostic the way the original klotho did: `file:line:col: severity: message`,
 * then the annotation block, `| in <file>` and numbered source lines with the range marked.
 */
export function formatDiagnostic(d: Diagnostic, sources: SourceLookup, style: TextStyle = plainStyle): string {
  const where = d.range ? `${formatLocation(d.range)}: ` : "";
  const severity = d.severity === "error" ? style.error("error") : d.severity === "warning" ? style.warning("warning") : "info";
  const tag = d.ruleId ? `[${d.code}: ${d.ruleId}]` : `[${d.code}]`;
  const lines = [`${printable(where)}${severity}: ${style.bold(printable(d.message))} ${style.dim(tag)}`];
  if (d.annotation) lines.push(...annotationBlock(d.annotation.text, style));
  const frame = d.annotation?.boundTo ?? d.range;
  if (frame) lines.push(...codeFrame(frame, sources(frame.file), style));
  for (const related of d.related ?? []) {
    lines.push(style.dim(`  = ${printable(related.message)} (${printable(formatLocation(related.range))})`));
  }
  return lines.join("\n");
}

function annotationBlock(text: string, style: TextStyle): string[] {
  return text.split("\n").map((line) => style.dim("  | ") + snippetLine(line, 0).text);
}

/**
 * Numbered lines of `range`, with a caret line under a single-line range. A line longer than
 * SNIPPET_WIDTH is cut to a window around the range's start, and characters a terminal would not
 * show as written are escaped, so a minified or binary file gives a readable frame.
 */
export function codeFrame(range: SourceRange, source: string | undefined, style: TextStyle = plainStyle): string[] {
  if (source === undefined) return [];
  const all = source.split("\n");
  const first = range.start.line;
  const last = Math.min(range.end.line, first + MAX_FRAME_LINES - 1);
  const width = String(last).length;
  const out = [style.dim(`  | in ${printable(range.file)}`)];
  const singleLine = range.start.line === range.end.line;
  let mark: SnippetLine["mark"];
  for (let n = first; n <= last; n++) {
    const text = (all[n - 1] ?? "").replace(/\r$/, "");
    const line = n === first ? snippetLine(text, range.start.column, singleLine ? { start: range.start.column, end: range.end.column } : undefined) : snippetLine(text, 0);
    if (n === first) mark = line.mark;
    out.push(`${style.dim(`  | ${String(n).padStart(width)}|`)} ${line.text}`);
  }
  if (range.end.line > last) out.push(style.dim(`  | ${" ".repeat(width)}| …`));
  if (mark) out.push(`${style.dim(`  | ${" ".repeat(width)}|`)} ${mark.indent}${style.error("^".repeat(mark.length))}`);
  return out;
}
