import type { Annotation } from "../../src/annotations/index.js";
import { extractAnnotations } from "../../src/annotations/index.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { ModuleKind } from "../../src/load/project.js";
import { parseFile, type ParsedFile } from "../../src/parse/parse-file.js";
import type { SourceRange } from "../../src/util/source-range.js";

/** What parsing and annotating one source text produced. */
export interface AnnotateResult {
  /** The parsed file; absent when the file did not parse. */
  readonly parsed?: ParsedFile;
  readonly annotations: Annotation[];
  /** Syntax errors from parsing, then the annotation stage's diagnostics. */
  readonly diagnostics: Diagnostic[];
}

/** Parses `text` as the file `path` (`.mjs`/`.mts` as ESM, others as CommonJS unless told) and extracts its annotations. */
export function annotate(path: string, text: string, moduleKind: ModuleKind = moduleKindOf(path)): AnnotateResult {
  const result = parseFile({ path, text, moduleKind });
  if (!result.parsed) return { annotations: [], diagnostics: result.diagnostics };
  const extracted = extractAnnotations(result.parsed);
  return { parsed: result.parsed, annotations: extracted.annotations, diagnostics: [...result.diagnostics, ...extracted.diagnostics] };
}

/** Joins source lines with `\n`, so sources in test tables read top to bottom. */
export function lines(...source: string[]): string {
  return source.join("\n");
}

/** A 1-based line and a 1-based column, as an editor shows them. */
export type Location = readonly [line: number, column: number];

/** Where a range starts, as `[line, column]`, both 1-based. */
export function startOf(range: SourceRange): Location {
  return [range.start.line, range.start.column + 1];
}

/** An annotation reduced to what tests compare: its values, where it starts and what it binds to. */
export interface AnnotationSummary {
  readonly capability: string;
  readonly id?: string;
  readonly directives: Readonly<Record<string, unknown>>;
  /** Where `@klotho::` is. */
  readonly at: Location;
  /** The bound node's type and 1-based start line. */
  readonly boundTo?: readonly [type: string, line: number];
  readonly topLevel: boolean;
}

/** The summary of an annotation; `id` and `boundTo` are present only when the annotation has them. */
export function summarizeAnnotation(annotation: Annotation): AnnotationSummary {
  return {
    capability: annotation.capability,
    ...(annotation.id === undefined ? {} : { id: annotation.id }),
    directives: annotation.directives,
    at: startOf(annotation.range),
    ...(annotation.boundTo ? { boundTo: [annotation.boundTo.type, annotation.boundTo.range.start.line] as const } : {}),
    topLevel: annotation.topLevel,
  };
}

/** A diagnostic reduced to what tests compare: code, severity, exact message and where it points. */
export interface DiagnosticSummary {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly at?: Location;
  /** Where the annotation the diagnostic is about starts, when it is about one. */
  readonly annotationAt?: Location;
}

/** The summary of a diagnostic; `at` is present only when the diagnostic has a range. */
export function summarizeDiagnostic(diagnostic: Diagnostic): DiagnosticSummary {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    ...(diagnostic.range ? { at: startOf(diagnostic.range) } : {}),
    ...(diagnostic.annotation ? { annotationAt: startOf(diagnostic.annotation.range) } : {}),
  };
}

function moduleKindOf(path: string): ModuleKind {
  return /\.m[jt]s$/.test(path) ? "esm" : "cjs";
}
