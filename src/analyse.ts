import { checkIdsAgainstApp, extractAnnotations, findConflictingUnits, findDuplicateIds, type Annotation } from "./annotations/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasFailures, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { checkPersistAnnotations } from "./engine/persist-checks.js";
import { buildSubjects } from "./engine/subjects.js";
import type { Subject } from "./engine/index.js";
import { entriesFirst, extractFacts, projectResolver, rootModules, type Fact, type FactsResult } from "./facts/index.js";
import type { Inputs } from "./load/inputs.js";
import type { ParsedFile } from "./parse/parse-file.js";
import { createSourceProgram, type SourceProgram } from "./parse/source-program.js";
import { packageMainFile, type Project } from "./load/project.js";
import { planApp, type Plan, type PlanResult, type TraceDepth } from "./plan/index.js";
import { internetAccessWarnings } from "./plan/internet-access.js";
import { assignUnits, type UnitsResult } from "./units/index.js";
import { compareStrings } from "./util/compare.js";
import { compareRanges, formatLocation } from "./util/source-range.js";

/** Stage timings in milliseconds, filled when a caller asks for them. */
export type Timings = Record<string, number>;

/** What the analysis half of the compiler knows: the code's annotations, facts, units, rule subjects and the plan. */
export interface Analysis {
  /** The source files, those the analysis read parsed; a later stage parses the others it needs. */
  readonly program: SourceProgram;
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
  /** What the plan keeps for `klotho explain` (see TraceDepth). */
  readonly trace?: TraceDepth;
  /** Told the plan as soon as it is made (see PlanInput's `onPlan`), when the analysis found no error before it. */
  readonly onPlan?: (plan: Plan) => void;
}

/**
 * The analysis half of the compiler: parse → annotations → facts → units → rules and plan. It loads
 * no renderer (no Pulumi templates, no diagram), so `klotho explain` stays fast. Pure: it reads only
 * `inputs` and returns values.
 */
export async function analyse(inputs: Inputs, options: AnalyseOptions = {}): Promise<Analysis> {
  const time = stageTimer(options.timings);
  const { program, annotations, facts, diagnostics } = readCode(inputs.project, options.timings ? { timings: options.timings } : {});
  diagnostics.push(...checkIdsAgainstApp(annotations, inputs.settings.app));
  const units = time("units", () => assignUnits(inputs.project, annotations, facts.facts, facts.imports, program));
  diagnostics.push(...units.diagnostics, ...carriedSyntaxErrors(program, units));
  const subjects = buildSubjects(annotations, facts.facts, units);
  diagnostics.push(...checkPersistAnnotations(annotations, facts.facts));
  const onPlan = options.onPlan && !hasFailures(diagnostics) ? options.onPlan : undefined;
  const planned = await timeAsync(options.timings, "plan", () =>
    planApp({
      ...(onPlan ? { onPlan } : {}),
      subjects,
      units: units.units,
      settings: inputs.settings,
      ...(inputs.configFile ? { configFile: inputs.configFile } : {}),
      ruleSet: inputs.ruleSet,
      typeTable: inputs.typeTable,
      ...(options.trace ? { trace: options.trace } : {}),
    }),
  );
  diagnostics.push(...withoutRepeatedDuplicates(planned.diagnostics, diagnostics));
  if (planned.plan) diagnostics.push(...internetAccessWarnings(planned.plan, program));
  const progress = orderProgress(planned.progress, units.progress);
  return { program, annotations, facts: facts.facts, units, subjects, planned, diagnostics: sortDiagnostics(diagnostics), progress };
}

/**
 * The syntax errors of the source files units carry that no module imports (a folder the code reads,
 * whose plugins a computed `require` loads): they are deployed, so they are read like the code that runs.
 */
function carriedSyntaxErrors(program: SourceProgram, units: UnitsResult): Diagnostic[] {
  const before = program.diagnostics.length;
  for (const unit of units.units) for (const file of unit.assets ?? []) program.get(file);
  return program.diagnostics.slice(before);
}

/** Options of readCode. */
export interface ReadCodeOptions {
  readonly timings?: Timings;
  /** Run every module, the roots first (the tests of import resolution, and of the roots themselves). */
  readonly everyModule?: boolean;
}

/** What reading a project's code found: its annotations and facts, and the files it parsed for them. */
export interface CodeReading {
  readonly program: SourceProgram;
  readonly annotations: Annotation[];
  readonly facts: FactsResult;
  /** Syntax errors, annotation problems and the facts' diagnostics, unsorted. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads the project's code: the root modules (facts/roots.ts) found from the files' text, parsed;
 * their annotations; then the facts, the interpreter parsing each other module as code imports it.
 */
export function readCode(project: Project, options: ReadCodeOptions = {}): CodeReading {
  const time = stageTimer(options.timings);
  const program = createSourceProgram(project.files);
  const resolve = projectResolver(project);
  const main = packageMainFile(project);
  const roots = time("scan", () => {
    const found = rootModules(project.files, resolve, main === undefined ? [] : [main]);
    if (!options.everyModule) return found;
    // The roots first, as a compile runs them: a module left to its importer runs then, not earlier for its name.
    const first = new Set(found);
    return [...found, ...project.files.map((file) => file.path).filter((file) => !first.has(file)).sort(compareStrings)];
  });
  time("parse", () => {
    for (const file of roots) program.get(file);
  });
  // Every annotated file is a root: the annotations are all in the files parsed so far.
  const diagnostics: Diagnostic[] = [];
  const annotations = time("annotate", () => annotateAll(program.parsed(), diagnostics));
  const exposed = annotations.flatMap((annotation) => (annotation.capability === "expose" ? [annotation.range.file] : [])).sort(compareStrings);
  const runOrder = entriesFirst(roots, main === undefined ? exposed : [main, ...exposed]);
  const facts = time("facts", () => extractFacts(project, program, runOrder, resolve));
  diagnostics.push(...program.diagnostics, ...facts.diagnostics);
  return { program, annotations, facts, diagnostics };
}

/**
 * The plan's diagnostics without a `plan/duplicate-persist` for two persist annotations the annotation
 * stage already reported as `annotation/duplicate-id` (the same id at the same two places): the plan
 * checks every persisted resource, of any kinds, but one mistake is one error.
 */
function withoutRepeatedDuplicates(planned: readonly Diagnostic[], earlier: readonly Diagnostic[]): Diagnostic[] {
  const reported = new Set(earlier.filter((d) => d.code === "annotation/duplicate-id").map(placesOf));
  return planned.filter((d) => d.code !== "plan/duplicate-persist" || !reported.has(placesOf(d)));
}

/** A diagnostic's location and its first related location, in either order. */
function placesOf(d: Diagnostic): string {
  return [d.range, d.related?.[0]?.range]
    .map((range) => (range ? formatLocation(range) : ""))
    .sort(compareStrings)
    .join("\u0000");
}

/** The seed's order: execution units first, then what was found about routes, then the other resources. */
function orderProgress(planProgress: readonly string[], routeProgress: readonly string[]): string[] {
  const units = planProgress.filter((line) => line.startsWith("Adding resource exec_unit:"));
  const rest = planProgress.filter((line) => !line.startsWith("Adding resource exec_unit:"));
  return [...units, ...routeProgress, ...rest];
}

function annotateAll(parsed: readonly ParsedFile[], diagnostics: Diagnostic[]): Annotation[] {
  const annotations: Annotation[] = [];
  for (const file of parsed) {
    const result = extractAnnotations(file);
    annotations.push(...result.annotations);
    diagnostics.push(...result.diagnostics);
  }
  diagnostics.push(...findDuplicateIds(annotations), ...findConflictingUnits(annotations));
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
