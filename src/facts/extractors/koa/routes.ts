import type { Node } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import type { SourceRange } from "../../../util/source-range.js";
import type { HttpMethod } from "../../fact.js";
import { HTTP_VERB_METHODS } from "../../http-paths.js";
import { objectWithTag, type Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { routeHandlerFiles } from "../route-handlers.js";
import { KOA_ROUTER } from "./app.js";
import { koaPlanPaths } from "./paths.js";

/** Router methods that register a route, and the plan method of each (`del` is @koa/router's alias of `delete`). */
const VERBS: Readonly<Record<string, HttpMethod>> = { ...HTTP_VERB_METHODS, del: "DELETE" };

/** Routes: `router.get([name,] path, ...middleware)` and the other verbs, chained or not; the path may be an array. */
export const koaRoutes: Extractor = {
  meta: { kind: "http_route", description: "Routes registered on a @koa/router router with an HTTP verb or all()." },
  methodCalls: { tags: [KOA_ROUTER] },
  method(object, method, args, node, ctx) {
    const router = objectWithTag(object, KOA_ROUTER);
    const verb = VERBS[method];
    if (!router || !verb || args.length < 2) return undefined;
    // A route may be named: router.get("user", "/users/:id", ...) — the path is then the second argument.
    const named = args[0]?.kind === "string" && args[1]?.kind === "string";
    const range = verbRange(node, ctx);
    const paths = pathsOf(named ? args[1] : args[0]);
    if (!paths) {
      ctx.report(createDiagnostic("koa/dynamic-path", { range }, verb));
      return object;
    }
    const written = node.type === "CallExpression" || node.type === "OptionalCallExpression" ? node.arguments.at(-1) : undefined;
    const files = routeHandlerFiles(args.slice(named ? 2 : 1), written, ctx);
    for (const path of paths.flatMap(koaPlanPaths)) ctx.emit({ kind: "http_route", owner: router.id, method: verb, path, ...files, range });
    return object;
  },
};

/** The literal paths of a route: a string or an array of strings. */
function pathsOf(value: Value | undefined): string[] | undefined {
  if (value?.kind === "string") return [value.value];
  if (value?.kind === "array" && value.items.length > 0 && value.items.every((i) => i.kind === "string")) {
    return value.items.map((i) => (i.kind === "string" ? i.value : ""));
  }
  return undefined;
}

/** Where a route is written: from the verb to the end of its call, so each route of a chain points at its own verb. */
function verbRange(node: Node, ctx: ExtractorContext): SourceRange {
  const whole = ctx.range(node);
  const callee = node.type === "CallExpression" || node.type === "OptionalCallExpression" ? node.callee : undefined;
  if (callee?.type !== "MemberExpression" && callee?.type !== "OptionalMemberExpression") return whole;
  return { ...whole, start: ctx.range(callee.property).start };
}
