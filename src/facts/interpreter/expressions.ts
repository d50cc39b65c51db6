import type { ArrayExpression, Expression, Node, ObjectExpression } from "@babel/types";
import { isNode } from "../../parse/walk.js";
import type { Extractor } from "../extractors/extractor.js";
import { evaluateArguments, evaluateCall, evaluateNew, stringOfExpression } from "./calls.js";
import { evaluateClass } from "./classes.js";
import { IMPORT_META } from "./file-globals.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { bindPattern, propertyKey } from "./patterns.js";
import type { Scope } from "./scope.js";
import { appendToPath } from "./file-paths.js";
import { unwrapExpression } from "./wrappers.js";
import { UNKNOWN, eitherValue, madeOf, setGetter, setProperty, stringOf, withAlternatives, type Value } from "./values.js";

/** Evaluates an expression to the value the analysis can see. */
export function evaluateExpression(it: Interpreter, extractors: readonly Extractor[], node: Node, scope: Scope, module: ModuleContext): Value {
  const inner = unwrapExpression(node);
  if (inner !== node) return it.expression(inner, scope, module);
  switch (node.type) {
    case "Identifier":
      return node.name === "undefined" ? UNKNOWN : (scope.lookup(node.name) ?? UNKNOWN);
    case "MetaProperty":
      // `import.meta`, declared per module (file-globals.ts); `new.target` is not modelled.
      return node.meta.name === "import" ? (scope.lookup(IMPORT_META) ?? UNKNOWN) : UNKNOWN;
    case "ThisExpression":
      return scope.lookup("this") ?? UNKNOWN;
    case "Super": {
      const superclass = scope.lookup("super");
      return superclass?.kind === "class" ? { kind: "object", ref: superclass.instance } : UNKNOWN;
    }
    case "StringLiteral":
      return { kind: "string", value: node.value };
    case "TemplateLiteral": {
      // `${PREFIX}/v1` is known when every substitution is a known string.
      const parts = node.expressions.map((e) => it.expression(e, scope, module));
      const [first, ...others] = parts;
      // `${__dirname}/views`: a project path followed by known strings.
      if (first !== undefined && node.quasis[0]?.value.cooked === "" && others.every((p) => p.kind === "string")) {
        const rest = node.quasis.slice(1).map((q, i) => (q.value.cooked ?? q.value.raw) + (stringOf(others[i] ?? UNKNOWN) ?? "")).join("");
        const joined = appendToPath(first, rest);
        if (joined) return joined;
      }
      let text = "";
      for (const [i, quasi] of node.quasis.entries()) {
        const part = parts[i];
        text += (quasi.value.cooked ?? quasi.value.raw) + (part?.kind === "string" ? part.value : "");
        if (part !== undefined && part.kind !== "string") return UNKNOWN;
      }
      return madeOf({ kind: "string", value: text }, parts);
    }
    case "BinaryExpression": {
      // `PREFIX + "/v1"`: a concatenation of known strings.
      const left = node.left.type === "PrivateName" ? UNKNOWN : it.expression(node.left, scope, module);
      const right = it.expression(node.right, scope, module);
      if (node.operator !== "+") return UNKNOWN;
      if (left.kind === "string" && right.kind === "string") return madeOf({ kind: "string", value: left.value + right.value }, [left, right]);
      // `__dirname + "/views"`: a project path followed by a known string.
      return (right.kind === "string" && appendToPath(left, right.value)) || UNKNOWN;
    }
    case "MemberExpression":
    case "OptionalMemberExpression": {
      const object = it.expression(node.object, scope, module);
      const key = node.computed && node.property.type !== "NumericLiteral" ? stringOfExpression(it, node.property, scope, module) : propertyKey(node.property, false);
      return key === undefined ? UNKNOWN : it.member(object, key, { node: node.property, module });
    }
    case "CallExpression":
    case "OptionalCallExpression":
      return evaluateCall(it, extractors, node, scope, module);
    case "NewExpression":
      return evaluateNew(it, extractors, node, scope, module);
    case "AwaitExpression": {
      const value = it.expression(node.argument, scope, module);
      // What an unknown value settles to is another unknown value (an extractor may know the first one by identity).
      if (value.kind === "unknown" && value.unresolved === undefined) return UNKNOWN;
      return value.kind === "promise" ? value.value : value;
    }
    case "SequenceExpression":
      return node.expressions.map((e) => it.expression(e, scope, module)).at(-1) ?? UNKNOWN;
    case "AssignmentExpression":
      return evaluateAssignment(it, node.left, node.right, scope, module);
    case "ObjectExpression":
      return evaluateObject(it, node, scope, module);
    case "ArrayExpression":
      return { kind: "array", items: evaluateArray(it, node, scope, module) };
    case "FunctionExpression":
    case "ArrowFunctionExpression":
      return it.makeFunction(node, scope, module);
    case "ClassExpression":
      return evaluateClass(it, node, scope, module);
    case "ConditionalExpression": {
      it.expression(node.test, scope, module);
      const [consequent, alternate] = [it.expression(node.consequent, scope, module), it.expression(node.alternate, scope, module)];
      const chosen = eitherValue(consequent, alternate);
      return chosen.kind === "string" ? withAlternatives(chosen, [chosen === consequent ? alternate : consequent]) : chosen;
    }
    case "LogicalExpression": {
      const [left, right] = [it.expression(node.left, scope, module), it.expression(node.right, scope, module)];
      const chosen = eitherValue(left, right);
      // `input || "default"`: the default, or whatever the unknown left side is.
      return chosen === right && right.kind === "string" && left.kind === "unknown" ? withAlternatives(right, [left]) : chosen;
    }
    default:
      evaluateChildren(it, node, scope, module);
      return UNKNOWN;
  }
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

function evaluateAssignment(it: Interpreter, left: Node, right: Expression, scope: Scope, module: ModuleContext): Value {
  const value = it.expression(right, scope, module);
  if (left.type === "MemberExpression") {
    const target = it.expression(left.object, scope, module);
    const key = left.computed ? stringOfExpression(it, left.property, scope, module) : propertyKey(left.property, false);
    const ref = target.kind === "object" ? target.ref : target.kind === "class" ? target.statics : undefined;
    if (key !== undefined && ref) {
      setProperty(ref, key, value);
      it.nameValue(value, key);
    }
    return value;
  }
  bindPattern(it, left, value, scope, module, false);
  return value;
}

/** An object literal: properties, methods, getters (setters are analysed but not modelled) and spreads. */
function evaluateObject(it: Interpreter, node: ObjectExpression, scope: Scope, module: ModuleContext): Value {
  const object = module.extractor.newObject("plain", node);
  const self: Value = { kind: "object", ref: object };
  for (const property of node.properties) {
    if (property.type === "SpreadElement") {
      const spread = it.expression(property.argument, scope, module);
      if (spread.kind === "object") for (const [k, v] of it.ownEntries(spread.ref)) setProperty(object, k, v);
      continue;
    }
    const key = propertyKey(property.key, property.computed);
    if (property.computed && key === undefined) it.expression(property.key, scope, module);
    const value = property.type === "ObjectMethod" ? it.makeFunction(property, scope, module, self) : it.expression(property.value, scope, module);
    if (key === undefined || (property.type === "ObjectMethod" && property.kind === "set")) continue;
    if (property.type === "ObjectMethod" && property.kind === "get" && value.kind === "function") setGetter(object, key, value.fn);
    else setProperty(object, key, value);
    it.nameValue(value, key);
  }
  return self;
}

/** An array literal's items; a spread array contributes its items, holes are unknown. */
function evaluateArray(it: Interpreter, node: ArrayExpression, scope: Scope, module: ModuleContext): Value[] {
  return evaluateArguments(it, node.elements, scope, module);
}
