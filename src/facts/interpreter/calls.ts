import type { NewExpression, Node } from "@babel/types";
import type { CallNode, Extractor } from "../extractors/extractor.js";
import { callBuiltinFunction, callBuiltinMethod } from "./builtins.js";
import type { CallSite, Interpreter, ModuleContext } from "./interpreter.js";
import { propertyKey } from "./patterns.js";
import { callHooksFor, methodHooksFor } from "./extractor-hooks.js";
import { loadBySpecifier, requireFolderOf } from "./require-function.js";
import type { Scope } from "./scope.js";
import { ITERATOR_KEY, UNKNOWN, type Value } from "./values.js";

/**
 * A call: `import()`, `require()` and a `require` made by `createRequire()` (require-function.ts) of a known
 * specifier load the module; `super()` runs the superclass's constructor; compiler helpers and a few
 * built-ins are modelled (builtins.ts); method calls go to the extractors' `method` hooks, then to the
 * function the property holds.
 */
export function evaluateCall(it: Interpreter, extractors: readonly Extractor[], node: CallNode, scope: Scope, module: ModuleContext): Value {
  const callee = node.callee;
  const loads = callee.type === "Import" || (callee.type === "Identifier" && callee.name === "require" && scope.lookup("require") === undefined);
  const args = evaluateArguments(it, node.arguments, scope, module);
  module.callArguments.set(node, args);
  if (loads) {
    const loaded = loadBySpecifier(it, args[0], node, module, callee.type === "Import" ? "esm" : "cjs");
    return callee.type === "Import" ? { kind: "promise", value: loaded } : loaded;
  }
  if (callee.type === "Super") return callSuper(it, args, scope, { node, file: module.file });
  const builtin = callBuiltinFunction(it, callee, args, node, scope, module);
  if (builtin) return builtin;
  if (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") {
    const object = it.expression(callee.object, scope, module);
    const method = callee.computed ? stringOfExpression(it, callee.property, scope, module) : propertyKey(callee.property, false);
    if (method === undefined) return UNKNOWN;
    for (const extractor of methodHooksFor(extractors, object, method)) {
      const result = extractor.method?.(object, method, args, node, module.extractor);
      if (result) return result;
    }
    const fromBuiltin = callBuiltinMethod(it, object, method, args);
    if (fromBuiltin) return fromBuiltin;
    const thisValue = callee.object.type === "Super" ? (scope.lookup("this") ?? UNKNOWN) : object;
    return applyValue(it, extractors, it.member(object, method), args, node, module, thisValue);
  }
  return applyValue(it, extractors, it.expression(callee, scope, module), args, node, module, undefined);
}

/** `new callee(...)`: extractors first, then a class (its constructor runs on the instance) or a constructor function. */
export function evaluateNew(it: Interpreter, extractors: readonly Extractor[], node: NewExpression, scope: Scope, module: ModuleContext): Value {
  const callee = it.expression(node.callee, scope, module);
  const args = evaluateArguments(it, node.arguments, scope, module);
  for (const extractor of extractors) {
    const result = extractor.construct?.(callee, args, node, module.extractor);
    if (result) return result;
  }
  const site = { node, file: module.file };
  if (callee.kind === "class") {
    if (callee.constructorFn) it.invoke(callee.constructorFn, args, { kind: "object", ref: callee.instance }, site);
    return { kind: "object", ref: callee.instance };
  }
  if (callee.kind === "function") {
    const instance = module.extractor.newObject("plain", node);
    it.invoke(callee.fn, args, { kind: "object", ref: instance }, site);
    return { kind: "object", ref: instance };
  }
  return callee.kind === "unknown" && callee.unresolved !== undefined ? callee : UNKNOWN;
}

/** The values of call arguments or array items; a spread array contributes its items, a hole is unknown. */
export function evaluateArguments(it: Interpreter, nodes: readonly (Node | null)[], scope: Scope, module: ModuleContext): Value[] {
  const values: Value[] = [];
  for (const argument of nodes) {
    if (argument?.type === "SpreadElement") {
      const spread = it.expression(argument.argument, scope, module);
      // A spread iterates its value: reading its Symbol.iterator first, which extractors see.
      if (spread.kind !== "array") it.member(spread, ITERATOR_KEY, { node: argument.argument, module });
      values.push(...(spread.kind === "array" ? spread.items : [UNKNOWN]));
    } else {
      values.push(argument ? it.expression(argument, scope, module) : UNKNOWN);
    }
  }
  return values;
}

/** The string an expression evaluates to, when it is a known string. */
export function stringOfExpression(it: Interpreter, node: Node, scope: Scope, module: ModuleContext): string | undefined {
  const value = it.expression(node, scope, module);
  return value.kind === "string" ? value.value : undefined;
}

function applyValue(it: Interpreter, extractors: readonly Extractor[], callee: Value, args: readonly Value[], node: CallNode, module: ModuleContext, thisValue: Value | undefined): Value {
  if (callee.kind === "function") {
    const result = it.invoke(callee.fn, args, thisValue, { node, file: module.file });
    for (const extractor of extractors) extractor.returned?.(result, node, module.extractor);
    return result;
  }
  const requireFolder = requireFolderOf(callee);
  if (requireFolder !== undefined) return loadBySpecifier(it, args[0], node, module, "cjs", requireFolder);
  for (const extractor of callHooksFor(extractors, callee)) {
    const result = extractor.call?.(callee, args, node, module.extractor);
    if (result) return result;
  }
  // Calling something from an import that could not be resolved gives something just as unresolved.
  if (callee.kind === "unknown" && callee.unresolved !== undefined) return callee;
  // A package's wrapper given a handler (`asyncHandler(async (req, res) => ...)`): its result is made here.
  return args.some((arg) => arg.kind === "function") ? it.opaqueResult({ node, file: module.file }) : UNKNOWN;
}

function callSuper(it: Interpreter, args: readonly Value[], scope: Scope, site: CallSite): Value {
  const superclass = scope.lookup("super");
  const self = scope.lookup("this");
  if (superclass?.kind === "class" && superclass.constructorFn) it.invoke(superclass.constructorFn, args, self, site);
  else if (superclass?.kind === "function") it.invoke(superclass.fn, args, self, site);
  return UNKNOWN;
}
