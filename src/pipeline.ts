import { analyse, stageTimer, timeAsync, type Timings } from "./analyse.js";
import type { Annotation } from "./annotations/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasFailures, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { startDiagramRenderer, type DiagramRenderer, type TopologyOutput } from "./diagram/index.js";
import type { Fact } from "./facts/index.js";
import type { Inputs } from "./load/inputs.js";
import { renderEffectiveConfig, renderResourcesJson, staticUnitCopies, type Plan } from "./plan/index.js";
import { renderInfrastructure } from "./render/index.js";
import { transformUnits } from "./transform/index.js";

export type { Timings } from "./analyse.js";

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

/**
 * The compiler, stage by stage: the analysis (parse → annotations → facts → units → rules and plan),
 * then unit folders, the topology diagram and the Pulumi program → output files. Pure: it reads only
 * `inputs` (already loaded from disk) and returns values.
 */
/** Options of a compile. */
export interface CompileOptions {
  readonly strict?: boolean;
  readonly timings?: Timings;
  /**
   * Given the output files that are ready while the diagram is still being drawn on its thread (all
   * but the diagram's), once the compile knows it will succeed, so the caller can start writing them.
   * The result's `files` still holds every file.
   */
  readonly early?: (files: readonly OutputFile[]) => void;
  /** The diagram's thread, when the caller started it before reading the inputs; else the compile starts it. */
  readonly diagrams?: DiagramRenderer;
}

export async function compile(inputs: Inputs, options: CompileOptions = {}): Promise<CompileResult> {
  const time = stageTimer(options.timings);
  // The diagram's thread loads its modules while this one analyses: ELK too, unless the output folder's diagram may be kept.
  const diagrams = options.diagrams ?? startDiagramRenderer();
  diagrams.expect(inputs.previousDiagram);
  // The diagram starts as soon as the plan is made, while the analysis checks it and finishes.
  let drawing: Promise<TopologyOutput> | undefined;
  const startDrawing = (plan: Plan): Promise<TopologyOutput> => {
    drawing = timeAsync(options.timings, "diagram", () => diagrams.render(plan));
    drawing.catch(() => undefined);
    return drawing;
  };
  const analysis = await analyse(inputs, { ...(options.timings ? { timings: options.timings } : {}), onPlan: (plan) => void startDrawing(plan) });
  const { program, annotations, facts, planned } = analysis;
  const diagnostics: Diagnostic[] = [...analysis.diagnostics];
  const progress = analysis.progress;
  const preserve = [`Pulumi.${inputs.settings.app}.yaml`];
  const base = { annotations, facts, diagnostics: sortDiagnostics(diagnostics), progress, preserve };
  if (hasFailures(diagnostics, options.strict) || !planned.plan) {
    diagrams.cancel();
    return { ...base, files: [] };
  }
  const plan = planned.plan;
  // The diagram renders on another thread while the units and the Pulumi program are made here.
  const diagram = drawing ?? startDrawing(plan);
  // The rewrite may read a module the analysis did not (the declarations of one a unit imports only for its types): its syntax errors are this compile's too.
  const parsedBefore = program.diagnostics.length;
  const units = await timeAsync(options.timings, "transform", () => transformUnits({ plan, project: inputs.project, program, annotations, facts, runtime: inputs.runtime, topicServices: analysis.units.topicServices, ...(inputs.previousEmits ? { previousEmits: inputs.previousEmits } : {}) }));
  const unitFiles = units.files;
  diagnostics.push(...program.diagnostics.slice(parsedBefore), ...units.diagnostics);
  const infrastructure = await timeAsync(options.timings, "render", () =>
    renderInfrastructure({ plan, templates: inputs.templates, precompiled: inputs.precompiledTemplates, ...(inputs.configFile ? { configFile: inputs.configFile } : {}) }),
  );
  diagnostics.push(...infrastructure.diagnostics);
  const failed = hasFailures(diagnostics, options.strict);
  const before = failed ? [] : time("output", () => [...unitFiles, ...staticUnitCopies(plan, inputs.project.root), ...infrastructure.files]);
  const after = failed ? [] : [{ path: "resources.json", contents: renderResourcesJson(plan) }, renderEffectiveConfig(inputs, planned.effectiveConfig)];
  if (!failed && options.early) {
    try {
      options.early([...before, ...after]);
    } catch (error) {
      // The caller could not write: the diagram is not waited for.
      diagrams.cancel();
      diagram.catch(() => undefined);
      throw error;
    }
  }
  // `wait`: how long this thread, its own work done, still waits for the diagram's.
  const topology = await timeAsync(options.timings, "wait", () => diagram);
  if (options.timings) Object.assign(options.timings, topology.timings);
  const rendered = { ...base, plan, diagnostics: sortDiagnostics(diagnostics), progress: [...progress, ...topology.progress, ...infrastructure.progress] };
  if (failed) return { ...rendered, files: [] };
  const files = [...before, ...topology.files, ...after];
  return { ...rendered, files };
}
