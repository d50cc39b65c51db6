import type { Node } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ParsedFile } from "../../parse/parse-file.js";
import { compareStrings } from "../../util/compare.js";
import { rangeOfNode } from "../../util/source-range.js";
import type { Extractor, ExtractorContext } from "../extractors/extractor.js";
import type { Fact } from "../fact.js";
import type { ImportResolver } from "../resolve-import.js";
import { evaluateExpression } from "./expressions.js";
import { invokeFunction, type CallState } from "./functions.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { Scope } from "./scope.js";
import { evaluateStatements } from "./statements.js";
import { ObjectRef, UNKNOWN, special, type FunctionValue, type Value } from "./values.js";

/** What interpreting the whole program found. */
export interface ProgramResult {
  readonly facts: Fact[];
  readonly diagnostics: Diagnostic[];
  /** For each file, the project files it imports (statically or dynamically), sorted. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
}

interface ModuleRecord {
  readonly context: ModuleContext;
  done: boolean;
}

/**
 * Interprets every file as a module, following imports across files like Node does (a module
 * runs once; a cycle sees the partial exports), then runs each function nobody called once with
 * unknown arguments so that code in route handlers and callbacks is seen too.
 */
export function interpretProgram(files: readonly ParsedFile[], resolve: ImportResolver, extractors: readonly Extractor[]): ProgramResult {
  const byPath = new Map(files.map((f) => [f.file.path, f]));
  const records = new Map<string, ModuleRecord>();
  const facts: Fact[] = [];
  const diagnostics: Diagnostic[] = [];
  const imports = new Map<string, Set<string>>();
  const pending: FunctionValue[] = [];
  const objects: ObjectRef[] = [];
  const state: CallState = { active: new Set(), invokedNodes: new Set(), memo: new Map(), depth: 0 };

  const it: Interpreter = {
    expression: (node, scope, module) => evaluateExpression(it, extractors, node, scope, module),
    statements: (nodes, scope, module) => evaluateStatements(it, nodes, scope, module),
    invoke: (fn, args, thisValue) => invokeFunction(it, state, byPathModule(fn.file), fn, args, thisValue),
    makeFunction: (node, scope, module, thisValue) => {
      const fn: FunctionValue = thisValue ? { node, closure: scope, file: module.file, thisValue } : { node, closure: scope, file: module.file };
      pending.push(fn);
      return { kind: "function", fn };
    },
    importModule: (specifier, module, node, style) => importModule(specifier, module, node, style),
    nameValue: (value, name) => {
      if (value.kind === "object" && value.ref.name === undefined) value.ref.name = name;
    },
    member: (object, property) => {
      for (const extractor of extractors) {
        const result = extractor.member?.(object, property);
        if (result) return result;
      }
      if (object.kind === "object") return object.ref.props.get(property) ?? UNKNOWN;
      return UNKNOWN;
    },
  };

  function byPathModule(file: string): ModuleContext {
    const record = records.get(file);
    if (!record) throw new Error(`internal: module ${file} was not started`);
    return record.context;
  }

  function importModule(specifier: string, from: ModuleContext, node: Node, style: "esm" | "cjs"): Value {
    const resolution = resolve(specifier, from.file);
    if (resolution.kind === "package") {
      const bare = specifier.startsWith("node:") ? specifier.slice(5) : specifier;
      for (const extractor of extractors) {
        const value = extractor.module?.(bare);
        if (value) return value;
      }
      return special(`package:${resolution.name}`);
    }
    if (resolution.kind === "unresolved") {
      diagnostics.push(createDiagnostic("facts/unresolved-import", { range: rangeOfNode(from.file, node) }, specifier, from.file));
      return { kind: "unknown", unresolved: specifier };
    }
    let targets = imports.get(from.file);
    if (!targets) imports.set(from.file, (targets = new Set()));
    targets.add(resolution.file);
    const target = evaluateModule(resolution.file);
    if (!target) return UNKNOWN;
    return style === "cjs" ? requireValue(target.context) : namespaceValue(target.context, node);
  }

  function requireValue(module: ModuleContext): Value {
    if (module.esm) return { kind: "object", ref: module.esmExports };
    return module.moduleObject.props.get("exports") ?? UNKNOWN;
  }

  function namespaceValue(module: ModuleContext, node: Node): Value {
    if (module.esm) return { kind: "object", ref: module.esmExports };
    const exportsValue = requireValue(module);
    const namespace = new ObjectRef("namespace", `${module.file}:namespace`, rangeOfNode(module.file, node));
    if (exportsValue.kind === "object") for (const [k, v] of exportsValue.ref.props) namespace.props.set(k, v);
    namespace.props.set("default", exportsValue);
    return { kind: "object", ref: namespace };
  }

  function evaluateModule(file: string): ModuleRecord | undefined {
    const existing = records.get(file);
    if (existing) return existing;
    const parsed = byPath.get(file);
    if (!parsed) return undefined;
    const record: ModuleRecord = { context: createModuleContext(parsed, facts, diagnostics, objects), done: false };
    records.set(file, record);
    const scope = new Scope(undefined);
    const exportsObject = record.context.moduleObject.props.get("exports") ?? UNKNOWN;
    scope.declare("module", { kind: "object", ref: record.context.moduleObject });
    scope.declare("exports", exportsObject);
    it.statements(parsed.ast.program.body, scope, record.context);
    for (const [exported, local] of record.context.localExports) {
      record.context.esmExports.props.set(exported, scope.lookup(local) ?? UNKNOWN);
    }
    record.done = true;
    return record;
  }

  for (const file of [...byPath.keys()].sort(compareStrings)) evaluateModule(file);
  while (pending.length > 0) {
    const fn = pending.shift() as FunctionValue;
    if (!state.invokedNodes.has(fn.node)) it.invoke(fn, [], fn.thisValue);
  }
  const sortedImports = new Map([...imports].map(([file, set]) => [file, [...set].sort(compareStrings)]));
  return { facts: withNames(dedupe(facts), objects), diagnostics, imports: sortedImports };
}

function createModuleContext(parsed: ParsedFile, facts: Fact[], diagnostics: Diagnostic[], objects: ObjectRef[]): ModuleContext {
  const file = parsed.file.path;
  const extractor: ExtractorContext = {
    file,
    range: (node) => rangeOfNode(file, node),
    emit: (fact) => facts.push(fact),
    report: (diagnostic) => diagnostics.push(diagnostic),
    newObject: (tag, node) => {
      const ref = new ObjectRef(tag, `${file}:${node.start ?? 0}`, rangeOfNode(file, node));
      objects.push(ref);
      return ref;
    },
  };
  const moduleObject = new ObjectRef("module", `${file}:module`, undefined);
  moduleObject.props.set("exports", { kind: "object", ref: new ObjectRef("exports", `${file}:exports`, undefined) });
  return { file, moduleObject, esmExports: new ObjectRef("esm-exports", `${file}:esm-exports`, undefined), esm: false, localExports: [], extractor };
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
