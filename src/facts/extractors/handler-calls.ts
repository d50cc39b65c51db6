import type { CallExpression, Node, OptionalCallExpression, Statement } from "@babel/types";
import { walkAst } from "../../parse/walk.js";
import type { SourceRange } from "../../util/source-range.js";
import type { FunctionValue } from "../interpreter/values.js";
import { unwrapExpression } from "../interpreter/wrappers.js";
import type { ExtractorContext } from "./extractor.js";

/** A call in a route's handler that gives the request, response or context to a function written in another file. */
export interface HandlerCall {
  /** The file of the called function. */
  readonly file: string;
  readonly range: SourceRange;
  /** True when the call is the handler's whole work: `(req, res) => billing.pay(req, res)`, `async (ctx) => { await billing.pay(ctx); }`. */
  readonly whole: boolean;
}

type Call = CallExpression | OptionalCallExpression;

/**
 * The calls in the handler `fn` that give one of its parameters (`req`, `res`, `ctx`, `reply`, `next`) to a
 * function written in another file than `fn`'s (`billing.pay(req, res)`, `pay(ctx)`); the callee is looked up
 * where `fn` was made, so a name `fn` declares itself is left out.
 */
export function handlerCalls(fn: FunctionValue, ctx: ExtractorContext): HandlerCall[] {
  const node = fn.node;
  if (!isFunctionNode(node)) return [];
  const params = new Set(node.params.flatMap((param) => (param.type === "Identifier" ? [param.name] : [])));
  // One walk: the calls that give a parameter, and the names the body declares, which may shadow one.
  const { locals, candidates } = walkBody(node.body, params);
  const sole = soleCall(node.body);
  const calls: HandlerCall[] = [];
  for (const inner of candidates) {
    const givesParameter = inner.arguments.some((arg) => arg.type === "Identifier" && params.has(arg.name) && !locals.has(arg.name));
    const root = rootName(inner.callee);
    if (!givesParameter || root === undefined || params.has(root) || locals.has(root)) continue;
    const callee = ctx.readName(inner.callee, fn);
    if (callee.kind === "function" && callee.fn.file !== fn.file) calls.push({ file: callee.fn.file, range: ctx.range(inner), whole: inner === sole });
  }
  return calls;
}

function isFunctionNode(node: Node): node is Extract<Node, { type: "FunctionDeclaration" | "FunctionExpression" | "ArrowFunctionExpression" | "ObjectMethod" | "ClassMethod" }> {
  return node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression" || node.type === "ObjectMethod" || node.type === "ClassMethod";
}

/**
 * The call that is a handler's whole body: its expression, or its one statement (an expression or a
 * `return`, alone in a `try` too), `await`ed or not, with a `.catch(next)` (`.then`, `.finally`) after it or not.
 */
function soleCall(body: Node): Call | undefined {
  return body.type === "BlockStatement" ? soleStatementCall(body.body) : callOf(body);
}

function soleStatementCall(statements: readonly Statement[]): Call | undefined {
  const [statement, ...rest] = statements;
  if (statement === undefined || rest.length > 0) return undefined;
  if (statement.type === "ExpressionStatement") return callOf(statement.expression);
  if (statement.type === "ReturnStatement") return statement.argument ? callOf(statement.argument) : undefined;
  if (statement.type === "TryStatement") return soleStatementCall(statement.block.body);
  return undefined;
}

const PROMISE_METHODS = new Set(["catch", "then", "finally"]);

function callOf(expression: Node): Call | undefined {
  let node = unwrapExpression(expression);
  if (node.type === "AwaitExpression") node = unwrapExpression(node.argument);
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return undefined;
  const callee = node.callee;
  const promised = (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && callee.property.type === "Identifier" && PROMISE_METHODS.has(callee.property.name) ? unwrapExpression(callee.object) : undefined;
  if (promised?.type === "CallExpression" || promised?.type === "OptionalCallExpression") return promised;
  return node;
}

/** The first name of an identifier or a chain of property reads (`billing` of `billing.pay`); undefined for anything else. */
function rootName(node: Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === "Identifier") return inner.name;
  if (inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") return rootName(inner.object);
  return undefined;
}

/**
 * In one walk of a handler's body: the names declared anywhere in it (variables, functions, classes,
 * parameters of inner functions, catch clauses), which shadow the handler's closure, and its calls
 * that give one of `params` as an argument, in the order they are written.
 */
function walkBody(body: Node, params: ReadonlySet<string>): { locals: Set<string>; candidates: Call[] } {
  const locals = new Set<string>();
  const candidates: Call[] = [];
  const collect = (pattern: Node | null | undefined): void => {
    if (pattern) walkAst(pattern, (node) => (node.type === "Identifier" ? (locals.add(node.name), false) : true));
  };
  walkAst(body, (node) => {
    if (node.type === "CallExpression" || node.type === "OptionalCallExpression") {
      if (node.arguments.some((arg) => arg.type === "Identifier" && params.has(arg.name))) candidates.push(node);
    } else if (node.type === "VariableDeclarator") collect(node.id);
    else if (node.type === "CatchClause") collect(node.param);
    else if (node.type === "ClassDeclaration") collect(node.id);
    else if (isFunctionNode(node)) {
      if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression") collect(node.id);
      for (const param of node.params) collect(param);
    }
    return true;
  });
  return { locals, candidates };
}
