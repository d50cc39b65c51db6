import type { LVal, Node, PatternLike } from "@babel/types";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import type { Scope } from "./scope.js";
import { ITERATOR_KEY, UNKNOWN, type Value } from "./values.js";

/** Binds the names in a declaration or parameter pattern to the parts of `value`. */
export function bindPattern(
  it: Interpreter,
  pattern: LVal | PatternLike | Node,
  value: Value,
  scope: Scope,
  module: ModuleContext,
  declare: boolean,
): void {
  switch (pattern.type) {
    case "Identifier":
      it.nameValue(value, pattern.name);
      if (declare) scope.declare(pattern.name, value);
      else scope.assign(pattern.name, value);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties) {
        if (property.type === "RestElement") {
          bindPattern(it, property.argument, UNKNOWN, scope, module, declare);
          continue;
        }
        const key = propertyKey(property.key, property.computed);
        const part = key === undefined ? UNKNOWN : it.member(value, key, { node: property.key, module });
        bindPattern(it, property.value, part, scope, module, declare);
      }
      return;
    case "ArrayPattern":
      // Destructuring iterates the value, as a spread does (`const [first] = map`).
      if (value.kind === "object") it.member(value, ITERATOR_KEY, { node: pattern, module });
      pattern.elements.forEach((element, index) => {
        if (!element) return;
        const part = value.kind === "array" ? (value.items[index] ?? UNKNOWN) : UNKNOWN;
        bindPattern(it, element, element.type === "RestElement" ? UNKNOWN : part, scope, module, declare);
      });
      return;
    case "AssignmentPattern": {
      const effective = value.kind === "unknown" ? it.expression(pattern.right, scope, module) : value;
      bindPattern(it, pattern.left, effective, scope, module, declare);
      return;
    }
    case "RestElement":
      bindPattern(it, pattern.argument, UNKNOWN, scope, module, declare);
      return;
    case "TSParameterProperty":
      bindPattern(it, pattern.parameter, value, scope, module, declare);
      return;
    default:
      return;
  }
}

/** The name of an object key: an identifier, a string or a numeric literal (not computed expressions). */
export function propertyKey(key: Node, computed: boolean): string | undefined {
  if (key.type === "Identifier" && !computed) return key.name;
  if (key.type === "StringLiteral") return key.value;
  if (key.type === "NumericLiteral") return String(key.value);
  if (key.type === "PrivateName") return `#${key.id.name}`;
  return undefined;
}
