import { normalizeRoutePath } from "../../http-paths.js";

/**
 * Fastify (find-my-way) route paths as the plan keeps them (Express syntax):
 * - a parameter's regular expression is dropped: `/:id(^\\d+)` → `/:id`;
 * - an optional last parameter gives two routes: `/posts/:id?` → `/posts` and `/posts/:id`;
 * - the `*` wildcard becomes `:rest*`: `/files/*` → `/files/:rest*`, `*` → `/` and `/:rest*`.
 */
export function fastifyPlanPaths(path: string): string[] {
  const plain = withoutRegexps(path);
  const optional = /^(.*)\/:([A-Za-z0-9_$-]+)\?$/.exec(plain);
  const variants = optional ? [optional[1] || "/", `${optional[1] ?? ""}/:${optional[2] ?? ""}`] : [plain];
  return [...new Set(variants.flatMap(normalizeRoutePath))];
}

/** Removes the `(...)` regular expression that may follow a parameter name, brackets and escapes counted. */
function withoutRegexps(path: string): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const char = path[i] ?? "";
    if (depth > 0) {
      if (char === "\\") i++;
      else if (char === "(") depth++;
      else if (char === ")") depth--;
      continue;
    }
    if (char === "(" && /:[A-Za-z0-9_$-]+$/.test(out)) {
      depth = 1;
      continue;
    }
    out += char;
  }
  return out;
}
