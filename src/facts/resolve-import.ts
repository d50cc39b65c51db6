import path from "node:path";
import type { NestedPackage } from "../load/project.js";
import type { OutsidePackage } from "../load/workspaces.js";
import type { TsconfigInfo } from "../load/tsconfig.js";
import type { TsconfigSelector } from "../load/tsconfig-scope.js";
import { toPosix } from "../util/paths.js";
import { packageEntries, type ImportKind } from "./package-exports.js";
import { isDeclarationFile } from "../util/typescript-files.js";

/** Where an import specifier leads: a project source file, a project JSON file, a package, or nowhere. */
export type Resolution =
  | { readonly kind: "file"; readonly file: string }
  | { readonly kind: "data"; readonly file: string }
  | { readonly kind: "package"; readonly name: string; readonly workspace?: NestedPackage; readonly outside?: OutsidePackage }
  /** A relative import only a declaration file (`.d.ts`) answers: types, and no JavaScript at run time. */
  | { readonly kind: "declaration"; readonly file: string }
  | { readonly kind: "unresolved" };

/**
 * Resolves import specifiers the way Node and TypeScript do, within the project's files; `kind` (how
 * Node loads the import, see importKind; `import` when not given) picks a workspace package's `exports` condition.
 */
export type ImportResolver = (specifier: string, fromFile: string, kind?: ImportKind) => Resolution;

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];
const JS_TO_TS: Readonly<Record<string, readonly string[]>> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

/** What a resolver knows of the project besides its source files. */
export interface ResolverOptions {
  /** Non-source files: those ending in `.json` are JSON modules code may import; `.d.ts` files declare types. */
  readonly otherFiles?: readonly string[];
  /** The package.json files of the project's folders: those the workspace declares are imported by their `name`. */
  readonly packages?: readonly NestedPackage[];
  /** The workspace's packages outside the project (compiled from inside one package): imported by name, they are neither code nor installable. */
  readonly outsidePackages?: readonly OutsidePackage[];
}

/**
 * A resolver over the project's files (project-relative POSIX paths): relative specifiers,
 * `.js` specifiers pointing at `.ts` sources, `index` files, the `paths` and `baseUrl` of the tsconfig
 * `tsconfigOf` gives for the importing file;
 * JSON files, as `./config.json` or, as Node's require finds them, `./config`; and the packages the
 * workspace declares (`@shop/shared`, `@shop/shared/util`), which are project folders, not npm packages.
 * Another folder's package.json (an example, a vendored copy) does not make its `name` project code.
 */
export function createImportResolver(files: readonly string[], root: string, tsconfigOf: TsconfigSelector | undefined, options: ResolverOptions = {}): ImportResolver {
  const known = new Set(files);
  const data = new Set((options.otherFiles ?? []).filter((file) => file.endsWith(".json")));
  const declarations = new Set((options.otherFiles ?? []).filter(isDeclarationFile));
  const workspace = new Map<string, NestedPackage>();
  for (const nested of options.packages ?? []) {
    if (!nested.workspace) continue;
    const name = nested.data["name"];
    if (typeof name === "string" && !workspace.has(name)) workspace.set(name, nested);
  }
  const outsidePackages = new Map((options.outsidePackages ?? []).map((outside) => [outside.name, outside]));
  const find = (base: string, directoryOnly = false): Resolution | undefined => {
    for (const candidate of candidates(base, directoryOnly)) {
      if (known.has(candidate)) return { kind: "file", file: candidate };
      if (data.has(candidate)) return { kind: "data", file: candidate };
    }
    return undefined;
  };
  // As TypeScript finds a module's types: only when no source or JSON file answers the import.
  const declarationOf = (base: string, directoryOnly: boolean): Resolution | undefined => {
    for (const candidate of declarationCandidates(base, directoryOnly)) if (declarations.has(candidate)) return { kind: "declaration", file: candidate };
    return undefined;
  };
  const toProject = (absolute: string): string => toPosix(path.relative(root, absolute));
  // Every stage resolves the same imports again (the scan, for both kinds; facts, units, each unit's rewrite): a
  // resolution depends only on the specifier, the importer's folder, its tsconfig and the import's kind, and a
  // relative specifier's on neither of the last two. The resolutions are kept by folder, each file finding its
  // folder's once: a unit's copy of a gateway's app file asks again for every router it mounts, in every unit.
  const byFolder = new Map<string, Map<string, Resolution>>();
  const folderOf = new Map<string, Map<string, Resolution>>();
  return (specifier, fromFile, kind = "import") => {
    let inFolder = folderOf.get(fromFile);
    if (!inFolder) {
      const folder = path.posix.dirname(fromFile);
      inFolder = byFolder.get(folder) ?? new Map<string, Resolution>();
      byFolder.set(folder, inFolder);
      folderOf.set(fromFile, inFolder);
    }
    const relative = isRelative(specifier);
    const tsconfig = relative ? undefined : tsconfigOf?.(fromFile);
    const key = relative ? specifier : `${tsconfig?.file ?? ""}\0${kind}\0${specifier}`;
    let resolution = inFolder.get(key);
    if (!resolution) inFolder.set(key, (resolution = resolve(specifier, fromFile, kind, tsconfig)));
    return resolution;
  };

  function resolve(specifier: string, fromFile: string, kind: ImportKind, tsconfig: TsconfigInfo | undefined): Resolution {
    if (isRelative(specifier)) {
      const joined = path.posix.join(path.posix.dirname(fromFile), specifier).replace(/\/+$/, "");
      const base = joined === "." ? "" : joined;
      return find(base, namesFolder(specifier)) ?? declarationOf(base, namesFolder(specifier)) ?? { kind: "unresolved" };
    }
    for (const target of mappedTargets(specifier, tsconfig)) {
      const found = find(toProject(target));
      if (found) return found;
    }
    if (tsconfig?.baseUrl) {
      const found = find(toProject(path.join(tsconfig.baseUrl, specifier)));
      if (found) return found;
    }
    const name = packageName(specifier);
    const local = workspace.get(name);
    if (local) {
      const subpath = specifier.slice(name.length + 1);
      const found = packageEntries(local, subpath, kind).reduce<Resolution | undefined>((hit, entry) => hit ?? find(path.posix.join(local.dir, entry)), undefined);
      if (found) return found;
      // The workspace's own package, whose entry is not among the sources: npm cannot install it either.
      return { kind: "package", name, workspace: local };
    }
    const outside = outsidePackages.get(name);
    return outside ? { kind: "package", name, outside } : { kind: "package", name };
  }
}

/** `./x`, `../x`, `.` or `..`: a path from the importer's folder. */
function isRelative(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..";
}

/** A package specifier as the extractors know it: `node:fs` is `fs`. */
export function bareSpecifier(specifier: string): string {
  return specifier.startsWith("node:") ? specifier.slice(5) : specifier;
}

/** `./lib/`, `.`, `..`, `../..`: specifiers that can only name a folder (its index file). */
function namesFolder(specifier: string): boolean {
  const last = specifier.split("/").at(-1);
  return last === "" || last === "." || last === "..";
}

/**
 * The files `base` may name, in Node's order with TypeScript's additions: the file itself, a `.js`
 * name's `.ts` source, an added extension (`.json` last, as require tries it), the folder's index
 * file. A specifier ending in `/`, `.` or `..` names a folder only; `base` is "" for the project root.
 */
function* candidates(base: string, directoryOnly: boolean): Generator<string> {
  if (!directoryOnly) {
    yield base;
    const ext = path.posix.extname(base);
    for (const replacement of JS_TO_TS[ext] ?? []) yield base.slice(0, -ext.length) + replacement;
    for (const e of EXTENSIONS) yield base + e;
    yield `${base}.json`;
  }
  for (const e of EXTENSIONS) yield base === "" ? `index${e}` : `${base}/index${e}`;
  yield base === "" ? "index.json" : `${base}/index.json`;
}

/** The declaration files `base` may name, in TypeScript's order: `x.d.ts` for `./x` and `./x.js` (`.d.mts` for `.mjs`, `.d.cts` for `.cjs`), the folder's `index.d.ts`. */
function* declarationCandidates(base: string, directoryOnly: boolean): Generator<string> {
  if (!directoryOnly) {
    const ext = path.posix.extname(base);
    const stem = [".js", ".mjs", ".cjs"].includes(ext) ? base.slice(0, -ext.length) : base;
    if (ext === ".mjs") yield `${stem}.d.mts`;
    else if (ext === ".cjs") yield `${stem}.d.cts`;
    else yield* [`${stem}.d.ts`, `${stem}.d.mts`, `${stem}.d.cts`];
  }
  yield base === "" ? "index.d.ts" : `${base}/index.d.ts`;
}

/** Absolute targets of the tsconfig `paths` patterns that match `specifier`, most specific first. */
function mappedTargets(specifier: string, tsconfig: TsconfigInfo | undefined): string[] {
  const paths = tsconfig?.paths;
  if (!paths) return [];
  const { exact, wildcards } = pathPatterns(paths);
  const matches: { prefixLength: number; order: number; targets: readonly string[] }[] = [];
  const same = exact.get(specifier);
  if (same) matches.push({ prefixLength: specifier.length, ...same });
  for (const { prefix, suffix, order, targets } of wildcards) {
    if (specifier.startsWith(prefix) && specifier.endsWith(suffix) && specifier.length >= prefix.length + suffix.length) {
      const middle = specifier.slice(prefix.length, specifier.length - suffix.length);
      matches.push({ prefixLength: prefix.length, order, targets: targets.map((t) => t.replace("*", middle)) });
    }
  }
  // Longest prefix first (a pattern without `*` is all prefix); of equal ones, the first written.
  return matches.sort((a, b) => b.prefixLength - a.prefixLength || a.order - b.order).flatMap((m) => m.targets);
}

/** A tsconfig's `paths` patterns, by kind: those without `*` by their text, the others in the order written. */
interface PathPatterns {
  readonly exact: ReadonlyMap<string, { readonly order: number; readonly targets: readonly string[] }>;
  readonly wildcards: readonly { readonly prefix: string; readonly suffix: string; readonly order: number; readonly targets: readonly string[] }[];
}

/**
 * The patterns of one `paths` object, made once: a monorepo's tsconfig may map hundreds of names one
 * by one (`"@shop/ids": ["packages/ids/src"]`), and trying each for every import made resolving
 * imports × patterns (4,500 patterns, 5,000 files: 16 s).
 */
const patternsOf = new WeakMap<object, PathPatterns>();

function pathPatterns(paths: Readonly<Record<string, readonly string[]>>): PathPatterns {
  let patterns = patternsOf.get(paths);
  if (!patterns) {
    const exact = new Map<string, { order: number; targets: readonly string[] }>();
    const wildcards: { prefix: string; suffix: string; order: number; targets: readonly string[] }[] = [];
    for (const [order, [pattern, targets]] of Object.entries(paths).entries()) {
      const star = pattern.indexOf("*");
      if (star < 0) exact.set(pattern, { order, targets });
      else wildcards.push({ prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1), order, targets });
    }
    patternsOf.set(paths, (patterns = { exact, wildcards }));
  }
  return patterns;
}

/** `express` for `express/lib/router`, `@scope/pkg` for `@scope/pkg/sub`, `http` for `node:http`. */
export function packageName(specifier: string): string {
  const bare = bareSpecifier(specifier);
  const parts = bare.split("/");
  return bare.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? bare);
}
