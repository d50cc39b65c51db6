import type { Node } from "@babel/types";
import type { CallNode } from "../extractors/extractor.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { MAX_UNROLLED_ITEMS } from "../../util/analysis-limits.js";
import { projectPath } from "./file-paths.js";
import { callStringMethod } from "./string-methods.js";
import type { Scope } from "./scope.js";
import { ObjectRef, UNKNOWN, distinctValues, setGetter, setProperty, type Value } from "./values.js";

/** Module interop helpers emitted by TypeScript (also via tslib) and Babel, recognised by name wherever they come from. */
const IMPORT_DEFAULT = new Set(["__importDefault", "_interopRequireDefault", "interopRequireDefault"]);
const IMPORT_STAR = new Set(["__importStar", "_interopRequireWildcard", "interopRequireWildcard"]);
const EXPORT_STAR = new Set(["__exportStar"]);

/**
 * Calls the interpreter models by what they are rather than by running their code: the module
 * interop helpers (`__importDefault(m)` is `m` for compiled ES modules, else `{ default: m }`),
 * `Object.defineProperty` / `Object.assign` on the global `Object`, and `process.cwd()`, the project root
 * (the unit's root in the cloud).
 */
export function callBuiltinFunction(it: Interpreter, callee: Node, args: readonly Value[], node: CallNode, scope: Scope, module: ModuleContext): Value | undefined {
  const name = calleeName(callee);
  if (name === undefined) return undefined;
  const [first = UNKNOWN, second = UNKNOWN, third = UNKNOWN] = args;
  if (IMPORT_DEFAULT.has(name)) return isEsModule(first) ? first : wrap(first, node, module, []);
  if (IMPORT_STAR.has(name)) return isEsModule(first) || first.kind !== "object" ? first : wrap(first, node, module, it.ownEntries(first.ref));
  if (EXPORT_STAR.has(name)) {
    if (first.kind === "object" && second.kind === "object") copyMissing(it.ownEntries(first.ref), second.ref);
    return UNKNOWN;
  }
  if (name === "cwd" && args.length === 0 && isGlobalMember(callee, "process", scope)) return projectPath(".");
  if (!isGlobalMember(callee, "Object", scope)) return undefined;
  // What they return is the object itself, its properties as they were.
  if (name === "freeze" || name === "seal" || name === "preventExtensions") return first;
  if (name === "defineProperty" && first.kind === "object" && second.kind === "string") {
    defineProperty(it, first.ref, second.value, third);
    return first;
  }
  if (name === "assign" && first.kind === "object") {
    for (const source of args.slice(1)) if (source.kind === "object") for (const [key, value] of it.ownEntries(source.ref)) setProperty(first.ref, key, value);
    return first;
  }
  return undefined;
}

/**
 * Methods of values the interpreter builds itself: `then` on a promise; `forEach`/`map`/`filter` on an array
 * (a filter keeps every item: what its callback decides is not known), and `sort()` without a comparator;
 * a few methods of a known string (string-methods.ts).
 */
export function callBuiltinMethod(it: Interpreter, object: Value, method: string, args: readonly Value[]): Value | undefined {
  const callback = args[0];
  if (object.kind === "array" && method === "sort" && args.length === 0) return object;
  if (callback?.kind !== "function") return callStringMethod(object, method, args);
  if (object.kind === "promise" && method === "then") return { kind: "promise", value: it.invoke(callback.fn, [object.value], undefined) };
  if (object.kind === "array" && (method === "forEach" || method === "map" || method === "filter")) {
    const results = distinctValues(object.items, MAX_UNROLLED_ITEMS).map((item) => it.invoke(callback.fn, [item, UNKNOWN, object], undefined));
    if (method === "filter") return object;
    return method === "map" ? { kind: "array", items: results } : UNKNOWN;
  }
  return undefined;
}

/** `global.x` for the global `global` (not a variable of the program). */
function isGlobalMember(callee: Node, global: string, scope: Scope): boolean {
  return callee.type === "MemberExpression" && callee.object.type === "Identifier" && callee.object.name === global && !scope.lookup(global);
}

/** `f` for `f(...)`, `m` for `o.m(...)` (also `(0, o.m)(...)`, as compilers write it). */
function calleeName(callee: Node): string | undefined {
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "SequenceExpression") {
    const last = callee.expressions.at(-1);
    return last ? calleeName(last) : undefined;
  }
  if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier") {
    return callee.property.name;
  }
  return undefined;
}

/** A compiled ES module: the exports of a project ES module or an exports object marked `__esModule`. */
function isEsModule(value: Value): boolean {
  return value.kind === "object" && (value.ref.tag === "esm-exports" || value.ref.props.has("__esModule"));
}

/** The namespace-like object an interop helper makes for a CommonJS module: its properties and `default`. */
function wrap(module: Value, node: CallNode, context: ModuleContext, entries: readonly [string, Value][]): Value {
  const ref = new ObjectRef("namespace", `${context.file}:${node.start ?? 0}:interop`, undefined);
  for (const [key, value] of entries) ref.props.set(key, value);
  ref.props.set("default", module);
  return { kind: "object", ref };
}

function copyMissing(entries: readonly [string, Value][], target: ObjectRef): void {
  for (const [key, value] of entries) if (key !== "default" && !target.props.has(key) && !target.getters.has(key)) target.props.set(key, value);
}

/** `Object.defineProperty(target, key, { value })` or `{ get() {...} }`. */
function defineProperty(it: Interpreter, target: ObjectRef, key: string, descriptor: Value): void {
  if (descriptor.kind !== "object") return;
  const getter = descriptor.ref.props.get("get");
  if (getter?.kind === "function") setGetter(target, key, getter.fn);
  else setProperty(target, key, it.member(descriptor, "value"));
}
