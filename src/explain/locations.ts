import type { ExplainLocation } from "../generated/explain.js";
import type { SourceRange } from "../util/source-range.js";

/** A source range's start as the explain document gives it: 1-based line and column. */
export function toLocation(range: SourceRange): ExplainLocation {
  return { file: range.file, line: range.start.line, column: range.start.column + 1 };
}

/** `file:line:col` of a location. */
export function formatExplainLocation(location: ExplainLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** A key identifying a range exactly, for matching ranges recorded by different stages. */
export function rangeKey(range: SourceRange): string {
  return `${range.file}\u0000${range.start.offset}\u0000${range.end.offset}`;
}
