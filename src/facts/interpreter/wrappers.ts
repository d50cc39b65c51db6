import type { Node } from "@babel/types";

/** An expression a value passes through unchanged: a TypeScript assertion or instantiation, or parentheses. */
type Wrapper = Extract<Node, { type: "TSAsExpression" | "TSSatisfiesExpression" | "TSNonNullExpression" | "TSTypeAssertion" | "ParenthesizedExpression" | "TSInstantiationExpression" }>;

function isWrapper(node: Node): node is Wrapper {
  switch (node.type) {
    case "TSAsExpression":
    case "TSSatisfiesExpression":
    case "TSNonNullExpression":
    case "TSTypeAssertion":
    case "ParenthesizedExpression":
    case "TSInstantiationExpression":
      return true;
    default:
      return false;
  }
}

/** `node` without the assertions and parentheses around it: `x` of `(x as T)!`. */
export function unwrapExpression(node: Node): Node {
  let inner = node;
  while (isWrapper(inner)) inner = inner.expression;
  return inner;
}
