/** Most variants one path's optional groups expand to; a path with more keeps its groups' contents. */
const MAX_VARIANTS = 16;

/**
 * `@koa/router` (path-to-regexp 8) route paths as the plan keeps them (Express syntax):
 * - each optional group `{...}` gives a route with and one without it: `/users{/:id}` → `/users` and `/users/:id`;
 * - a named wildcard becomes a repeated parameter: `/files/*path` → `/files/:path*`;
 * - quoted names lose their quotes (`:"id"` → `:id`) and escaped characters their backslash.
 */
export function koaPlanPaths(path: string): string[] {
  const variants = expandGroups(path);
  const chosen = variants.length > MAX_VARIANTS ? [path.replace(/[{}]/g, "")] : variants;
  return [...new Set(chosen.map(toPlanPath))];
}

/** Every way of keeping or dropping each optional group, outermost groups first. */
function expandGroups(path: string): string[] {
  const open = findGroup(path);
  if (!open) return [path];
  const { start, end } = open;
  const before = path.slice(0, start);
  const inside = path.slice(start + 1, end);
  const after = path.slice(end + 1);
  const tails = expandGroups(after);
  const results: string[] = [];
  for (const body of ["", ...expandGroups(inside)]) {
    for (const tail of tails) {
      results.push(`${before}${body}${tail}`);
      if (results.length > MAX_VARIANTS) return results;
    }
  }
  return results;
}

/** The first unescaped `{` and its matching `}`. */
function findGroup(path: string): { start: number; end: number } | undefined {
  let start = -1;
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    if (char === "\\") {
      i++;
    } else if (char === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (char === "}" && depth > 0) {
      depth--;
      if (depth === 0) return { start, end: i };
    }
  }
  return undefined;
}

/** One variant without groups: wildcards, quoted names and escapes rewritten; a leading `/` added. */
function toPlanPath(variant: string): string {
  let out = "";
  for (let i = 0; i < variant.length; i++) {
    const char = variant[i] ?? "";
    if (char === "\\") {
      out += variant[i + 1] ?? "";
      i++;
      continue;
    }
    if (char !== ":" && char !== "*") {
      out += char;
      continue;
    }
    const name = /^"((?:[^"\\]|\\.)*)"|^[\p{ID_Start}$_][\p{ID_Continue}$]*/u.exec(variant.slice(i + 1));
    const parameter = name ? (name[1] ?? name[0]) : "rest";
    out += char === "*" ? `:${parameter}*` : `:${parameter}`;
    i += name ? name[0].length : 0;
  }
  return out.startsWith("/") ? out : `/${out}`;
}
