import type { Node } from "@babel/types";
import { walkAst } from "../../../parse/walk.js";
import { objectWithTag, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import { REQUEST_LISTENER } from "../express/listen.js";

/** The tag of a Next.js app object (`next({ ... })`). */
export const NEXT_APP = "next.app";
/** How many functions deep `handsToNext` follows calls (`(req, res) => serve(req, res)` where `serve` calls the handler). */
const MAX_DEPTH = 3;

/** The value of `app.getRequestHandler()`: a `(req, res)` listener that `http.createServer` accepts. */
export function nextHandler(app: ObjectRef): Value {
  return special(REQUEST_LISTENER, { nextApp: { kind: "object", ref: app } });
}

/** True for the value of a Next.js app's `getRequestHandler()`. */
export function isNextHandler(value: Value): boolean {
  if (value.kind !== "special" || value.tag !== REQUEST_LISTENER) return false;
  const app = value.data?.["nextApp"];
  return app !== undefined && objectWithTag(app, NEXT_APP) !== undefined;
}

/**
 * True when `value` hands requests to a Next.js request handler: it is one, or it is a function
 * whose body calls one by a name it closes over (`(req, res) => handle(req, res, parse(req.url, true))`),
 * or asks an app it closes over for one (`app.getRequestHandler()(req, res)`), directly or through
 * functions that do.
 */
export function handsToNext(value: Value, depth = 0): boolean {
  if (isNextHandler(value)) return true;
  if (value.kind !== "function" || depth >= MAX_DEPTH) return false;
  const { fn } = value;
  const own = new Set(parameterNames(fn.node));
  let found = false;
  walkAst(fn.node, (node) => {
    if (found) return false;
    if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return true;
    const { callee } = node;
    if (callee.type === "Identifier" && !own.has(callee.name)) {
      const target = fn.closure.lookup(callee.name);
      found = target !== undefined && (isNextHandler(target) || (target.kind === "function" && target.fn.node !== fn.node && handsToNext(target, depth + 1)));
    } else if (callee.type === "CallExpression" && callee.callee.type === "MemberExpression" && callee.callee.object.type === "Identifier") {
      const { object, property } = callee.callee;
      const app = own.has(object.name) ? undefined : fn.closure.lookup(object.name);
      found = property.type === "Identifier" && property.name === "getRequestHandler" && app !== undefined && objectWithTag(app, NEXT_APP) !== undefined;
    }
    return true;
  });
  return found;
}

/** The names a function's parameters bind directly (`req`, `res`; not destructured ones). */
function parameterNames(node: Node): string[] {
  const params = "params" in node && Array.isArray(node.params) ? (node.params as Node[]) : [];
  return params.flatMap((param) => (param.type === "Identifier" ? [param.name] : param.type === "AssignmentPattern" && param.left.type === "Identifier" ? [param.left.name] : []));
}
