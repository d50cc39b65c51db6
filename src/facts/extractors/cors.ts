import { isSpecial, special, type Value } from "../interpreter/values.js";
import type { Extractor, ExtractorContext } from "./extractor.js";
import type { Node } from "@babel/types";

/** The CORS packages: `cors` (Express), `@koa/cors`, `@fastify/cors`. */
const CORS_PACKAGES = ["cors", "@koa/cors", "@fastify/cors"];
/** One of those packages' exports: a middleware factory (Express, Koa) or a plugin (Fastify). */
export const CORS = "cors";
/** What calling the factory gives: the middleware, which answers browsers' preflight `OPTIONS` requests. */
export const CORS_MIDDLEWARE = "cors.middleware";

/**
 * The CORS middleware of `cors`, `@koa/cors` and `@fastify/cors`. Mounted on an app (express.mounts,
 * koa.mounts, fastify.mounts) it is middleware that answers preflight requests, `OPTIONS` at any path,
 * which the gateway must then route (units/preflight.ts).
 */
export const corsMiddleware: Extractor = {
  meta: { kind: "http_middleware", description: "CORS middleware (cors, @koa/cors, @fastify/cors), which answers preflight OPTIONS requests." },
  packages: CORS_PACKAGES,
  module(specifier) {
    return CORS_PACKAGES.includes(specifier) ? special(CORS) : undefined;
  },
  memberReads: { tags: [CORS] },
  member(object, property) {
    return isSpecial(object, CORS) && (property === "default" || property === "fastifyCors") ? object : undefined;
  },
  callees: { tags: [CORS] },
  call(callee) {
    return isSpecial(callee, CORS) ? special(CORS_MIDDLEWARE) : undefined;
  },
};

/** Whether a value `use()` or `register()` mounts is CORS middleware: `cors()`, or `@fastify/cors` itself. */
export function isCorsMiddleware(value: Value): boolean {
  return isSpecial(value, CORS_MIDDLEWARE) || isSpecial(value, CORS);
}

/** Records CORS middleware on the app or router `parent`, answering preflight requests under `prefix`. */
export function recordCors(parent: string, prefix: string, node: Node, ctx: ExtractorContext): void {
  const range = ctx.range(node);
  ctx.emit({ kind: "http_middleware", parent, file: range.file, cors: prefix, range });
}
