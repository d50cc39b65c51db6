import { extractAnnotations, findDuplicateIds, type Annotation } from "./annotations/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasFailures, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { renderTopology } from "./diagram/index.js";
import { checkPersistAnnotations } from "./engine/persist-checks.js";
import { buildSubjects } from "./engine/subjects.js";
import { extractFacts, type Fact } from "./facts/index.js";
import type { Inputs } from "./load/inputs.js";
import { parseFile, type ParsedFile } from "./parse/parse-file.js";
import { planApp, renderEffectiveConfig, renderResourcesJson, staticUnitCopies, type Plan } from "./plan/index.js";
import { renderInfrastructure } from "./render/index.js";
import { transformUnits } from "./transform/index.js";
import { assignUnits } from "./units/index.js";
import { compareRanges } from "./util/source-range.js";

/** A file for the writer: a path inside the output folder and its contents, or the project file it copies byte for byte. */
export type OutputFile =
  | {
      readonly path: string;
      readonly contents: string | Uint8Array;
      /** Written only when the file does not exist yet (the user's Pulumi stack settings). */
      readonly createOnly?: boolean;
    }
  | {
      readonly path: string;
      /** Absolute path of the file to copy (a static unit's files); the writer reads it, the pipeline never does. */
      readonly copyFrom: string;
    };

/** Everything a compile produces, as values: nothing here has touched the disk. */
export interface CompileResult {
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  readonly plan?: Plan;
  readonly diagnostics: readonly Diagnostic[];
  /** Progress lines (`Adding resource ...`), in order. */
  readonly progress: readonly string[];
  /** Files to write; empty when the compile failed. */
  readonly files: readonly OutputFile[];
  /** Files of the user's inside the output folder that a recompile keeps (the Pulumi stack settings). */
  readonly preserve: readonly string[];
}

/** Stage timings in milliseconds, filled when a caller asks for them. */
export type Timings = Record<string, number>;

/**
 * The compiler, stage by stage: parse → annotations → facts → units → rules and plan → unit
 * folders, the topology diagram and the Pulumi program → output files. Pure: it reads only `inputs` (already loaded from disk) and returns values.
 */
export async function compile(inputs: Inputs, options: { strict?: boolean; timings?: Timings } = {}): Promise<CompileResult> {
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
    planApp({ subjects, units: units.units, settings: inputs.settings, ...(inputs.configFile ? { configFile: inputs.configFile } : {}), ruleSet: inputs.ruleSet, typeTable: inputs.typeTable }),
  );
  diagnostics.push(...planned.diagnostics);
  const progress = orderProgress(planned.progress, units.progress);
  const preserve = [`Pulumi.${inputs.settings.app}.yaml`];
  const base = { annotations, facts: facts.facts, diagnostics: sortDiagnostics(diagnostics), progress, preserve };
  if (hasFailures(diagnostics, options.strict) || !planned.plan) return { ...base, files: [] };
  const plan = planned.plan;
  const unitFiles = await timeAsync(options.timings, "transform", () =>
    transformUnits({ plan, project: inputs.project, parsed, annotations, facts: facts.facts, runtime: inputs.runtime }),
  );
  const topology = await timeAsync(options.timings, "diagram", () => renderTopology(plan));
  const infrastructure = await timeAsync(options.timings, "render", () =>
    renderInfrastructure({ plan, templates: inputs.templates, ...(inputs.configFile ? { configFile: inputs.configFile } : {}) }),
  );
  diagnostics.push(...infrastructure.diagnostics);
  const rendered = { ...base, plan, diagnostics: sortDiagnostics(diagnostics), progress: [...progress, ...topology.progress, ...infrastructure.progress] };
  if (hasFailures(diagnostics, options.strict)) return { ...rendered, files: [] };
  const files = time("output", () => [
    ...unitFiles,
    ...staticUnitCopies(plan, inputs.project.root),
    ...infrastructure.files,
    ...topology.files,
    { path: "resources.json", contents: renderResourcesJson(plan) },
    renderEffectiveConfig(inputs, planned.effectiveConfig),
  ]);
  return { ...rendered, files };
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

function stageTimer(timings: Timings | undefined) {
  return <T>(stage: string, run: () => T): T => {
    if (!timings) return run();
    const start = performance.now();
    const result = run();
    timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
    return result;
  };
}

async function timeAsync<T>(timings: Timings | undefined, stage: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  if (timings) timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
  return result;
}
