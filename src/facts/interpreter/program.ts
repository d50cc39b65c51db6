import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceProgram } from "../../parse/source-program.js";
import { compareStrings } from "../../util/compare.js";
import { rangeOfNode } from "../../util/source-range.js";
import type { Extractor } from "../extractors/extractor.js";
import { RunState } from "../extractors/run-state.js";
import type { Fact } from "../fact.js";
import { importSpecifiers } from "../module-scan.js";
import type { ImportResolver } from "../resolve-import.js";
import type { ProjectTextFile } from "../../load/project.js";
import { createUnknownLoadReporter } from "./computed-loads.js";
import { createFolderListing } from "./folder-listing.js";
import { callSiteOf } from "./functions.js";
import { jsonModules } from "./json-module.js";
import type { ProgramHost } from "./module-context.js";
import { createModuleLoader } from "./module-loader.js";
import { createProgramInterpreter } from "./program-interpreter.js";
import { addImport, createProgramRun, withinStack, type ModuleRecord } from "./program-run.js";
import { readName } from "./read-name.js";
import { runModule } from "./run-module.js";
import type { ObjectRef } from "./values.js";

/** What interpreting the whole program found. */
export interface ProgramResult {
  readonly facts: Fact[];
  readonly diagnostics: Diagnostic[];
  /** For each file, the project files it imports (statically or dynamically), sorted. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
}

/** What the program reads besides its code. */
export interface ProgramInputs {
  /** The project's JSON files, whose values code that imports them reads. */
  readonly dataFiles?: readonly ProjectTextFile[];
  /** Every file of the project (sources and others, project-relative), which fs `readdir` lists (folder-listing.ts). */
  readonly projectFiles?: readonly string[];
}

/**
 * Runs each of `roots`, in order, as a module, following imports across files like Node does (a module runs
 * once, parsed when first imported; a cycle sees the partial exports), then runs each function
 * nobody called once with unknown arguments so that code in route handlers and callbacks is seen too.
 */
export function interpretProgram(program: SourceProgram, roots: readonly string[], resolve: ImportResolver, extractors: readonly Extractor[], inputs: ProgramInputs = {}): ProgramResult {
  const run = createProgramRun(program, extractors);
  const jsonValue = jsonModules(inputs.dataFiles ?? [], run.diagnostics);
  const listFolder = createFolderListing(inputs.projectFiles ?? []);
  const runState = new RunState();
  const { it, stars, made } = createProgramInterpreter(run, {
    importModule: (specifier, module, node, style) => loader.importModule(specifier, module, node, style),
    unknownLoad: createUnknownLoadReporter((file) => program.get(file)),
  });
  /** What every module's extractor context asks of the program: running a function as a library would, and the call running one. */
  const host: ProgramHost = {
    invoke: (fn, args) => it.invoke(fn, args, undefined),
    callSite: (fn) => {
      const site = callSiteOf(run.calls, fn);
      return site && rangeOfNode(site.file, site.node);
    },
    calledFromAnotherFile: (file) => run.calls.frames.some((frame) => frame.site !== undefined && frame.site.file !== file),
    readName: (node, fn) => readName(it, node, fn),
    madeBy: (value) => made.site(value),
    listFolder,
    loadModule: (from, file) => loader.loadModule(from, file),
    runState: (key) => runState.get(key),
  };
  const followed = new Set<string>();
  const toFollow: string[] = [];
  const follow = (file: string): void => {
    if (followed.has(file)) return;
    followed.add(file);
    toFollow.push(file);
  };
  const evaluate = (file: string): ModuleRecord | undefined => {
    const record = runModule(run, it, host, stars, file);
    if (!record && program.unread(file)) follow(file);
    return record;
  };
  // A module klotho could not read (nested too deeply to parse) or run to its end (out of stack): the
  // project files its text names are its imports, run as it would load them, so the units that carry
  // it carry them too.
  const followByText = (file: string): void => {
    const source = program.unread(file) ?? program.get(file)?.file;
    if (!source) return;
    for (const specifier of importSpecifiers(source.text)) {
      const resolution = resolve(specifier, file, source.moduleKind === "esm" ? "import" : "require");
      if (resolution.kind !== "file" && resolution.kind !== "data") continue;
      addImport(run, file, resolution.file);
      if (resolution.kind === "file") interpreting(() => evaluate(resolution.file));
    }
  };
  // Modules are parsed as code imports them, maybe hundreds deep in a long chain, where the parser may
  // run out of stack on a file it reads from a short one: such a parse is decided again from here.
  const interpreting = <T>(work: () => T): T => program.deferringDeepParses(work);
  const imported = (file: string): boolean => [...run.imports.values()].some((targets) => targets.has(file));
  const loader = createModuleLoader(run, it, { resolve, listFolder, jsonValue, evaluate });

  for (const file of roots) interpreting(() => evaluate(file));
  // From here, where the stack is short: the parses left undecided (an imported module runs now); each
  // module that ran out of stack, followed by its text, and so are the modules its imports start, which
  // may run out again further down a long chain; then the functions nobody called.
  let reported = 0;
  const resumed: string[] = [];
  for (let next = 0; ; ) {
    const undecided = program.deferred();
    if (undecided.length > 0) {
      for (const file of undecided) {
        if (!(program.get(file) || program.unread(file)) || !imported(file)) continue;
        resumed.push(file);
        interpreting(() => evaluate(file));
      }
      continue;
    }
    const stopped = run.outOfStack[reported];
    if (stopped !== undefined) {
      reported++;
      follow(stopped);
      continue;
    }
    const unreadOrStopped = toFollow.shift();
    if (unreadOrStopped !== undefined) {
      followByText(unreadOrStopped);
      continue;
    }
    if (next >= run.pending.length) break;
    const fn = run.pending[next++];
    if (fn && !run.calls.invokedNodes.has(fn.node)) interpreting(() => withinStack(() => it.invoke(fn, [], fn.thisValue)));
  }
  // One warning, at the first module that stopped or was read too deep to parse there, naming the
  // others (a long chain stops every few hundred modules); such a module's importer saw an unknown value.
  const [first, ...others] = [...run.outOfStack, ...resumed];
  const lines = first === undefined ? undefined : program.get(first)?.lines;
  if (first !== undefined && lines) run.diagnostics.push(createDiagnostic("facts/out-of-stack", { range: lines.range(first, 0, 0) }, others));
  const sortedImports = new Map([...run.imports].map(([file, set]) => [file, [...set].sort(compareStrings)]));
  return { facts: withNames(dedupe(run.facts), run.objects), diagnostics: run.diagnostics, imports: sortedImports };
}

/** Objects get their names (the variable they are bound to) after they are created; add them to their facts. */
function withNames(facts: readonly Fact[], objects: readonly ObjectRef[]): Fact[] {
  const names = new Map<string, string>();
  for (const ref of objects) if (ref.name !== undefined && !names.has(ref.id)) names.set(ref.id, ref.name);
  return facts.map((fact) => {
    if (!("id" in fact)) return fact;
    const name = names.get(fact.id);
    return name === undefined ? fact : { ...fact, name };
  });
}

/** The same fact can be seen twice (a function analysed for two call sites); keep one of each. */
function dedupe(facts: readonly Fact[]): Fact[] {
  const seen = new Set<string>();
  return facts.filter((fact) => {
    const key = JSON.stringify(fact);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
