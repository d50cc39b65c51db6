/** A position in a source file: 1-based line, 0-based column (Babel's convention), 0-based offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A span of a file. `file` is the display path: project-relative and POSIX for project files. */
export interface SourceRange {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
}

/** `file:line:col` with a 1-based column, the form every message uses. */
export function formatLocation(range: SourceRange): string {
  return `${range.file}:${range.start.line}:${range.start.column + 1}`;
}

/** Orders ranges by file, then start offset, then end offset. */
export function compareRanges(a: SourceRange, b: SourceRange): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.start.offset !== b.start.offset) return a.start.offset - b.start.offset;
  return a.end.offset - b.end.offset;
}

/** Minimal shape of a Babel node location, so this module does not depend on Babel's types. */
interface LocatedNode {
  readonly start?: number | null;
  readonly end?: number | null;
  readonly loc?: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } } | null;
}

/** The range a Babel node covers in `file`. */
export function rangeOfNode(file: string, node: LocatedNode): SourceRange {
  const loc = node.loc;
  const start = node.start ?? 0;
  const end = node.end ?? start;
  return {
    file,
    start: { line: loc?.start.line ?? 1, column: loc?.start.column ?? 0, offset: start },
    end: { line: loc?.end.line ?? 1, column: loc?.end.column ?? 0, offset: end },
  };
}
