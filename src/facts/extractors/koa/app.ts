import type { Node } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import { isSpecial, objectWithTag, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { runStateKey } from "../run-state.js";

/** The `koa` module (the Application class). */
const KOA = "koa";
/** The router class of `@koa/router` (and of its former name, `koa-router`). */
const ROUTER_CLASS = "koa.Router";
/** A Koa application. */
export const KOA_APP = "koa.app";
/** A `@koa/router` router. */
export const KOA_ROUTER = "koa.router";

/**
 * Each router's prefix (`new Router({ prefix })`, `router.prefix(p)`), applied where the router is
 * mounted; undefined when it is not a known string.
 */
const PREFIXES = runStateKey("Koa router prefixes", () => new WeakMap<ObjectRef, string | undefined>());

/** The prefix of `router` ("/" when it has none), or undefined when it is not known. */
export function routerPrefix(router: ObjectRef, ctx: ExtractorContext): string | undefined {
  const prefixes = ctx.runState(PREFIXES);
  return prefixes.has(router) ? prefixes.get(router) : "/";
}

/** `new Koa()` applications and `new Router(options)` routers, however koa and @koa/router are imported. */
export const koaApps: Extractor = {
  meta: { kind: "http_app", description: "Koa applications (new Koa()) and @koa/router routers (new Router({ prefix }))." },
  packages: ["koa", "@koa/router", "koa-router"],
  module(specifier) {
    if (specifier === "koa") return special(KOA);
    return specifier === "@koa/router" || specifier === "koa-router" ? special(ROUTER_CLASS) : undefined;
  },
  memberReads: { tags: [KOA, ROUTER_CLASS] },
  member(object, property) {
    if (isSpecial(object, KOA)) return property === "default" || property === "Koa" ? object : undefined;
    if (isSpecial(object, ROUTER_CLASS)) return property === "default" || property === "Router" ? object : undefined;
    return undefined;
  },
  construct(callee, args, node, ctx) {
    return create(callee, args, node, ctx);
  },
  callees: { tags: [ROUTER_CLASS] },
  call(callee, args, node, ctx) {
    // Older @koa/router versions could be called without `new`.
    return isSpecial(callee, ROUTER_CLASS) ? create(callee, args, node, ctx) : undefined;
  },
  methodCalls: { tags: [KOA_ROUTER] },
  method(object, method, args, node, ctx) {
    const router = objectWithTag(object, KOA_ROUTER);
    if (!router || method !== "prefix") return undefined;
    setPrefix(router, args[0], node, ctx);
    return object;
  },
};

function create(callee: Value, args: readonly Value[], node: Node, ctx: ExtractorContext): Value | undefined {
  if (isSpecial(callee, KOA)) {
    const app = ctx.newObject(KOA_APP, node);
    ctx.emit({ kind: "http_app", framework: "koa", id: app.id, range: ctx.range(node) });
    return { kind: "object", ref: app };
  }
  if (!isSpecial(callee, ROUTER_CLASS)) return undefined;
  const router = ctx.newObject(KOA_ROUTER, node);
  ctx.emit({ kind: "http_router", framework: "koa", id: router.id, range: ctx.range(node) });
  const [options] = args;
  if (options?.kind === "object" && options.ref.props.has("prefix")) setPrefix(router, options.ref.props.get("prefix"), node, ctx);
  return { kind: "object", ref: router };
}

/** Records a router's prefix as @koa/router keeps it (without a trailing `/`); reports one that is not a known string. */
function setPrefix(router: ObjectRef, prefix: Value | undefined, node: Node, ctx: ExtractorContext): void {
  if (prefix?.kind === "string") {
    ctx.runState(PREFIXES).set(router, prefix.value.replace(/\/$/, "") || "/");
    return;
  }
  ctx.runState(PREFIXES).set(router, undefined);
  ctx.report(createDiagnostic("koa/dynamic-prefix", { range: ctx.range(node) }));
}
