import type { Node } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceProgram } from "../../parse/source-program.js";
import { compareStrings } from "../../util/compare.js";
import { rangeOfNode } from "../../util/source-range.js";
import type { Extractor } from "../extractors/extractor.js";
import { RunState } from "../extractors/run-state.js";
import type { Fact } from "../fact.js";
import { importKind } from "../package-exports.js";
import { bareSpecifier, type ImportResolver } from "../resolve-import.js";
import type { ProjectTextFile } from "../../load/project.js";
import { evaluateExpression } from "./expressions.js";
import { callSiteOf, invokeFunction, type CallState } from "./functions.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { jsonModules } from "./json-module.js";
import { madeByCalls } from "./made-by.js";
import { createModuleContext, type ProgramHost } from "./module-context.js";
import { ownEntries, readOwnMember } from "./properties.js";
import { readName } from "./read-name.js";
import { Scope } from "./scope.js";
import { starExports } from "./star-exports.js";
import { evaluateStatements } from "./statements.js";
import { declareFileGlobals } from "./file-globals.js";
import { createUnknownLoadReporter, isComputedLoad, namesProjectEntry } from "./computed-loads.js";
import { createFolderListing } from "./folder-listing.js";
import { ObjectRef, UNKNOWN, special, type FunctionValue, type Value } from "./values.js";
import { isDeclarationFile } from "../../util/typescript-files.js";

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

/** Expressions nested deeper than this, counting through calls, are not analysed: their value is unknown. */
const MAX_NESTING = 500;

/** Property names that say how a value is exported, not what it is: they never name an object. */
const MODULE_PLUMBING = new Set(["exports", "default", "module"]);

/** Runs `work`; code nested beyond what the stack holds (statements the nesting limit does not count) stops being analysed there. */
function withinStack(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
}

interface ModuleRecord {
  readonly context: ModuleContext;
  done: boolean;
  /** Modules a library loads for this one by path (ExtractorContext.loadModule) while it runs: they run once it is done. */
  readonly loads: string[];
}

/**
 * Runs each of `roots`, in order, as a module, following imports across files like Node does (a module runs
 * once, parsed when first imported; a cycle sees the partial exports), then runs each function
 * nobody called once with unknown arguments so that code in route handlers and callbacks is seen too.
 */
export function interpretProgram(program: SourceProgram, roots: readonly string[], resolve: ImportResolver, extractors: readonly Extractor[], inputs: ProgramInputs = {}): ProgramResult {
  const records = new Map<string, ModuleRecord>();
  const facts: Fact[] = [];
  const diagnostics: Diagnostic[] = [];
  const imports = new Map<string, Set<string>>();
  const jsonValue = jsonModules(inputs.dataFiles ?? [], diagnostics);
  const listFolder = createFolderListing(inputs.projectFiles ?? []);
  const reportUnknownLoad = createUnknownLoadReporter((file) => program.get(file));
  const pending: FunctionValue[] = [];
  const objects: ObjectRef[] = [];
  const runState = new RunState();
  const state: CallState = { active: new Set(), frames: [], invokedNodes: new Set(), memo: new Map(), calls: new Map(), depth: 0, generation: 0 };
  const made = madeByCalls();

  let nesting = 0;
  const it: Interpreter = {
    expression: (node, scope, module) => {
      if (nesting >= MAX_NESTING) return UNKNOWN;
      nesting++;
      try {
        return evaluateExpression(it, extractors, node, scope, module);
      } finally {
        nesting--;
      }
    },
    statements: (nodes, scope, module) => evaluateStatements(it, nodes, scope, module),
    invoke: (fn, args, thisValue, site) => {
      const before = made.count();
      const result = invokeFunction(it, state, byPathModule(fn.file), fn, args, thisValue, site);
      if (site) made.record(result, site, before);
      return result;
    },
    makeFunction: (node, scope, module, thisValue) => {
      const fn: FunctionValue = thisValue ? { node, closure: scope, file: module.file, thisValue } : { node, closure: scope, file: module.file };
      pending.push(fn);
      made.created(fn);
      return { kind: "function", fn };
    },
    importModule: (specifier, module, node, style) => importModule(specifier, module, node, style),
    unknownLoad: reportUnknownLoad,
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
      for (const extractor of extractors) {
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

  /** What every module's extractor context asks of the program: running a function as a library would, and the call running one. */
  const host: ProgramHost = {
    invoke: (fn, args) => it.invoke(fn, args, undefined),
    callSite: (fn) => {
      const site = callSiteOf(state, fn);
      return site && rangeOfNode(site.file, site.node);
    },
    calledFromAnotherFile: (file) => state.frames.some((frame) => frame.site !== undefined && frame.site.file !== file),
    readName: (node, fn) => readName(it, node, fn),
    madeIn: (value) => made.site(value)?.file,
    listFolder,
    loadModule: (from, file) => loadModule(from, file),
    runState: (key) => runState.get(key),
  };

  function byPathModule(file: string): ModuleContext {
    const record = records.get(file);
    if (!record) throw new Error(`internal: module ${file} was not started`);
    return record.context;
  }

  function importModule(specifier: string, from: ModuleContext, node: Node, style: "esm" | "cjs"): Value {
    const importer = program.get(from.file);
    if (!importer) throw new Error(`internal: module ${from.file} was not parsed`);
    const resolution = resolve(specifier, from.file, importKind(style, importer.file));
    if (resolution.kind === "package") {
      if (resolution.workspace) diagnostics.push(createDiagnostic("facts/unresolved-workspace-package", { range: rangeOfNode(from.file, node) }, specifier, resolution.workspace.dir));
      if (resolution.outside) diagnostics.push(createDiagnostic("facts/workspace-package-outside", { range: rangeOfNode(from.file, node) }, specifier, resolution.outside.dir));
      const bare = bareSpecifier(specifier);
      for (const extractor of extractors) {
        if (!extractor.packages?.includes(bare)) continue;
        const value = extractor.module?.(bare, { node, ctx: from.extractor });
        if (value) return value;
      }
      return special(`package:${resolution.name}`);
    }
    // Types only: nothing to analyse, and nothing runs.
    if (resolution.kind === "declaration") return UNKNOWN;
    if (resolution.kind === "unresolved") {
      // An entry of a folder listing that is no module (a README.md): the code skips it when it runs.
      if (isComputedLoad(node) && namesProjectEntry(specifier, from.file, listFolder)) return UNKNOWN;
      diagnostics.push(createDiagnostic("facts/unresolved-import", { range: rangeOfNode(from.file, node) }, specifier, from.file));
      return { kind: "unknown", unresolved: specifier };
    }
    let targets = imports.get(from.file);
    if (!targets) imports.set(from.file, (targets = new Set()));
    targets.add(resolution.file);
    // `import(`./routes/${name}.js`)` in a loop: each module it loads, for the units' rewrite (foreign-imports.ts).
    if (isComputedLoad(node)) from.extractor.emit({ kind: "import", specifier, resolved: resolution.file, range: rangeOfNode(from.file, node) });
    if (resolution.kind === "data") return style === "cjs" ? jsonValue(resolution.file) : jsonNamespace(resolution.file, jsonValue(resolution.file));
    const target = evaluateModule(resolution.file);
    if (!target) return UNKNOWN;
    return style === "cjs" ? requireValue(target.context) : namespaceValue(target.context, node);
  }

  /**
   * A project module `from` loads by a path a library computes (ExtractorContext.loadModule): recorded as its
   * import, and run once `from` has run, as the library loads it later (TypeORM's `initialize()`), so a module
   * importing `from` back sees its exports.
   */
  function loadModule(from: string, file: string): boolean {
    if (isDeclarationFile(file) || !program.get(file)) return false;
    let targets = imports.get(from);
    if (!targets) imports.set(from, (targets = new Set()));
    targets.add(file);
    const running = records.get(from);
    if (running && !running.done) running.loads.push(file);
    else evaluateModule(file);
    return true;
  }

  /** What `import config from "./config.json"` (its `default`) and `import * as config` (its properties too, as TypeScript compiles it) see. */
  function jsonNamespace(file: string, value: Value): Value {
    const namespace = new ObjectRef("namespace", `${file}:namespace`, undefined);
    if (value.kind === "object") for (const [k, v] of it.ownEntries(value.ref)) namespace.props.set(k, v);
    namespace.props.set("default", value);
    return { kind: "object", ref: namespace };
  }

  function requireValue(module: ModuleContext): Value {
    if (module.esm) return { kind: "object", ref: module.esmExports };
    return module.moduleObject.props.get("exports") ?? UNKNOWN;
  }

  /**
   * What `import * as ns` of a CommonJS module sees: its exports' properties, and as `default`
   * the exports object itself, or its `default` when it is marked `__esModule` (compiled ESM).
   */
  function namespaceValue(module: ModuleContext, node: Node): Value {
    if (module.esm) return { kind: "object", ref: module.esmExports };
    const exportsValue = requireValue(module);
    const namespace = new ObjectRef("namespace", `${module.file}:namespace`, rangeOfNode(module.file, node));
    if (exportsValue.kind === "object") for (const [k, v] of it.ownEntries(exportsValue.ref)) namespace.props.set(k, v);
    const compiled = exportsValue.kind === "object" && exportsValue.ref.props.has("__esModule");
    namespace.props.set("default", compiled ? it.member(exportsValue, "default") : exportsValue);
    return { kind: "object", ref: namespace };
  }

  /** What a module exports: its ES exports, or `module.exports` and that object's own properties. */
  function exportedValues(module: ModuleContext): [string, Value][] {
    if (module.esm) return [...module.esmExports.props];
    const value = requireValue(module);
    return [["module.exports", value], ...(value.kind === "object" ? it.ownEntries(value.ref) : [])];
  }

  function evaluateModule(file: string): ModuleRecord | undefined {
    const existing = records.get(file);
    if (existing) return existing;
    const parsed = program.get(file);
    if (!parsed) return undefined;
    const record: ModuleRecord = { context: createModuleContext(parsed, facts, diagnostics, objects, host), done: false, loads: [] };
    records.set(file, record);
    const scope = new Scope(undefined);
    const exportsObject = record.context.moduleObject.props.get("exports") ?? UNKNOWN;
    scope.declare("module", { kind: "object", ref: record.context.moduleObject });
    scope.declare("exports", exportsObject);
    declareFileGlobals(scope, parsed);
    // The module's top level runs when code first imports it, maybe inside a call; but it is nobody's
    // call (callSiteOf, calledFromAnotherFile): a listener it registers is the module's own.
    // Nor do the importer's call depth and expression nesting count against its own limits.
    const caller = { frames: state.frames.splice(0), depth: state.depth, nesting };
    state.depth = 0;
    nesting = 0;
    try {
      withinStack(() => it.statements(parsed.ast.program.body, scope, record.context));
    } finally {
      state.frames.push(...caller.frames);
      state.depth = caller.depth;
      nesting = caller.nesting;
    }
    for (const [exported, local] of record.context.localExports) {
      record.context.esmExports.props.set(exported, scope.lookup(local) ?? UNKNOWN);
    }
    stars.finished(record.context);
    const exported = exportedValues(record.context);
    for (const extractor of extractors) extractor.moduleExports?.(exported, record.context.extractor);
    record.done = true;
    state.generation++;
    for (const loaded of record.loads.splice(0)) evaluateModule(loaded);
    return record;
  }

  for (const file of roots) evaluateModule(file);
  for (let next = 0; next < pending.length; next++) {
    const fn = pending[next];
    if (fn && !state.invokedNodes.has(fn.node)) withinStack(() => it.invoke(fn, [], fn.thisValue));
  }
  const sortedImports = new Map([...imports].map(([file, set]) => [file, [...set].sort(compareStrings)]));
  return { facts: withNames(dedupe(facts), objects), diagnostics, imports: sortedImports };
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
