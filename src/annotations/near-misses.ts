import type { Comment } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ParsedFile } from "../parse/parse-file.js";
import { KNOWN_CAPABILITIES } from "./capabilities.js";

// `@Klotho::expose`, `@klotho:expose`, `klotho::expose`, `@klotho ::expose`: a marker written almost
// right. Only followed by a capability klotho knows, and without its `@` only at the start of a comment
// line, so prose that mentions klotho (`see klotho::expose in the README`) is left alone.
const NEAR_MISS = /(@\s*)?\bklotho\s*:+\s*([A-Za-z_][A-Za-z0-9_]*)/gi;

/** True when `text` may hold a near-miss marker (a cheap test before the comments are read). */
export function mayHoldNearMiss(text: string): boolean {
  return /klotho\s*:/i.test(text);
}

/**
 * Comments that look like an annotation but are not read as one, because the marker is not exactly
 * `@klotho::` (a capital letter, one colon, a missing `@`, spaces): a warning each, or the capability
 * would silently not apply.
 */
export function nearMissMarkers(parsed: ParsedFile): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const comment of parsed.ast.comments ?? []) {
    NEAR_MISS.lastIndex = 0;
    for (let match = NEAR_MISS.exec(comment.value); match; match = NEAR_MISS.exec(comment.value)) {
      const written = match[2] as string;
      const capability = written.toLowerCase();
      // Written exactly, the annotation reader has it (an unknown capability is its warning).
      if (match[0] === `@klotho::${written}` || !KNOWN_CAPABILITIES.includes(capability)) continue;
      if (match[1] === undefined && !startsLine(comment.value, match.index)) continue;
      const from = valueStart(comment) + match.index;
      const range = parsed.lines.range(parsed.file.path, from, from + match[0].length);
      diagnostics.push(createDiagnostic("annotation/near-miss-marker", { range }, match[0], capability));
    }
  }
  return diagnostics;
}

/** True when only blanks and a block comment's `*` come before `index` on its line of `text`. */
function startsLine(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  return /^[\s*]*$/.test(text.slice(lineStart, index));
}

/** Where a comment's text starts in the file: after `//` or `/*`. */
function valueStart(comment: Comment): number {
  return (comment.start ?? 0) + 2;
}
