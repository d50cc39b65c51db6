import path from "node:path";
import type { ModuleKind, NestedPackage } from "../load/project.js";
import { isRecord } from "../util/records.js";

/** How Node loads an import, which decides the `exports` conditions it matches: `require` or `import` (with `node` and `default`). */
export type ImportKind = "import" | "require";

/** The conditions Node matches for each kind of import (`default` always matches). */
const CONDITIONS: Readonly<Record<ImportKind, ReadonlySet<string>>> = {
  import: new Set(["import", "node"]),
  require: new Set(["require", "node"]),
};

/** TypeScript sources, which klotho (like tsc) emits as CommonJS in a CommonJS package. */
const TYPESCRIPT = /\.(?:[cm]?ts|tsx)$/;

/**
 * How Node will load an import written in `file`: `require()` and `import x = require()` (syntax
 * "cjs") require; `import` declarations, re-exports and `import()` (syntax "esm") import, except in a
 * TypeScript file of a CommonJS package, which is emitted with every one of them turned into `require()`.
 */
export function importKind(syntax: "esm" | "cjs", file: { readonly path: string; readonly moduleKind: ModuleKind }): ImportKind {
  if (syntax === "cjs") return "require";
  return file.moduleKind === "cjs" && TYPESCRIPT.test(file.path) ? "require" : "import";
}

/**
 * Where a workspace package's `subpath` leads ("" for its bare name, `util/dates` for
 * `@ws/pkg/util/dates`), package-relative and best first: the target its `exports` gives for the
 * import's kind; then, for the bare name, its `main`, `src/index` and `index`, for a subpath the
 * path itself. A TypeScript package points them at its build (`dist/index.js`), which is not a source
 * (and usually ignored): the same path under `src/` stands in for it, as its sources compile to it.
 */
export function packageEntries(nested: NestedPackage, subpath: string, kind: ImportKind): string[] {
  const exported = exportTarget(nested.data["exports"], subpath === "" ? "." : `./${subpath}`, CONDITIONS[kind]);
  const main = nested.data["main"];
  const declared = [exported, subpath === "" && typeof main === "string" ? main : undefined].filter((entry): entry is string => entry !== undefined).map((entry) => path.posix.normalize(entry));
  const built = declared.flatMap((entry) => (BUILD_FOLDER.test(entry) ? [entry.replace(BUILD_FOLDER, "src/")] : []));
  return [...declared, ...built, ...(subpath === "" ? ["src/index", "index"] : [subpath])];
}

/** The folders a package's build usually goes to, whose sources are in `src/`. */
const BUILD_FOLDER = /^(?:\.\/)?(?:dist|build|lib|out)\//;

/**
 * The target `exports` gives for `subpath` (`.` or `./x`), as Node finds it: a string, conditions or
 * a list is the `.` export alone; an object of `./` keys maps subpaths, exactly or by the pattern
 * with one `*` whose prefix is longest (`"./*": "./src/*.ts"`), its `*` replaced in the target.
 */
function exportTarget(exported: unknown, subpath: string, conditions: ReadonlySet<string>): string | undefined {
  const subpaths = isRecord(exported) && Object.keys(exported).some((key) => key.startsWith("."));
  if (!subpaths) return subpath === "." ? (conditionTarget(exported, conditions) ?? undefined) : undefined;
  if (Object.hasOwn(exported, subpath) && !subpath.includes("*")) return conditionTarget(exported[subpath], conditions) ?? undefined;
  let best: { key: string; prefix: number; match: string } | undefined;
  for (const key of Object.keys(exported)) {
    const star = key.indexOf("*");
    if (star < 0 || key.indexOf("*", star + 1) >= 0) continue;
    const [prefix, suffix] = [key.slice(0, star), key.slice(star + 1)];
    if (!subpath.startsWith(prefix) || subpath === prefix || !subpath.endsWith(suffix) || subpath.length < key.length) continue;
    if (best && (best.prefix > prefix.length || (best.prefix === prefix.length && best.key.length >= key.length))) continue;
    best = { key, prefix: prefix.length, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
  }
  if (!best) return undefined;
  const match = best.match;
  return conditionTarget(exported[best.key], conditions)?.replaceAll("*", match);
}

/**
 * The target for the active `conditions`, as Node walks it: an object's keys in their written order,
 * the first that is `default` or active and leads somewhere; a list's first item that leads somewhere.
 * `null` is a target excluded on purpose, which ends the search; undefined when nothing matches.
 */
function conditionTarget(target: unknown, conditions: ReadonlySet<string>): string | null | undefined {
  if (typeof target === "string" || target === null) return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = conditionTarget(item, conditions);
      if (typeof found === "string") return found;
    }
    return undefined;
  }
  if (!isRecord(target)) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (condition !== "default" && !conditions.has(condition)) continue;
    const found = conditionTarget(value, conditions);
    if (found !== undefined) return found;
  }
  return undefined;
}
