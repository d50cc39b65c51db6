import type { Node } from "@babel/types";
import { walkAst } from "../../parse/walk.js";
import { enclosingScope } from "./enclosing-scope.js";

/** Nodes a value passes through unchanged on its way to whatever uses it. */
const TRANSPARENT = new Set([
  "ParenthesizedExpression",
  "TSAsExpression",
  "TSSatisfiesExpression",
  "TSNonNullExpression",
  "TSTypeAssertion",
  "ConditionalExpression",
  "LogicalExpression",
]);

/** Promise methods that consume a promise handed to them. */
const CHAIN_METHODS = new Set(["then", "catch", "finally"]);
/** `Promise.<combinator>([...])` awaits the promises in its array. */
const COMBINATORS = new Set(["all", "allSettled", "any", "race"]);

/**
 * True when the promise `call` returns is looked after: awaited, returned (also as an arrow
 * function's body), chained with `.then` / `.catch` / `.finally`, or passed to `Promise.all` and
 * its siblings. A promise that is dropped is a write that may not have happened yet, or a value
 * used before it exists. `following` holds the declarators whose reads are being followed (isVariableHandled).
 */
export function isPromiseHandled(call: Node, parentOf: (node: Node) => Node | undefined, following: Set<Node> = new Set()): boolean {
  let node = call;
  let parent = parentOf(node);
  // A promise tested (`c ? ... : ...`, `map.get(k) || fallback`) is always truthy: that is not looking after it.
  while (parent && TRANSPARENT.has(parent.type) && !isTested(node, parent)) {
    node = parent;
    parent = parentOf(node);
  }
  if (!parent) return false;
  switch (parent.type) {
    case "AwaitExpression":
    case "ReturnStatement":
      return true;
    case "ArrowFunctionExpression":
      return parent.body === node;
    case "MemberExpression":
    case "OptionalMemberExpression": {
      const outer = parentOf(parent);
      const chained = parent.object === node && !parent.computed && parent.property.type === "Identifier" && CHAIN_METHODS.has(parent.property.name);
      return chained && (outer?.type === "CallExpression" || outer?.type === "OptionalCallExpression") && outer.callee === parent;
    }
    case "ArrayExpression": {
      const outer = parentOf(parent);
      return (outer?.type === "CallExpression" || outer?.type === "OptionalCallExpression") && isPromiseCombinator(outer.callee) && outer.arguments[0] === parent;
    }
    case "VariableDeclarator":
      return parent.init === node && parent.id.type === "Identifier" && isVariableHandled(parent.id.name, parent, parentOf, following);
    // `for await (const k of map.keys())`: the loop awaits what it iterates.
    case "ForOfStatement":
      return parent.await && parent.right === node;
    default:
      return false;
  }
}

/** True when `parent` tests `node` for truth: a conditional's test, the left side of `||`, `&&` or `??`. */
function isTested(node: Node, parent: Node): boolean {
  return (parent.type === "ConditionalExpression" && parent.test === node) || (parent.type === "LogicalExpression" && parent.left === node);
}

/**
 * `const p = map.get(k); ... await p`: a promise kept in a variable is looked after when a read of the
 * variable in the same function is (awaited, returned, chained or passed to Promise.all).
 */
function isVariableHandled(name: string, declarator: Node, parentOf: (node: Node) => Node | undefined, following: Set<Node>): boolean {
  const scope = enclosingScope(declarator, parentOf);
  // `var a = b; var b = a;` would follow itself round: a declarator already being followed is not handled.
  if (!scope || following.has(declarator)) return false;
  following.add(declarator);
  let handled = false;
  try {
    walkAst(scope, (node, parent) => {
      if (handled) return false;
      if (node.type === "Identifier" && node.name === name && parent !== declarator && isRead(node, parent)) handled = isPromiseHandled(node, parentOf, following);
      return undefined;
    });
  } finally {
    following.delete(declarator);
  }
  return handled;
}

/** An identifier that reads its variable (not a property name or an object key). */
function isRead(node: Node, parent: Node | undefined): boolean {
  if ((parent?.type === "MemberExpression" || parent?.type === "OptionalMemberExpression") && parent.property === node && !parent.computed) return false;
  return !((parent?.type === "ObjectProperty" || parent?.type === "ObjectMethod") && parent.key === node && !parent.computed);
}

/** `Promise.all`, `Promise.allSettled`, `Promise.any`, `Promise.race`. */
function isPromiseCombinator(callee: Node): boolean {
  if (callee.type !== "MemberExpression" && callee.type !== "OptionalMemberExpression") return false;
  const { object, property } = callee;
  return object.type === "Identifier" && object.name === "Promise" && !callee.computed && property.type === "Identifier" && COMBINATORS.has(property.name);
}
