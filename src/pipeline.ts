import { extractAnnotations, findDuplicateIds, type Annotation } from "./annotations/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasFailures, sortDiagnostics } from "./diagnostics/diagnostic.js";
import type { Inputs } from "./load/inputs.js";
import { parseFile, type ParsedFile } from "./parse/parse-file.js";
import { compareRanges } from "./util/source-range.js";
import { renderEffectiveConfig } from "./plan/effective-config.js";

/** A file for the writer: a path inside the output folder and its contents. */
export interface OutputFile {
  readonly path: string;
  readonly contents: string | Uint8Array;
  /** Written only when the file does not exist yet (the user's Pulumi stack settings). */
  readonly createOnly?: boolean;
}

/** Everything a compile produces, as values: nothing here has touched the disk. */
export interface CompileResult {
  readonly annotations: readonly Annotation[];
  readonly diagnostics: readonly Diagnostic[];
  /** Files to write; empty when the compile failed. */
  readonly files: readonly OutputFile[];
}

/** Stage timings in milliseconds, filled when a caller asks for them. */
export type Timings = Record<string, number>;

/**
 * The compiler: parse → annotations → (later stages) → output files. Pure: it reads only `inputs`.
 */
export function compile(inputs: Inputs, options: { strict?: boolean; timings?: Timings } = {}): CompileResult {
  const time = stageTimer(options.timings);
  const diagnostics: Diagnostic[] = [];
  const parsed = time("parse", () => parseAll(inputs, diagnostics));
  const annotations = time("annotate", () => annotateAll(parsed, diagnostics));
  const failed = hasFailures(diagnostics, options.strict);
  const files = failed ? [] : time("output", () => [renderEffectiveConfig(inputs)]);
  return { annotations, diagnostics: sortDiagnostics(diagnostics), files };
}

function parseAll(inputs: Inputs, diagnostics: Diagnostic[]): ParsedFile[] {
  const parsed: ParsedFile[] = [];
  for (const file of inputs.project.files) {
    const result = parseFile(file);
    diagnostics.push(...result.diagnostics);
    if (result.parsed) parsed.push(result.parsed);
  }
  return parsed;
}

function annotateAll(parsed: readonly ParsedFile[], diagnostics: Diagnostic[]): Annotation[] {
  const annotations: Annotation[] = [];
  for (const file of parsed) {
    const result = extractAnnotations(file);
    annotations.push(...result.annotations);
    diagnostics.push(...result.diagnostics);
  }
  diagnostics.push(...findDuplicateIds(annotations));
  return annotations.sort((a, b) => compareRanges(a.range, b.range));
}

function stageTimer(timings: Timings | undefined) {
  return <T>(stage: string, run: () => T): T => {
    if (!timings) return run();
    const start = performance.now();
    const result = run();
    timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
    return result;
  };
}
