import type { SourceRange } from "../../../util/source-range.js";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import type { HttpMethod } from "../../fact.js";
import { mayDiffer, objectWithTag, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { HTTP_VERB_METHODS, normalizeRoutePath } from "../../http-paths.js";
import type { Node } from "@babel/types";
import { walkAst } from "../../../parse/walk.js";
import { routeHandlerFiles } from "../route-handlers.js";

const VERBS = HTTP_VERB_METHODS;

/** Routes: `app.get(path, ...)`, `router.post(...)`, and `router.route(path).get(...).post(...)` chains. */
export const expressRoutes: Extractor = {
  meta: { kind: "http_route", description: "Routes registered with an HTTP verb on an Express app, router or route() chain." },
  methodCalls: { tags: ["express.app", "express.router", "express.route"] },
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
  const files = routeHandlerFiles(handlers, written, ctx);
  const last = handlers.flatMap((h) => (h.kind === "array" ? h.items : [h])).at(-1);
  for (const raw of routePaths) {
    for (const path of normalizeRoutePath(raw)) {
      const passes = passesOn(last, method, path) ? { passes: true as const } : {};
      ctx.emit({ kind: "http_route", owner: owner.id, method, path, ...files, ...passes, range });
    }
  }
}

/**
 * Whether a route may hand requests on to the routes after it (`router.all("*", requireAuth)`): its last
 * handler calls `next()` with no argument (a wrapper's `next(error)` does not count), or is a value klotho
 * cannot see into registered for any method or a wildcard path (`router.all("*", passport.authenticate())`).
 */
function passesOn(last: Value | undefined, method: HttpMethod, path: string): boolean {
  if (last === undefined) return false;
  if (last.kind !== "function") return method === "ANY" || path.includes("*");
  const fn = last.fn.node;
  if (fn.type !== "FunctionDeclaration" && fn.type !== "FunctionExpression" && fn.type !== "ArrowFunctionExpression" && fn.type !== "ObjectMethod" && fn.type !== "ClassMethod") return false;
  const next = fn.params[2];
  if (next?.type !== "Identifier") return false;
  let calls = false;
  walkAst(fn.body, (node) => {
    if (node.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === next.name && node.arguments.length === 0) calls = true;
    return !calls;
  });
  return calls;
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
