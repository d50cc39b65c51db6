import type { Position, SourceRange } from "./source-range.js";

/** Converts offsets in a text to line/column positions (binary search over line starts). */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    this.lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** The position of `offset` (clamped to the text). */
  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - (this.lineStarts[low] ?? 0), offset: clamped };
  }

  /** The offset where 1-based `line` starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))] ?? 0;
  }

  /** The range between two offsets in `file`. */
  range(file: string, start: number, end: number): SourceRange {
    return { file, start: this.position(start), end: this.position(end) };
  }
}
