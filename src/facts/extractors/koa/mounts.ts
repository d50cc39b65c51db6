import type { Node } from "@babel/types";
import { joinPaths } from "../../http-paths.js";
import { objectWithTag, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import { isCorsMiddleware, recordCors } from "../cors.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { KOA_APP, KOA_ROUTER, routerPrefix } from "./app.js";

/** The middleware `router.routes()` (or `router.middleware()`) returns; it serves the router's routes. */
const ROUTES = "koa.routes";
/** The middleware `router.allowedMethods()` returns: it answers 405/501 and serves no route. */
const ALLOWED_METHODS = "koa.allowed-methods";

/**
 * Mounts: `app.use(router.routes())` serves a router at its prefix; `router.use("/nested",
 * other.routes())` nests one router in another (the nested router's prefix goes after the path).
 * `allowedMethods()` serves no route and is ignored.
 */
export const koaMounts: Extractor = {
  meta: { kind: "http_mount", description: "@koa/router routers mounted on a Koa app or nested in another router, with their prefix." },
  methodCalls: { tags: [KOA_APP, KOA_ROUTER] },
  method(object, method, args, node, ctx) {
    const router = objectWithTag(object, KOA_ROUTER);
    if (router && (method === "routes" || method === "middleware")) return special(ROUTES, { router: object });
    if (router && method === "allowedMethods") return special(ALLOWED_METHODS);
    if (method !== "use") return undefined;
    if (router) {
      const mountPaths = pathsOf(args[0]);
      for (const path of mountPaths ?? ["/"]) for (const child of mountPaths ? args.slice(1) : args) mount(router, child, path, node, ctx);
      return object;
    }
    const app = objectWithTag(object, KOA_APP);
    if (!app) return undefined;
    for (const child of args) mount(app, child, "/", node, ctx);
    return object;
  },
};

function pathsOf(value: Value | undefined): string[] | undefined {
  if (value?.kind === "string") return [value.value];
  if (value?.kind === "array" && value.items.length > 0 && value.items.every((i) => i.kind === "string")) {
    return value.items.map((i) => (i.kind === "string" ? i.value : "/"));
  }
  return undefined;
}

/** Records the mount of the router behind `middleware` (if it is one) under `parent` at `path`, followed by the router's own prefix. */
function mount(parent: ObjectRef, middleware: Value, path: string, node: Node, ctx: ExtractorContext): void {
  const range = ctx.range(node);
  if (middleware.kind === "unknown" && middleware.unresolved !== undefined) {
    ctx.emit({ kind: "http_mount", parent: parent.id, unresolved: middleware.unresolved, prefix: path, range });
    return;
  }
  if (middleware.kind === "function") {
    ctx.emit({ kind: "http_middleware", parent: parent.id, file: middleware.fn.file, range });
    return;
  }
  if (isCorsMiddleware(middleware)) {
    recordCors(parent.id, path, node, ctx);
    return;
  }
  const routerValue = middleware.kind === "special" && middleware.tag === ROUTES ? middleware.data?.["router"] : undefined;
  const child = routerValue ? objectWithTag(routerValue, KOA_ROUTER) : undefined;
  if (!child) return;
  const prefix = routerPrefix(child, ctx);
  // A prefix that is not known was reported where it was set; the router's routes cannot be placed.
  if (prefix === undefined) return;
  ctx.emit({ kind: "http_mount", parent: parent.id, child: child.id, prefix: joinPaths(path, prefix), range });
}
