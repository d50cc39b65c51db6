import type { HttpMethod } from "./fact.js";

/**
 * Express route paths as the plan keeps them. Express's `*` wildcard has no name, so it becomes
 * the named parameter `:rest*`: `*` and `/*` → `/` and `/:rest*`; `/prefix/*` → `/prefix/:rest*`.
 */
export function normalizeRoutePath(path: string): string[] {
  const withSlash = path.startsWith("/") ? path : `/${path}`;
  if (withSlash === "/*") return ["/", "/:rest*"];
  if (withSlash.endsWith("/*")) return [`${withSlash.slice(0, -2)}/:rest*`];
  return [withSlash];
}

/** Joins a mount prefix and a path: `/api` + `/pugs` → `/api/pugs`, `/api` + `/` → `/api`. */
export function joinPaths(prefix: string, path: string): string {
  const head = prefix === "/" ? "" : prefix.replace(/\/+$/, "");
  const tail = path === "/" ? "" : path.startsWith("/") ? path : `/${path}`;
  const joined = `${head}${tail}`;
  return joined === "" ? "/" : joined.startsWith("/") ? joined : `/${joined}`;
}

/** The lower-case verb methods Express, Fastify and @koa/router share (`app.get(...)`) and the plan method each registers (`all` is `ANY`). */
export const HTTP_VERB_METHODS: Readonly<Record<string, HttpMethod>> = {
  get: "GET",
  post: "POST",
  put: "PUT",
  delete: "DELETE",
  patch: "PATCH",
  options: "OPTIONS",
  head: "HEAD",
  all: "ANY",
};
