import type { SourceRange } from "../util/source-range.js";
import { findKeyIndex, normalizeBody } from "./toml-body.js";

/**
 * Where the strings of the directives are written inside the comment: `key` for a string
 * directive (`index_document`), `key.<i>` for the i-th string of an array (`static_files.0`).
 * A string is found by its quoted text after its key; one written with unusual escapes gets the
 * key's position. `toRange` maps body indexes to the file.
 */
export function directiveValueRanges(
  directives: Readonly<Record<string, unknown>>,
  rawBody: string,
  toRange: (bodyFrom: number, bodyTo: number) => SourceRange,
): Record<string, SourceRange> {
  const body = normalizeBody(rawBody);
  const ranges: Record<string, SourceRange> = {};
  for (const [key, value] of Object.entries(directives)) {
    const keyIndex = findKeyIndex(body, [key]);
    if (keyIndex < 0) continue;
    const strings = typeof value === "string" ? [[key, value] as const] : Array.isArray(value) ? value.map((item: unknown, i) => [`${key}.${i}`, item] as const) : [];
    let cursor = keyIndex + key.length;
    for (const [path, item] of strings) {
      if (typeof item !== "string") continue;
      const found = findQuoted(rawBody, item, cursor);
      ranges[path] = found ? toRange(found.start, found.end) : toRange(keyIndex, keyIndex + key.length);
      if (found) cursor = found.end;
    }
  }
  return ranges;
}

/** The first quoted spelling of `value` at or after `from`: `"value"` (JSON escapes) or `'value'`. */
function findQuoted(text: string, value: string, from: number): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  for (const spelling of [JSON.stringify(value), `'${value}'`, `"${value}"`]) {
    const start = text.indexOf(spelling, from);
    if (start >= 0 && (!best || start < best.start)) best = { start, end: start + spelling.length };
  }
  return best;
}
