import type { CallExpression, Expression, NewExpression, Node, ObjectExpression, OptionalCallExpression } from "@babel/types";
import { isNode } from "../../parse/walk.js";
import type { Extractor } from "../extractors/extractor.js";
import { evaluateClass } from "./classes.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { bindPattern, propertyKey } from "./patterns.js";
import type { Scope } from "./scope.js";
import { UNKNOWN, type Value } from "./values.js";

const WRAPPERS = new Set(["TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "ParenthesizedExpression", "TSInstantiationExpression"]);

/** Evaluates an expression to the value the analysis can see. */
export function evaluateExpression(it: Interpreter, extractors: readonly Extractor[], node: Node, scope: Scope, module: ModuleContext): Value {
  if (WRAPPERS.has(node.type)) return it.expression((node as { expression: Node }).expression, scope, module);
  switch (node.type) {
    case "Identifier":
      return node.name === "undefined" ? UNKNOWN : (scope.lookup(node.name) ?? UNKNOWN);
    case "ThisExpression":
      return scope.lookup("this") ?? UNKNOWN;
    case "StringLiteral":
      return { kind: "string", value: node.value };
    case "TemplateLiteral":
      node.expressions.forEach((e) => it.expression(e, scope, module));
      return node.expressions.length === 0 ? { kind: "string", value: node.quasis.map((q) => q.value.cooked ?? q.value.raw).join("") } : UNKNOWN;
    case "MemberExpression":
    case "OptionalMemberExpression": {
      const object = it.expression(node.object, scope, module);
      const key = node.computed ? stringKey(it, node.property, scope, module) : propertyKey(node.property, false);
      return key === undefined ? UNKNOWN : it.member(object, key);
    }
    case "CallExpression":
    case "OptionalCallExpression":
      return evaluateCall(it, extractors, node, scope, module);
    case "NewExpression":
      return evaluateNew(it, extractors, node, scope, module);
    case "AwaitExpression": {
      const value = it.expression(node.argument, scope, module);
      return value.kind === "promise" ? value.value : value;
    }
    case "SequenceExpression":
      return node.expressions.map((e) => it.expression(e, scope, module)).at(-1) ?? UNKNOWN;
    case "AssignmentExpression":
      return evaluateAssignment(it, node.left, node.right, scope, module);
    case "ObjectExpression":
      return evaluateObject(it, node, scope, module);
    case "ArrayExpression":
      return { kind: "array", items: node.elements.map((e) => (e && e.type !== "SpreadElement" ? it.expression(e, scope, module) : UNKNOWN)) };
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      return it.makeFunction(node, scope, module);
    case "ClassExpression":
      return evaluateClass(it, node, scope, module);
    case "ConditionalExpression": {
      it.expression(node.test, scope, module);
      return firstKnown(it.expression(node.consequent, scope, module), it.expression(node.alternate, scope, module));
    }
    case "LogicalExpression":
      return firstKnown(it.expression(node.left, scope, module), it.expression(node.right, scope, module));
    default:
      evaluateChildren(it, node, scope, module);
      return UNKNOWN;
  }
}

function firstKnown(a: Value, b: Value): Value {
  return a.kind !== "unknown" ? a : b;
}

function stringKey(it: Interpreter, node: Node, scope: Scope, module: ModuleContext): string | undefined {
  const value = it.expression(node, scope, module);
  return value.kind === "string" ? value.value : undefined;
}

/** Evaluates the sub-expressions of a node the interpreter does not model, for their effects. */
function evaluateChildren(it: Interpreter, node: Node, scope: Scope, module: ModuleContext): void {
  for (const key of Object.keys(node)) {
    if (key === "loc" || key.endsWith("Comments") || key === "typeAnnotation" || key === "typeParameters") continue;
    const child: unknown = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(child) ? (child as unknown[]) : [child]) {
      if (isNode(item) && (item.type.endsWith("Expression") || item.type === "Identifier" || item.type === "SpreadElement")) {
        it.expression(item.type === "SpreadElement" ? item.argument : item, scope, module);
      }
    }
  }
}

function evaluateCall(
  it: Interpreter,
  extractors: readonly Extractor[],
  node: CallExpression | OptionalCallExpression,
  scope: Scope,
  module: ModuleContext,
): Value {
  const callee = node.callee;
  const firstArg = node.arguments[0];
  if (callee.type === "Import") {
    const specifier = firstArg?.type === "StringLiteral" ? firstArg.value : undefined;
    return { kind: "promise", value: specifier ? it.importModule(specifier, module, node, "esm") : UNKNOWN };
  }
  if (callee.type === "Identifier" && callee.name === "require" && scope.lookup("require") === undefined && firstArg?.type === "StringLiteral") {
    return it.importModule(firstArg.value, module, node, "cjs");
  }
  const args = node.arguments.map((a) => (a.type === "SpreadElement" || a.type === "ArgumentPlaceholder" ? UNKNOWN : it.expression(a, scope, module)));
  if ((callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && node.type === "CallExpression") {
    const object = it.expression(callee.object, scope, module);
    const method = callee.computed ? stringKey(it, callee.property, scope, module) : propertyKey(callee.property, false);
    if (method === undefined) return UNKNOWN;
    for (const extractor of extractors) {
      const result = extractor.method?.(object, method, args, node, module.extractor);
      if (result) return result;
    }
    if (method === "then" && object.kind === "promise" && args[0]?.kind === "function") {
      return { kind: "promise", value: it.invoke(args[0].fn, [object.value], undefined) };
    }
    return applyValue(it, extractors, it.member(object, method), args, node, module, object);
  }
  return applyValue(it, extractors, it.expression(callee, scope, module), args, node, module, undefined);
}

function applyValue(
  it: Interpreter,
  extractors: readonly Extractor[],
  callee: Value,
  args: readonly Value[],
  node: CallExpression | OptionalCallExpression,
  module: ModuleContext,
  thisValue: Value | undefined,
): Value {
  if (callee.kind === "function") return it.invoke(callee.fn, args, thisValue);
  if (node.type !== "CallExpression") return UNKNOWN;
  for (const extractor of extractors) {
    const result = extractor.call?.(callee, args, node, module.extractor);
    if (result) return result;
  }
  return UNKNOWN;
}

function evaluateNew(it: Interpreter, extractors: readonly Extractor[], node: NewExpression, scope: Scope, module: ModuleContext): Value {
  const callee = it.expression(node.callee, scope, module);
  const args = node.arguments.map((a) => (a.type === "SpreadElement" || a.type === "ArgumentPlaceholder" ? UNKNOWN : it.expression(a, scope, module)));
  for (const extractor of extractors) {
    const result = extractor.construct?.(callee, args, node, module.extractor);
    if (result) return result;
  }
  if (callee.kind === "class") {
    if (callee.constructorFn) it.invoke(callee.constructorFn, args, { kind: "object", ref: callee.instance });
    return { kind: "object", ref: callee.instance };
  }
  if (callee.kind === "function") {
    const instance = module.extractor.newObject("plain", node);
    it.invoke(callee.fn, args, { kind: "object", ref: instance });
    return { kind: "object", ref: instance };
  }
  return UNKNOWN;
}

function evaluateAssignment(it: Interpreter, left: Node, right: Expression, scope: Scope, module: ModuleContext): Value {
  const value = it.expression(right, scope, module);
  if (left.type === "MemberExpression") {
    const target = it.expression(left.object, scope, module);
    const key = left.computed ? stringKey(it, left.property, scope, module) : propertyKey(left.property, false);
    if (key !== undefined && target.kind === "object") {
      target.ref.props.set(key, value);
      it.nameValue(value, key);
    }
    return value;
  }
  bindPattern(it, left, value, scope, module, false);
  return value;
}

function evaluateObject(it: Interpreter, node: ObjectExpression, scope: Scope, module: ModuleContext): Value {
  const object = module.extractor.newObject("plain", node);
  for (const property of node.properties) {
    if (property.type === "SpreadElement") {
      const spread = it.expression(property.argument, scope, module);
      if (spread.kind === "object") for (const [k, v] of spread.ref.props) object.props.set(k, v);
      continue;
    }
    const key = propertyKey(property.key, property.computed);
    const value = property.type === "ObjectMethod" ? it.makeFunction(property, scope, module) : it.expression(property.value, scope, module);
    if (key !== undefined) {
      object.props.set(key, value);
      it.nameValue(value, key);
    }
  }
  return { kind: "object", ref: object };
}
