import type { Node } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import type { SourceRange } from "../../../util/source-range.js";
import type { HttpMethod } from "../../fact.js";
import { HTTP_VERB_METHODS } from "../../http-paths.js";
import type { ObjectRef, Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { routeHandlerFiles, type RouteHandlerFiles } from "../route-handlers.js";
import { unwrapExpression } from "../../interpreter/wrappers.js";
import { FASTIFY_INSTANCES, fastifyInstance } from "./app.js";
import { fastifyPlanPaths } from "./paths.js";

/** Shorthand methods of a Fastify instance and the plan method each registers. */
const SHORTHANDS = HTTP_VERB_METHODS;

/** Methods `route({ method })` may name, upper-cased as Fastify does. */
const ROUTE_METHODS: Readonly<Record<string, HttpMethod>> = { GET: "GET", POST: "POST", PUT: "PUT", DELETE: "DELETE", PATCH: "PATCH", OPTIONS: "OPTIONS", HEAD: "HEAD" };

/** Routes: `app.get(path, [options], handler)` and the other shorthands, and `app.route({ method, url })`. */
export const fastifyRoutes: Extractor = {
  meta: { kind: "http_route", description: "Routes registered on a Fastify instance with a shorthand method or route({ method, url })." },
  methodCalls: { tags: FASTIFY_INSTANCES },
  method(object, method, args, node, ctx) {
    const owner = fastifyInstance(object);
    if (!owner) return undefined;
    const written = node.type === "CallExpression" || node.type === "OptionalCallExpression" ? node.arguments : [];
    if (method === "route" && args[0]?.kind === "object") {
      const options = args[0].ref;
      const url = options.props.get("url") ?? options.props.get("path");
      const files = routeHandlerFiles(handlersOf(options, undefined), handlerNode(written[0]), ctx);
      for (const verb of routeMethods(options.props.get("method"), node, ctx)) recordRoutes(owner, verb, url, files, node, ctx);
      return object;
    }
    const verb = SHORTHANDS[method];
    if (!verb || args.length < 2) return undefined;
    // `get(path, handler)`, `get(path, options, handler)`, or `get(path, { handler })`.
    const options = args[1]?.kind === "object" ? args[1].ref : undefined;
    const last = args.length > 2 ? args.at(-1) : undefined;
    const files = routeHandlerFiles(options ? handlersOf(options, last) : args.slice(1), last !== undefined || !options ? written.at(-1) : handlerNode(written[1]), ctx);
    recordRoutes(owner, verb, args[0], files, node, ctx);
    return object;
  },
};

/** The route's hooks that run before its handler (Fastify's request lifecycle), each a function or a list of them. */
const HOOKS = ["onRequest", "preParsing", "preValidation", "preHandler"] as const;

/** The functions a route's options run for a request: its hooks, then its handler (`handler`, given apart when written as an argument). */
function handlersOf(options: ObjectRef, handler: Value | undefined): Value[] {
  const hooks = HOOKS.flatMap((name) => options.props.get(name) ?? []);
  const answering = handler ?? options.props.get("handler");
  return [...hooks, ...(answering ? [answering] : [])];
}

/** The `handler` written in a route's options object (`{ url, handler: billing.pay }`), when it is written there. */
function handlerNode(options: Node | undefined): Node | undefined {
  const inner = options ? unwrapExpression(options) : undefined;
  if (inner?.type !== "ObjectExpression") return undefined;
  for (const property of inner.properties) {
    if (property.type === "ObjectProperty" && !property.computed && property.key.type === "Identifier" && property.key.name === "handler") return property.value;
    if (property.type === "ObjectMethod" && !property.computed && property.key.type === "Identifier" && property.key.name === "handler") return property;
  }
  return undefined;
}

/** The methods of `route({ method })`: a string or an array of strings; anything else is reported. */
function routeMethods(value: Value | undefined, node: Node, ctx: ExtractorContext): HttpMethod[] {
  const items = value?.kind === "array" ? value.items : value ? [value] : [];
  const methods: HttpMethod[] = [];
  for (const item of items.length > 0 ? items : [{ kind: "unknown" } as const]) {
    const name = item.kind === "string" ? item.value.toUpperCase() : undefined;
    const verb = name !== undefined && Object.hasOwn(ROUTE_METHODS, name) ? ROUTE_METHODS[name] : undefined;
    if (verb) methods.push(verb);
    else ctx.report(createDiagnostic("fastify/unknown-method", { range: calleeRange(node, ctx) }, name ?? "not a string literal"));
  }
  return [...new Set(methods)];
}

function recordRoutes(owner: ObjectRef, method: HttpMethod, path: Value | undefined, files: RouteHandlerFiles, node: Node, ctx: ExtractorContext): void {
  const range = calleeRange(node, ctx);
  if (path?.kind !== "string") {
    ctx.report(createDiagnostic("fastify/dynamic-path", { range }, method));
    return;
  }
  for (const planPath of fastifyPlanPaths(path.value)) ctx.emit({ kind: "http_route", owner: owner.id, method, path: planPath, ...files, range });
}

/** Where a route is written: from the method name to the end of the call (`get(...)` of `app.get(...)`), as for Express. */
function calleeRange(node: Node, ctx: ExtractorContext): SourceRange {
  const whole = ctx.range(node);
  const callee = node.type === "CallExpression" || node.type === "OptionalCallExpression" ? node.callee : undefined;
  if (callee?.type !== "MemberExpression" && callee?.type !== "OptionalMemberExpression") return whole;
  return { ...whole, start: ctx.range(callee.property).start };
}
