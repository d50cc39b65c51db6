import type { Node } from "@babel/types";
import type { SourceRange } from "../../util/source-range.js";
import type { Value } from "../interpreter/values.js";
import { unwrapExpression } from "../interpreter/wrappers.js";
import type { ExtractorContext } from "./extractor.js";
import { handlerCalls } from "./handler-calls.js";

/** What a route's handlers say about the files that must run it: the http_route fact's `handler`, `uses` and `calls`. */
export interface RouteHandlerFiles {
  readonly handler?: string;
  readonly uses?: readonly string[];
  readonly calls?: readonly { readonly file: string; readonly range: SourceRange }[];
}

/**
 * What an Express, Koa or Fastify route's handlers say beyond its path, for the unit that serves it.
 * `handler`, the file of the function answering it, written in another file than the route:
 * - the function the route names (`app.post("/hook", billing.handler)`, `billing.pay as RequestHandler`, `[pay]`);
 *   when a call in another file made it (`const getProducts = asyncHandler(async (req, res) => ...)` in a
 *   controller, the wrapper a util file's or a package's), the file of that call, which exports what it made;
 *   when a call in the route's own file made it (`const pay = asyncHandler(billing.pay)`), as for that call written in the route;
 * - else, when it names a call (`asyncHandler(billing.pay)`, a wrapper of the route's file, a util file or a
 *   package), the last function of another file the call is given by name, the call's own calls included
 *   (`wrap(auth(billing.pay))`): the wrapper runs it; a function the call returns is written where the wrapper
 *   is, whichever file made the wrapper, so it is not the one answering;
 * - else, when the last handler is written in the route's file and its whole work is one call giving its
 *   request on to a function of another file (`(req, res) => billing.pay(req, res)`), that function's file.
 * `uses`: every other file whose functions the route runs (those of its handlers and of the functions given to
 * them by name, the wrapper's file among them, and the file that made a named one), which the unit serving it carries.
 * `calls`: the other calls in handlers of the route's file that give their request on to a function of a file
 * not in `uses`, for the units stage to warn about when that file runs in another unit.
 * `handlers`: the values of the route's handler arguments; `written`: the node of the last one.
 */
export function routeHandlerFiles(handlers: readonly Value[], written: Node | null | undefined, ctx: ExtractorContext): RouteHandlerFiles {
  const flat = handlers.flatMap((h) => (h.kind === "array" ? h.items : [h]));
  const last = flat.at(-1);
  const lastWritten = lastNode(written);
  const named = lastWritten?.type === "Identifier" || lastWritten?.type === "MemberExpression";
  const maker = named && last ? ctx.madeBy(last) : undefined;
  // A handler the route's file made with a wrapper (`const pay = asyncHandler(billing.pay)`) is that call written in the route.
  const madeHere = maker?.file === ctx.file ? givenFunctionFiles(maker.node, ctx) : [];
  const given = lastWritten && !named ? givenFunctionFiles(lastWritten, ctx) : madeHere;
  const own = flat.flatMap((h) => (h.kind === "function" && h.fn.file === ctx.file ? [{ value: h, calls: handlerCalls(h.fn, ctx) }] : []));
  const delegate = given.length === 0 && last?.kind === "function" && last.fn.file === ctx.file ? own.find((h) => h.value === last)?.calls.find((call) => call.whole) : undefined;
  const made = maker !== undefined && maker.file !== ctx.file ? maker.file : undefined;
  const namedElsewhere = named && madeHere.length === 0 && last?.kind === "function" && last.fn.file !== ctx.file ? last.fn.file : undefined;
  const answering = made ?? namedElsewhere ?? given.at(-1) ?? delegate?.file;
  const handlerFiles = flat.flatMap((h) => (h.kind === "function" && h.fn.file !== ctx.file ? [h.fn.file] : []));
  const uses = [...new Set([...handlerFiles, ...given, ...(delegate ? [delegate.file] : []), ...(made ? [made] : [])])].sort();
  // A call of a function in a file the route's unit carries runs the real function there.
  const calls = own.flatMap((h) => h.calls).filter((call) => !uses.includes(call.file)).map(({ file, range }) => ({ file, range }));
  return { ...(answering !== undefined ? { handler: answering } : {}), ...(uses.length > 0 ? { uses } : {}), ...(calls.length > 0 ? { calls } : {}) };
}

/** The last handler as written, without assertions and parentheses: the last item of a list (`[auth, pay]`). */
function lastNode(written: Node | null | undefined): Node | undefined {
  const node = written ? unwrapExpression(written) : undefined;
  if (node?.type === "ArrayExpression") return lastNode(node.elements.at(-1));
  return node ?? undefined;
}

/**
 * The files of the functions of another file a call gives by name (`asyncHandler(billing.pay)`,
 * `wrap(pay as Handler)`), in the order written, those given to the calls among its arguments included.
 */
function givenFunctionFiles(node: Node, ctx: ExtractorContext): string[] {
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return [];
  const values = ctx.argumentsOf(node);
  // A spread argument shifts the values from the arguments written: then which is which is not known.
  if (values === undefined || node.arguments.some((arg) => arg.type === "SpreadElement")) return [];
  return node.arguments.flatMap((arg, index) => {
    const inner = unwrapExpression(arg);
    if (inner.type === "CallExpression" || inner.type === "OptionalCallExpression") return givenFunctionFiles(inner, ctx);
    const value = values[index];
    const byName = inner.type === "Identifier" || inner.type === "MemberExpression";
    return byName && value?.kind === "function" && value.fn.file !== ctx.file ? [value.fn.file] : [];
  });
}
