import type { SourceRange } from "../util/source-range.js";
import { compareRanges } from "../util/source-range.js";
import { messages, type DiagnosticCode, type MessageArgs } from "./messages.js";

/** How serious a diagnostic is: errors fail the compile, warnings fail it only under `--strict`. */
export type Severity = "error" | "warning" | "info";

/** A secondary location that explains a diagnostic (e.g. the first of two duplicate ids). */
export interface RelatedLocation {
  readonly message: string;
  readonly range: SourceRange;
}

/** A problem found in the user's input: a value, never an exception. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly range?: SourceRange;
  /**
   * The annotation comment the diagnostic is about, shown above the code frame; when `boundTo`
   * is set the frame shows that statement (the code the annotation is about) instead of `range`.
   */
  readonly annotation?: { readonly text: string; readonly range: SourceRange; readonly boundTo?: SourceRange };
  readonly ruleId?: string;
  readonly related?: readonly RelatedLocation[];
}

/** Optional parts of a diagnostic besides its code and message arguments. */
export interface DiagnosticExtras {
  readonly range?: SourceRange | undefined;
  readonly annotation?: Diagnostic["annotation"];
  readonly ruleId?: string;
  readonly related?: readonly RelatedLocation[];
}

/** Builds the diagnostic `code` with its catalogue severity and text. */
export function createDiagnostic<C extends DiagnosticCode>(
  code: C,
  extras: DiagnosticExtras,
  ...args: MessageArgs<C>
): Diagnostic {
  const spec = messages[code];
  const text = (spec.text as (...a: MessageArgs<C>) => string)(...args);
  const diagnostic: Diagnostic = { code, severity: spec.severity, message: text };
  return withExtras(diagnostic, extras);
}

function withExtras(diagnostic: Diagnostic, extras: DiagnosticExtras): Diagnostic {
  const result: { -readonly [K in keyof Diagnostic]: Diagnostic[K] } = { ...diagnostic };
  if (extras.range) result.range = extras.range;
  if (extras.annotation) result.annotation = extras.annotation;
  if (extras.ruleId) result.ruleId = extras.ruleId;
  if (extras.related && extras.related.length > 0) result.related = extras.related;
  return result;
}

/** True when the diagnostic fails a compile: an error, or a warning under `strict`. */
export function isFailure(diagnostic: Diagnostic, strict = false): boolean {
  return diagnostic.severity === "error" || (strict && diagnostic.severity === "warning");
}

/** True when any diagnostic has error severity (or warning severity under `strict`). */
export function hasFailures(diagnostics: readonly Diagnostic[], strict = false): boolean {
  return diagnostics.some((d) => isFailure(d, strict));
}

/** Diagnostics in reporting order: by location (unlocated first), then code and message. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    if (a.range && b.range) {
      const byRange = compareRanges(a.range, b.range);
      if (byRange !== 0) return byRange;
    } else if (a.range !== b.range) {
      return a.range ? 1 : -1;
    }
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
  });
}
