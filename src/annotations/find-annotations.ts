import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaValidator } from "../load/schemas.js";
import type { ParsedFile } from "../parse/parse-file.js";
import type { SourceRange } from "../util/source-range.js";
import { findBodyEnd } from "./body-scanner.js";
import { KNOWN_CAPABILITIES } from "./capabilities.js";
import type { CommentBlock } from "./comment-blocks.js";
import { checkFileDirectives } from "./globs.js";
import { directiveKeyIndexes, findKeyIndex, parseBody } from "./toml-body.js";
import { directiveValueRanges } from "./value-ranges.js";

/** An annotation read from a comment, before it is bound to code. */
export interface UnboundAnnotation {
  readonly capability: string;
  readonly directives: Readonly<Record<string, unknown>>;
  /** Where each directive key is written in the comment (see Annotation.keyRanges). */
  readonly keyRanges: Readonly<Record<string, SourceRange>>;
  /** Where the directives' strings are written in the comment (see Annotation.valueRanges). */
  readonly valueRanges: Readonly<Record<string, SourceRange>>;
  readonly range: SourceRange;
  readonly text: string;
  readonly block: CommentBlock;
}

const MARKER = /@klotho::([A-Za-z_][A-Za-z0-9_]*)/g;

/** The file an annotation is read from: its path and line index (a parsed source file, or a Dockerfile). */
export type AnnotationSource = Pick<ParsedFile, "lines"> & { readonly file: { readonly path: string } };

/** Reads every `@klotho::` annotation in a comment block, reporting malformed ones as diagnostics. */
export function readAnnotations(
  parsed: AnnotationSource,
  block: CommentBlock,
): { annotations: UnboundAnnotation[]; diagnostics: Diagnostic[] } {
  const annotations: UnboundAnnotation[] = [];
  const diagnostics: Diagnostic[] = [];
  const { content } = block;
  const toRange = (from: number, to: number): SourceRange =>
    parsed.lines.range(parsed.file.path, block.origin[from] ?? 0, block.origin[to] ?? block.origin[from] ?? 0);
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(content); match; match = MARKER.exec(content)) {
    const capability = match[1] as string;
    const afterName = match.index + match[0].length;
    const open = afterName + (/^\s*/.exec(content.slice(afterName))?.[0].length ?? 0);
    const hasBody = content[open] === "{";
    const close = hasBody ? findBodyEnd(content, open) : -1;
    if (hasBody && close < 0) {
      const range = toRange(match.index, afterName);
      diagnostics.push(createDiagnostic("annotation/unclosed-body", { range, annotation: { text: content.slice(match.index).trimEnd(), range } }, capability));
      break;
    }
    const end = hasBody ? close + 1 : afterName;
    const range = toRange(match.index, end);
    const text = content.slice(match.index, end);
    const context = { range, annotation: { text, range } };
    MARKER.lastIndex = end;
    if (!KNOWN_CAPABILITIES.includes(capability)) {
      diagnostics.push(createDiagnostic("annotation/unknown-capability", context, capability));
      continue;
    }
    const body = hasBody ? content.slice(open + 1, close) : "";
    const directives = readDirectives(capability, body, open + 1, toRange, context);
    if ("diagnostic" in directives) {
      diagnostics.push(directives.diagnostic);
      continue;
    }
    const valueRanges = directiveValueRanges(directives.value, body, (from, to) => toRange(open + 1 + from, open + 1 + to));
    const fileProblems = checkFileDirectives(capability, directives.value, parsed.file.path, (path) => valueRanges[path], context);
    if (fileProblems.length > 0) {
      diagnostics.push(...fileProblems);
      continue;
    }
    annotations.push({ capability, directives: directives.value, keyRanges: directives.keyRanges, valueRanges, range, text, block });
  }
  return { annotations, diagnostics };
}

type DirectivesResult = { value: Record<string, unknown>; keyRanges: Record<string, SourceRange> } | { diagnostic: Diagnostic };

function readDirectives(
  capability: string,
  body: string,
  bodyStart: number,
  toRange: (from: number, to: number) => SourceRange,
  context: { range: SourceRange; annotation: Diagnostic["annotation"] },
): DirectivesResult {
  const parsedBody = parseBody(body);
  if (!parsedBody.ok) {
    const at = bodyStart + parsedBody.bodyIndex;
    return { diagnostic: createDiagnostic("annotation/invalid-toml", { ...context, range: toRange(at, at) }, capability, parsedBody.problem) };
  }
  const violations = schemaValidator(`annotations/${capability}`)(parsedBody.value);
  const first = violations[0];
  if (!first) {
    const keyRanges = directiveKeyIndexes(parsedBody.body, parsedBody.value).map(([key, index]): [string, SourceRange] => [key, toRange(bodyStart + index, bodyStart + index)]);
    return { value: parsedBody.value, keyRanges: Object.fromEntries(keyRanges) };
  }
  // Located at the first violation written in the body (a misspelt key rather than the required one it leaves missing).
  const keyIndex = violations.map((v) => findKeyIndex(parsedBody.body, v.path)).find((index) => index >= 0) ?? -1;
  const range = keyIndex >= 0 ? toRange(bodyStart + keyIndex, bodyStart + keyIndex) : context.range;
  const detail = violations.map((v) => v.message).join("; ");
  return { diagnostic: createDiagnostic("annotation/invalid-directive", { ...context, range }, capability, detail) };
}
