import type { Annotation } from "../annotations/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { sortDiagnostics } from "../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../diagnostics/format-json.js";
import { formatDiagnostic } from "../diagnostics/format-text.js";
import { formatLocation } from "../util/source-range.js";
import type { Timings } from "../analyse.js";
import type { Plan } from "../plan/index.js";
import type { CliIo } from "./io.js";
import type { CommandOptions } from "./options.js";
import { chooseStyle } from "./style.js";

/** The end of a command: what to report once everything is known. */
export interface Outcome {
  readonly diagnostics: readonly Diagnostic[];
  readonly timings?: Timings;
  /** The output folder, relative to the working directory, when files were written. */
  readonly outDir?: string;
  /** True when the inputs could not be read: nothing was compiled, so `--json` has no progress. */
  readonly notStarted?: boolean;
  /** True for no `klotho: N errors ...; nothing was written.` line: explain, which never writes, and invocation errors. */
  readonly noSummary?: boolean;
}

/** Prints progress, annotations and diagnostics as text, or gathers them into one JSON document. */
export interface Reporter {
  useSources(sources: ReadonlyMap<string, string>): void;
  annotations(annotations: readonly Annotation[]): void;
  /** Progress lines (`Adding resource exec_unit:pugs`, ...), printed as they come; later calls add to earlier ones. */
  progress(lines: readonly string[]): void;
  /** The plan, for `--json`. */
  plan(plan: Plan | undefined): void;
  finish(outcome: Outcome): void;
}

/** A reporter for the options given (`--json`, `-v`, colour). */
export function createReporter(options: CommandOptions, io: CliIo): Reporter {
  const style = chooseStyle(io, options.color);
  let sources: ReadonlyMap<string, string> = new Map();
  let found: readonly Annotation[] = [];
  let progressLines: readonly string[] = [];
  let planned: Plan | undefined;
  return {
    progress(lines) {
      progressLines = [...progressLines, ...lines];
      if (!options.json) for (const line of lines) io.stdout(`${line}\n`);
    },
    plan(plan) {
      planned = plan;
    },
    useSources(next) {
      sources = next;
    },
    annotations(annotations) {
      found = annotations;
      if (options.json || !options.verbose) return;
      for (const a of annotations) io.stdout(`${describeAnnotation(a)}\n`);
    },
    finish(outcome) {
      if (options.json) {
        io.stdout(`${JSON.stringify({ ...jsonDocument(outcome, found), ...(outcome.notStarted ? {} : { progress: progressLines }), ...planJson(planned) }, null, 2)}\n`);
        return;
      }
      for (const d of sortDiagnostics(outcome.diagnostics)) io.stderr(`${formatDiagnostic(d, (f) => sources.get(f), style)}\n`);
      if (options.timings && outcome.timings) io.stderr(`${formatTimings(outcome.timings)}\n`);
      io.stderr(summary(outcome));
    },
  };
}

/** One line per annotation for `-v`: where it is, what it says and what it is bound to. */
export function describeAnnotation(a: Annotation): string {
  const id = a.id !== undefined ? ` id=${JSON.stringify(a.id)}` : "";
  const others = Object.entries(a.directives)
    .filter(([key]) => key !== "id")
    .map(([key, value]) => ` ${key}=${JSON.stringify(value)}`)
    .join("");
  const target = a.boundTo ? `${a.boundTo.type} at line ${a.boundTo.range.start.line}` : "nothing (end of file)";
  return `Found annotation @klotho::${a.capability}${id}${others} at ${formatLocation(a.range)} → ${target}`;
}

function summary(outcome: Outcome): string {
  if (outcome.noSummary) return "";
  const errors = outcome.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = outcome.diagnostics.filter((d) => d.severity === "warning").length;
  if (outcome.outDir !== undefined) {
    return warnings > 0 ? `Compiled with ${plural(warnings, "warning")} to ${outcome.outDir}\n` : "";
  }
  if (errors === 0 && warnings === 0) return "";
  return `klotho: ${plural(errors, "error")}, ${plural(warnings, "warning")}; nothing was written.\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function formatTimings(timings: Timings): string {
  return Object.entries(timings)
    .map(([stage, ms]) => `timing ${stage}: ${ms.toFixed(1)} ms`)
    .join("\n");
}

function jsonDocument(outcome: Outcome, annotations: readonly Annotation[]): object {
  return {
    ok: outcome.outDir !== undefined,
    ...(outcome.outDir !== undefined ? { outDir: outcome.outDir } : {}),
    diagnostics: sortDiagnostics(outcome.diagnostics).map(diagnosticToJson),
    annotations: annotations.map((a) => ({
      capability: a.capability,
      ...(a.id !== undefined ? { id: a.id } : {}),
      directives: a.directives,
      file: a.range.file,
      line: a.range.start.line,
      column: a.range.start.column + 1,
      ...(a.boundTo ? { boundTo: { type: a.boundTo.type, line: a.boundTo.range.start.line } } : {}),
    })),
    ...(outcome.timings ? { timings: outcome.timings } : {}),
  };
}

/** The plan as `--json` shows it: resources and edges without their provenance (see `klotho explain`). */
function planJson(plan: Plan | undefined): object {
  if (!plan) return {};
  return {
    resources: plan.resources.map((resource) => ({
      id: resource.id,
      kind: resource.kind,
      name: resource.name,
      type: resource.type,
      params: resource.params,
      ...(resource.routes ? { routes: resource.routes } : {}),
      ...(resource.entrypoint !== undefined ? { entrypoint: resource.entrypoint } : {}),
      ...(resource.files ? { files: resource.files } : {}),
    })),
    edges: plan.edges.map((edge) => ({ source: edge.source, target: edge.target })),
  };
}
