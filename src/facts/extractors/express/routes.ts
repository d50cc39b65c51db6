import type { SourceRange } from "../../../util/source-range.js";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import type { HttpMethod } from "../../fact.js";
import { mayDiffer, objectWithTag, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { HTTP_VERB_METHODS, normalizeRoutePath } from "../../http-paths.js";
import type { Node } from "@babel/types";

const VERBS = HTTP_VERB_METHODS;

/** Routes: `app.get(path, ...)`, `router.post(...)`, and `router.route(path).get(...).post(...)` chains. */
export const expressRoutes: Extractor = {
  meta: { kind: "http_route", description: "Routes registered with an HTTP verb on an Express app, router or route() chain." },
  method(object, method, args, node, ctx) {
    const verb = VERBS[method];
    const owner = objectWithTag(object, "express.app", "express.router");
    if (owner && method === "route") {
      return special("express.route", { owner: object, path: args[0] ?? { kind: "unknown" } });
    }
    if (owner && verb && args.length >= 2) {
      warnDefaultPath(args[0], node, ctx);
      recordRoutes(owner, verb, paths(args[0]), args.slice(1), node, ctx);
      return object;
    }
    if (object.kind === "special" && object.tag === "express.route" && verb) {
      const chainOwner = objectWithTag(object.data?.["owner"] ?? { kind: "unknown" }, "express.app", "express.router");
      if (chainOwner) recordRoutes(chainOwner, verb, paths(object.data?.["path"]), args, node, ctx);
      return object;
    }
    return undefined;
  },
};

/**
 * A path written with a value klotho cannot know when the app runs (`process.env.BASE || "/v1"`): a warning
 * that the gateway routes the path it has without that value. `node`: the call whose first argument it is.
 */
export function warnDefaultPath(value: Value | undefined, node: Node, ctx: ExtractorContext): void {
  const written = (node.type === "CallExpression" || node.type === "OptionalCallExpression" ? node.arguments[0] : undefined) ?? node;
  const items = value?.kind === "array" ? value.items : value ? [value] : [];
  for (const item of items) if (item.kind === "string" && mayDiffer(item)) ctx.report(createDiagnostic("express/default-path", { range: ctx.range(written) }, item.value));
}

/** The literal paths of a route's first argument (a string or an array of strings). */
function paths(value: Value | undefined): string[] | undefined {
  if (value?.kind === "string") return [value.value];
  if (value?.kind === "array" && value.items.every((i) => i.kind === "string")) {
    return value.items.map((i) => (i.kind === "string" ? i.value : ""));
  }
  return undefined;
}

function recordRoutes(owner: ObjectRef, method: HttpMethod, routePaths: string[] | undefined, handlers: readonly Value[], node: Node, ctx: ExtractorContext): void {
  const range = verbRange(node, ctx);
  if (!routePaths) {
    ctx.report(createDiagnostic("express/dynamic-path", { range }, method));
    return;
  }
  const written = node.type === "CallExpression" || node.type === "OptionalCallExpression" ? node.arguments.at(-1) : undefined;
  const handler = written?.type === "Identifier" || written?.type === "MemberExpression" ? handlerFile(handlers, range.file) : undefined;
  const passes = mayPassOn(handlers) ? { passes: true as const } : {};
  const functionFiles = [...new Set(handlers.flatMap((h) => (h.kind === "array" ? h.items : [h])).flatMap((h) => (h.kind === "function" && h.fn.file !== range.file ? [h.fn.file] : [])))].sort();
  const uses = functionFiles.length > 0 ? { uses: functionFiles } : {};
  for (const raw of routePaths) {
    for (const path of normalizeRoutePath(raw)) {
      ctx.emit({ kind: "http_route", owner: owner.id, method, path, ...(handler !== undefined ? { handler } : {}), ...passes, ...uses, range });
    }
  }
}

/** Whether a route's handlers may hand a request on with `next()`: one takes three parameters, or is a value klotho cannot see into (`passport.authenticate()`). */
function mayPassOn(handlers: readonly Value[]): boolean {
  return handlers.flatMap((h) => (h.kind === "array" ? h.items : [h])).some((h) => h.kind !== "function" || !("params" in h.fn.node) || h.fn.node.params.length > 2);
}

/**
 * The file of the function answering a route (its last handler), when it is another file than the route's
 * and the route names it (`app.post("/hook", billing.handler)`): a handler a call returns
 * (`asyncHandler(async (req, res) => ...)`) is written where the call is, whichever file made the wrapper.
 */
function handlerFile(handlers: readonly Value[], routeFile: string): string | undefined {
  const last = handlers.flatMap((h) => (h.kind === "array" ? h.items : [h])).at(-1);
  return last?.kind === "function" && last.fn.file !== routeFile ? last.fn.file : undefined;
}

/**
 * Where a route is written: from the verb to the end of its call, so that in a chain such as
 * `router.route("/").get(a).post(b)` each route points at its own verb, not the chain's start.
 */
function verbRange(node: Node, ctx: ExtractorContext): SourceRange {
  const whole = ctx.range(node);
  const callee = node.type === "CallExpression" || node.type === "OptionalCallExpression" ? node.callee : undefined;
  if (callee?.type !== "MemberExpression" && callee?.type !== "OptionalMemberExpression") return whole;
  return { ...whole, start: ctx.range(callee.property).start };
}
