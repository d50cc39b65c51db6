import { formatLocation } from "../util/source-range.js";
import type { SourceRange } from "../util/source-range.js";
import type { Diagnostic } from "./diagnostic.js";

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
  const lines = [`${where}${severity}: ${style.bold(d.message)} ${style.dim(tag)}`];
  if (d.annotation) lines.push(...annotationBlock(d.annotation.text, style));
  const frame = d.annotation?.boundTo ?? d.range;
  if (frame) lines.push(...codeFrame(frame, sources(frame.file), style));
  for (const related of d.related ?? []) {
    lines.push(style.dim(`  = ${related.message} (${formatLocation(related.range)})`));
  }
  return lines.join("\n");
}

function annotationBlock(text: string, style: TextStyle): string[] {
  return text.split("\n").map((line) => style.dim("  | ") + line);
}

/** Numbered lines of `range`, with a caret line under a single-line range. */
export function codeFrame(range: SourceRange, source: string | undefined, style: TextStyle = plainStyle): string[] {
  if (source === undefined) return [];
  const all = source.split("\n");
  const first = range.start.line;
  const last = Math.min(range.end.line, first + MAX_FRAME_LINES - 1);
  const width = String(last).length;
  const out = [style.dim(`  | in ${range.file}`)];
  for (let n = first; n <= last; n++) {
    const text = (all[n - 1] ?? "").replace(/\r$/, "");
    out.push(`${style.dim(`  | ${String(n).padStart(width)}|`)} ${text}`);
  }
  if (range.end.line > last) out.push(style.dim(`  | ${" ".repeat(width)}| …`));
  if (range.start.line === range.end.line) {
    const length = Math.max(1, range.end.column - range.start.column);
    const prefix = (all[first - 1] ?? "").slice(0, range.start.column).replace(/[^\t]/g, " ");
    out.push(`${style.dim(`  | ${" ".repeat(width)}|`)} ${prefix}${style.error("^".repeat(length))}`);
  }
  return out;
}
