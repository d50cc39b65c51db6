import { extractAnnotations, findDuplicateIds, type Annotation } from "./annotations/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { sortDiagnostics } from "./diagnostics/diagnostic.js";
import { checkPersistAnnotations } from "./engine/persist-checks.js";
import { buildSubjects } from "./engine/subjects.js";
import type { Subject } from "./engine/index.js";
import { extractFacts, type Fact } from "./facts/index.js";
import type { Inputs } from "./load/inputs.js";
import { parseFile, type ParsedFile } from "./parse/parse-file.js";
import { planApp, type PlanResult } from "./plan/index.js";
import { assignUnits, type UnitsResult } from "./units/index.js";
import { compareRanges } from "./util/source-range.js";

/** Stage timings in milliseconds, filled when a caller asks for them. */
export type Timings = Record<string, number>;

/** What the analysis half of the compiler knows: the code's annotations, facts, units, rule subjects and the plan. */
export interface Analysis {
  readonly parsed: readonly ParsedFile[];
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  readonly units: UnitsResult;
  readonly subjects: readonly Subject[];
  readonly planned: PlanResult;
  /** Every diagnostic so far, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** Progress lines (`Adding resource ...`), in the seed's order. */
  readonly progress: readonly string[];
}

/** Options of an analysis. */
export interface AnalyseOptions {
  readonly timings?: Timings;
  /** Record every rule evaluation (`klotho explain`). */
  readonly trace?: boolean;
}

/**
 * The analysis half of the compiler: parse → annotations → facts → units → rules and plan. It loads
 * no renderer (no Pulumi templates, no diagram), so `klotho explain` stays fast. Pure: it reads only
 * `inputs` and returns values.
 */
export async function analyse(inputs: Inputs, options: AnalyseOptions = {}): Promise<Analysis> {
  const time = stageTimer(options.timings);
  const diagnostics: Diagnostic[] = [];
  const parsed = time("parse", () => parseAll(inputs, diagnostics));
  const annotations = time("annotate", () => annotateAll(parsed, diagnostics));
  const facts = time("facts", () => extractFacts(inputs.project, parsed));
  diagnostics.push(...facts.diagnostics);
  const units = time("units", () => assignUnits(inputs.project, annotations, facts.facts, facts.imports));
  diagnostics.push(...units.diagnostics);
  const subjects = buildSubjects(annotations, facts.facts, units);
  diagnostics.push(...checkPersistAnnotations(annotations, facts.facts));
  const planned = await timeAsync(options.timings, "plan", () =>
    planApp({
      subjects,
      units: units.units,
      settings: inputs.settings,
      ...(inputs.configFile ? { configFile: inputs.configFile } : {}),
      ruleSet: inputs.ruleSet,
      typeTable: inputs.typeTable,
      ...(options.trace ? { trace: true } : {}),
    }),
  );
  diagnostics.push(...planned.diagnostics);
  const progress = orderProgress(planned.progress, units.progress);
  return { parsed, annotations, facts: facts.facts, units, subjects, planned, diagnostics: sortDiagnostics(diagnostics), progress };
}

/** The seed's order: execution units first, then what was found about routes, then the other resources. */
function orderProgress(planProgress: readonly string[], routeProgress: readonly string[]): string[] {
  const units = planProgress.filter((line) => line.startsWith("Adding resource exec_unit:"));
  const rest = planProgress.filter((line) => !line.startsWith("Adding resource exec_unit:"));
  return [...units, ...routeProgress, ...rest];
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

/** Runs a synchronous stage, adding its time to `timings` when given. */
export function stageTimer(timings: Timings | undefined) {
  return <T>(stage: string, run: () => T): T => {
    if (!timings) return run();
    const start = performance.now();
    const result = run();
    timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
    return result;
  };
}

/** Runs an asynchronous stage, adding its time to `timings` when given. */
export async function timeAsync<T>(timings: Timings | undefined, stage: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  if (timings) timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
  return result;
}
