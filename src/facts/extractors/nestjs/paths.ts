import { joinPaths } from "../../http-paths.js";

/** Optional groups beyond this many in one path are left as written (the gateway widens what it cannot write). */
const MAX_GROUPS = 4;

/**
 * The Express-style paths (the plan's syntax) a NestJS path stands for. Nest 11 writes routes in
 * path-to-regexp 8 syntax: `:id` parameters, `*name` wildcards and `{...}` optional parts; it still
 * accepts the older unnamed `*` (and `(.*)`) wildcard, which it reads as the optional `{*path}`.
 * An optional part gives two paths (without it, with it); `*name` becomes `:name*`; a trailing
 * unnamed wildcard gives the path itself and `/:path*`. `users/{:id}` → `/users`, `/users/:id`.
 * (Nest answers `files/{*rest}` without its wildcard at `/files/`, slash kept; API Gateway routes
 * that request as `/files`, which is why the plan lists it so.)
 */
export function nestPaths(path: string): string[] {
  const out: string[] = [];
  for (const variant of expandGroups(path, MAX_GROUPS)) {
    for (const converted of convertWildcards(variant)) if (!out.includes(converted)) out.push(converted);
  }
  return out;
}

/** `a{b}c` → `ac`, `abc` (recursively, nested groups too); at most `budget` groups are expanded. */
function expandGroups(path: string, budget: number): string[] {
  const open = path.indexOf("{");
  const close = open < 0 ? -1 : matchingBrace(path, open);
  if (open < 0 || close < 0 || budget <= 0) return [path];
  const before = path.slice(0, open);
  const inner = path.slice(open + 1, close);
  const after = path.slice(close + 1);
  return [...expandGroups(`${before}${after}`, budget - 1), ...expandGroups(`${before}${inner}${after}`, budget - 1)];
}

function matchingBrace(path: string, open: number): number {
  let depth = 0;
  for (let index = open; index < path.length; index++) {
    if (path[index] === "{") depth++;
    else if (path[index] === "}" && --depth === 0) return index;
  }
  return -1;
}

/** Wildcard segments in the plan's syntax; a trailing unnamed one is optional, so it gives two paths. */
function convertWildcards(path: string): string[] {
  const segments = path.split("/").filter((segment) => segment !== "");
  const last = segments.at(-1);
  if (last === "*" || last === "(.*)") {
    const base = segmentsPath(segments.slice(0, -1).map(namedWildcard));
    return [base, joinPaths(base, "/:path*")];
  }
  return [segmentsPath(segments.map((segment, index) => (segment === "+" && index === segments.length - 1 ? ":path*" : namedWildcard(segment))))];
}

/** `*name` → `:name*`; an unnamed `*` in the middle of a path → `:path*` (the gateway widens it). */
function namedWildcard(segment: string): string {
  if (segment === "*" || segment === "(.*)") return ":path*";
  const name = /^\*([A-Za-z_$][\w$]*)$/.exec(segment)?.[1];
  return name === undefined ? segment : `:${name}*`;
}

function segmentsPath(segments: readonly string[]): string {
  return `/${segments.join("/")}`;
}
