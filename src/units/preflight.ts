import type { Fact } from "../facts/index.js";
import type { ServedRoute } from "./app-routes.js";

/** A route an exposed app serves, with the unit serving it. */
type UnitRoute = ServedRoute & { readonly unit: string };

/**
 * The preflight routes of an app with CORS middleware (`app.use(cors())`, NestJS's `enableCors()`).
 * A browser asks `OPTIONS <path>` before a cross-origin request with a JSON body, a custom header or a
 * method other than GET and POST, and the app's middleware answers it; API Gateway answers only the
 * methods it declares (403 or 404 otherwise), so the browser would refuse the request. Each path under
 * the middleware's prefix without an `OPTIONS` or `ANY` route of its own gets `OPTIONS`, served by the
 * unit serving the path's first route, which runs the app's middleware too. `facts`: all of them;
 * `appIds`: the exposed apps.
 */
export function preflightRoutes(served: readonly UnitRoute[], facts: readonly Fact[], appIds: readonly string[]): UnitRoute[] {
  const cors = facts.flatMap((fact) => (fact.kind === "http_middleware" && fact.cors !== undefined && appIds.includes(fact.parent) ? [{ prefix: fact.cors, fact }] : []));
  if (cors.length === 0) return [];
  const answered = new Set(served.filter((route) => route.method === "OPTIONS" || route.method === "ANY").map((route) => route.path));
  const added: UnitRoute[] = [];
  for (const route of served) {
    const middleware = cors.find(({ prefix }) => isAtOrBelow(route.path, prefix));
    if (middleware === undefined || answered.has(route.path)) continue;
    answered.add(route.path);
    const { range } = middleware.fact;
    added.push({ ...route, method: "OPTIONS", file: range.file, line: range.start.line, range, preflight: true });
  }
  return added;
}

/** Whether `path` is `prefix` or below it (every path is below `/`). */
function isAtOrBelow(path: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, "");
  return base === "" || path === base || path.startsWith(`${base}/`);
}
