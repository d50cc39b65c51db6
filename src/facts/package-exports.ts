import path from "node:path";
import type { ModuleKind, NestedPackage } from "../load/project.js";
import { exportTarget } from "../util/package-exports.js";

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
 * path itself. A TypeScript package points them at its build (`dist/index.js`, `dist/index.cjs`), which
 * is not a source (and usually ignored): the same path under `src/` stands in for it, as its sources
 * compile to it, with any of the sources' extensions.
 */
export function packageEntries(nested: NestedPackage, subpath: string, kind: ImportKind): string[] {
  const exported = exportTarget(nested.data["exports"], subpath === "" ? "." : `./${subpath}`, CONDITIONS[kind]);
  const main = nested.data["main"];
  const declared = [exported, subpath === "" && typeof main === "string" ? main : undefined].filter((entry): entry is string => entry !== undefined).map((entry) => path.posix.normalize(entry));
  const built = declared.flatMap((entry) => (BUILD_FOLDER.test(entry) ? sourcesOfBuild(entry.replace(BUILD_FOLDER, "src/")) : []));
  return [...declared, ...built, ...(subpath === "" ? ["src/index", "index"] : [subpath])];
}

/**
 * The sources a build file's path under `src/` may name: itself (`.js` finds its `.ts`), and for
 * JavaScript its stem, which finds the source whatever the build made of its extension (tsup's
 * `dist/kv.cjs` and `dist/kv.mjs` both come from `src/kv.ts`).
 */
function sourcesOfBuild(entry: string): string[] {
  const stem = entry.replace(/\.[cm]?jsx?$/, "");
  return stem === entry ? [entry] : [entry, stem];
}

/** The folders a package's build usually goes to, whose sources are in `src/`. */
const BUILD_FOLDER = /^(?:\.\/)?(?:dist|build|lib|out)\//;
