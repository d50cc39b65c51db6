import type { Expression, Node } from "@babel/types";

/**
 * True when `node` sits in a branch of an `if` statement that runs only outside production, tested
 * literally on NODE_ENV: the consequent of `if (process.env.NODE_ENV !== "production")` (or `!=`) or of
 * `if (process.env.NODE_ENV === "development")` (or `==`), or the alternate of `=== "production"`. A
 * unit's image sets NODE_ENV=production, so such code does not run in the cloud. Any other test (a
 * variable, `&&`, a negation) is not read.
 */
export function inDevelopmentBranch(node: Node, parentOf: (node: Node) => Node | undefined): boolean {
  let child = node;
  for (let parent = parentOf(child); parent !== undefined; child = parent, parent = parentOf(child)) {
    if (parent.type !== "IfStatement" || child === parent.test) continue;
    const runs = nodeEnvTest(parent.test);
    if ((runs === "development" && child === parent.consequent) || (runs === "production" && child === parent.alternate)) return true;
  }
  return false;
}

/** Which environment the `if` test's consequent runs in, for a literal test of NODE_ENV; undefined for any other test. */
function nodeEnvTest(test: Expression): "development" | "production" | undefined {
  if (test.type !== "BinaryExpression" || !isNodeEnv(test.left) || test.right.type !== "StringLiteral") return undefined;
  const { operator } = test;
  const value = test.right.value;
  const equal = operator === "===" || operator === "==";
  if (!equal && operator !== "!==" && operator !== "!=") return undefined;
  if (value === "production") return equal ? "production" : "development";
  return value === "development" && equal ? "development" : undefined;
}

/** `process.env.NODE_ENV` or `process.env["NODE_ENV"]`. */
function isNodeEnv(node: Node): boolean {
  if (node.type !== "MemberExpression" || !isPropertyNamed(node, "NODE_ENV")) return false;
  const env = node.object;
  return env.type === "MemberExpression" && isPropertyNamed(env, "env") && env.object.type === "Identifier" && env.object.name === "process";
}

/** A member read of the property `name`, written `.name` or `["name"]`. */
function isPropertyNamed(node: Node & { type: "MemberExpression" }, name: string): boolean {
  const { property } = node;
  return node.computed ? property.type === "StringLiteral" && property.value === name : property.type === "Identifier" && property.name === name;
}
