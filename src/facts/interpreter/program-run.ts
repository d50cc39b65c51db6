import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceProgram } from "../../parse/source-program.js";
import type { Extractor } from "../extractors/extractor.js";
import type { Fact } from "../fact.js";
import type { CallState } from "./functions.js";
import type { ModuleContext } from "./interpreter.js";
import type { FunctionValue, ObjectRef } from "./values.js";

/** A module of the program once it started running. */
export interface ModuleRecord {
  readonly context: ModuleContext;
  done: boolean;
  /** Modules a library loads for this one by path (ExtractorContext.loadModule) while it runs: they run once it is done. */
  readonly loads: string[];
}

/** What one interpretProgram run shares between its parts: what it found, and where it is. */
export interface ProgramRun {
  readonly program: SourceProgram;
  readonly extractors: readonly Extractor[];
  /** The modules started, by path. */
  readonly records: Map<string, ModuleRecord>;
  readonly facts: Fact[];
  readonly diagnostics: Diagnostic[];
  /** For each file, the project files it imports. */
  readonly imports: Map<string, Set<string>>;
  /** Every object the extractors made, to name their facts once the program ran. */
  readonly objects: ObjectRef[];
  /** Every function made, in order: those nobody called run at the end. */
  readonly pending: FunctionValue[];
  readonly calls: CallState;
  /** How deep the expression being evaluated is nested, counting through calls. */
  nesting: number;
  /** Modules whose top level stopped for want of stack (withinStack), in the order it happened. */
  readonly outOfStack: string[];
}

/** A run of `program` that has found nothing yet. */
export function createProgramRun(program: SourceProgram, extractors: readonly Extractor[]): ProgramRun {
  return {
    program,
    extractors,
    records: new Map(),
    facts: [],
    diagnostics: [],
    imports: new Map(),
    objects: [],
    pending: [],
    calls: { active: new Set(), frames: [], invokedNodes: new Set(), memo: new Map(), calls: new Map(), depth: 0, generation: 0 },
    nesting: 0,
    outOfStack: [],
  };
}

/** Records that `from` imports the project file `file`. */
export function addImport(run: ProgramRun, from: string, file: string): void {
  let targets = run.imports.get(from);
  if (!targets) run.imports.set(from, (targets = new Set()));
  targets.add(file);
}

/** The context of the module `file`, which must have started. */
export function startedModule(run: ProgramRun, file: string): ModuleContext {
  const record = run.records.get(file);
  if (!record) throw new Error(`internal: module ${file} was not started`);
  return record.context;
}

/**
 * Runs `work`; code nested beyond what the stack holds (statements the nesting limit does not count,
 * a chain of hundreds of modules each importing the next) stops being analysed there. False when it did.
 */
export function withinStack(work: () => unknown): boolean {
  try {
    work();
    return true;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return false;
  }
}
