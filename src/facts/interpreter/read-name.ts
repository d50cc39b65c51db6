import type { Node } from "@babel/types";
import type { Interpreter } from "./interpreter.js";
import { propertyKey } from "./patterns.js";
import { UNKNOWN, type FunctionValue, type Value } from "./values.js";
import { unwrapExpression } from "./wrappers.js";

/**
 * The value an identifier or a chain of property reads written in `fn` (`billing.pay`, `pay as Handler`)
 * has when `fn` runs: its first name looked up in the scope `fn` closes over, its properties read as the
 * code would (extractors' `member` hooks, then getters and own properties); unknown for anything else.
 */
export function readName(it: Interpreter, node: Node, fn: FunctionValue): Value {
  const inner = unwrapExpression(node);
  if (inner.type === "Identifier") return fn.closure.lookup(inner.name) ?? UNKNOWN;
  if (inner.type !== "MemberExpression" && inner.type !== "OptionalMemberExpression") return UNKNOWN;
  const key = propertyKey(inner.property, inner.computed);
  if (key === undefined) return UNKNOWN;
  const object = readName(it, inner.object, fn);
  return object.kind === "unknown" ? UNKNOWN : it.member(object, key);
}
