import type { Node } from "@babel/types";

/** Functions and the program: the scopes a parameter or a `const` belongs to. */
const SCOPES = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod", "Program"]);

/** The function (or, at the top level, the program) `node` is written in. */
export function enclosingScope(node: Node, parentOf: (node: Node) => Node | undefined): Node | undefined {
  let scope = parentOf(node);
  while (scope && !SCOPES.has(scope.type)) scope = parentOf(scope);
  return scope;
}
