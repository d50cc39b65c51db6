import { createModuleContext, type ProgramHost } from "./module-context.js";
import { declareFileGlobals } from "./file-globals.js";
import type { Interpreter } from "./interpreter.js";
import { exportedValues } from "./module-values.js";
import { withinStack, type ModuleRecord, type ProgramRun } from "./program-run.js";
import { Scope } from "./scope.js";
import type { StarExports } from "./star-exports.js";
import { UNKNOWN } from "./values.js";

/**
 * Runs the module `file` once, parsed when first asked for (a cycle sees the partial exports): its top level,
 * then its exports for the extractors and the `export *` links, then the modules libraries loaded for it by path.
 */
export function runModule(run: ProgramRun, it: Interpreter, host: ProgramHost, stars: StarExports, file: string): ModuleRecord | undefined {
  const existing = run.records.get(file);
  if (existing) return existing;
  const parsed = run.program.get(file);
  if (!parsed) return undefined;
  const record: ModuleRecord = { context: createModuleContext(parsed, run.facts, run.diagnostics, run.objects, host), done: false, loads: [] };
  run.records.set(file, record);
  const scope = new Scope(undefined);
  const exportsObject = record.context.moduleObject.props.get("exports") ?? UNKNOWN;
  scope.declare("module", { kind: "object", ref: record.context.moduleObject });
  scope.declare("exports", exportsObject);
  declareFileGlobals(scope, parsed);
  // The module's top level runs when code first imports it, maybe inside a call; but it is nobody's
  // call (callSiteOf, calledFromAnotherFile): a listener it registers is the module's own.
  // Nor do the importer's call depth and expression nesting count against its own limits.
  const { calls } = run;
  const caller = { frames: calls.frames.splice(0), depth: calls.depth, nesting: run.nesting };
  calls.depth = 0;
  run.nesting = 0;
  try {
    if (!withinStack(() => it.statements(parsed.ast.program.body, scope, record.context))) run.outOfStack.push(file);
  } finally {
    calls.frames.push(...caller.frames);
    calls.depth = caller.depth;
    run.nesting = caller.nesting;
  }
  for (const [exported, local] of record.context.localExports) {
    record.context.esmExports.props.set(exported, scope.lookup(local) ?? UNKNOWN);
  }
  stars.finished(record.context);
  const exported = exportedValues(it, record.context);
  for (const extractor of run.extractors) extractor.moduleExports?.(exported, record.context.extractor);
  record.done = true;
  calls.generation++;
  for (const loaded of record.loads.splice(0)) runModule(run, it, host, stars, loaded);
  return record;
}
