import type { Interpreter } from "./interpreter.js";
import { evaluateExpression } from "./expressions.js";
import { invokeFunction } from "./functions.js";
import { madeByCalls, type MadeByCalls } from "./made-by.js";
import { memberHooksFor } from "./extractor-hooks.js";
import { ownEntries, readOwnMember } from "./properties.js";
import { startedModule, type ProgramRun } from "./program-run.js";
import { starExports, type StarExports } from "./star-exports.js";
import { evaluateStatements } from "./statements.js";
import { UNKNOWN, type FunctionValue, type Value } from "./values.js";

/** Expressions nested deeper than this, counting through calls, are not analysed: their value is unknown. */
const MAX_NESTING = 500;

/** Property names that say how a value is exported, not what it is: they never name an object. */
const MODULE_PLUMBING = new Set(["exports", "default", "module"]);

/** The interpreter of a run, the `export *` links its modules make, and which call made which value. */
export interface ProgramInterpreter {
  readonly it: Interpreter;
  readonly stars: StarExports;
  readonly made: MadeByCalls;
}

/**
 * The interpreter of `run`: expressions and statements evaluated with the run's extractors consulted, calls
 * run within its limits, functions remembered for the end; loading modules is `loads`' job (module-loader.ts).
 */
export function createProgramInterpreter(run: ProgramRun, loads: Pick<Interpreter, "importModule" | "unknownLoad">): ProgramInterpreter {
  const { extractors } = run;
  const made = madeByCalls();
  const it: Interpreter = {
    expression: (node, scope, module) => {
      if (run.nesting >= MAX_NESTING) return UNKNOWN;
      run.nesting++;
      try {
        return evaluateExpression(it, extractors, node, scope, module);
      } finally {
        run.nesting--;
      }
    },
    statements: (nodes, scope, module) => evaluateStatements(it, nodes, scope, module),
    invoke: (fn, args, thisValue, site) => {
      const before = made.count();
      const result = invokeFunction(it, run.calls, startedModule(run, fn.file), fn, args, thisValue, site);
      if (site) made.record(result, site, before);
      return result;
    },
    makeFunction: (node, scope, module, thisValue) => {
      const fn: FunctionValue = thisValue ? { node, closure: scope, file: module.file, thisValue } : { node, closure: scope, file: module.file };
      run.pending.push(fn);
      made.created(fn);
      return { kind: "function", fn };
    },
    importModule: (specifier, module, node, style) => loads.importModule(specifier, module, node, style),
    unknownLoad: loads.unknownLoad,
    opaqueResult: (site) => {
      const result: Value = { kind: "unknown" };
      made.record(result, site, made.count());
      return result;
    },
    nameValue: (value, name) => {
      if (value.kind === "object" && value.ref.name === undefined && !MODULE_PLUMBING.has(name)) value.ref.name = name;
    },
    member: (object, property, site) => {
      const extractorSite = site ? { node: site.node, ctx: site.module.extractor } : undefined;
      for (const extractor of memberHooksFor(extractors, object)) {
        const result = extractor.member?.(object, property, extractorSite);
        if (result) return result;
      }
      return readOwnMember(it, object, property);
    },
    reexport: (source, module) => {
      stars.reexport(source, module);
    },
    ownEntries: (ref) => ownEntries(it, ref),
    decorate: (decorator, target, node, module) => {
      for (const extractor of extractors) extractor.decorate?.(decorator, target, node, module.extractor);
    },
  };
  const stars = starExports(it);
  return { it, stars, made };
}
