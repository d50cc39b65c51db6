import { isBuiltin } from "node:module";
import type { Node } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { inDevelopmentBranch } from "../facts/extractors/development-only.js";
import type { Fact } from "../facts/index.js";
import { importSpecifiers } from "../facts/module-scan.js";
import { importKind } from "../facts/package-exports.js";
import { packageName, type ImportResolver } from "../facts/resolve-import.js";
import { DEPENDENCY_FIELDS, isVersionMap } from "../util/dependency-maps.js";
import type { Project } from "../load/project.js";
import { isTypeOnlyImport } from "../parse/import-specifier.js";
import type { SourceProgram } from "../parse/source-program.js";
import type { Resource } from "../plan/index.js";
import { rangeOfNode, type SourceRange } from "../util/source-range.js";
import { indexNodes, type NodeIndex } from "./find-nodes.js";
import { unitManifests, type UnitManifest } from "./unit-manifests.js";

/** One unit as the check sees it: the code its folder holds, as it will run, and the packages its image installs. */
export interface UnitCode {
  readonly unit: Resource;
  /** The unit's source files (project paths), each with the text that runs: the rewrite, or for TypeScript its emit. */
  readonly files: readonly { readonly path: string; readonly runs: string }[];
  /** The names of the unit's package.json `dependencies`. */
  readonly installed: ReadonlySet<string>;
}

/** What the check needs of the project besides the units. */
export interface UndeclaredPackagesInput {
  readonly project: Project;
  readonly program: Pick<SourceProgram, "get">;
  readonly resolve: ImportResolver;
  readonly facts: readonly Fact[];
}

/** The packages a Next.js server loads, which next/missing-dependencies reports at the `next(...)` call. */
const NEXT_PACKAGES: ReadonlySet<string> = new Set(["next", "react", "react-dom"]);

/** An npm package name (legacy names may hold capitals): a specifier whose package part is not one is an alias, a `#` import or a URL. */
const PACKAGE_NAME = /^(?:@[A-Za-z0-9-][A-Za-z0-9._-]*\/)?[A-Za-z0-9-][A-Za-z0-9._-]*$/;

/**
 * `transform/undeclared-package` at the first load, in each file a unit carries, of a package the unit's
 * package.json does not install (its image runs `npm install --omit=dev`): one only in devDependencies
 * (installed locally, so the app works there), or declared nowhere. Once per file and package, naming every
 * unit that lacks it. A load counts when it is still in the code that runs (not an import of types only,
 * which TypeScript's emit drops, nor code the rewrite removed); Node's built-ins, the workspace's own packages
 * (carried as sources) and the runtime's SDK clients (in `installed`) are installed already. A load the code
 * guards is left alone: in a `try` block (an optional package) or a branch that runs only outside production.
 */
export function undeclaredPackages(input: UndeclaredPackagesInput, units: readonly UnitCode[]): Diagnostic[] {
  const nextFiles = new Set(input.facts.filter((f) => f.kind === "next_app").map((f) => f.range.file));
  // The workspace's packages outside the compiled folder are reported where they are imported (facts/workspace-package-outside).
  const outside = new Set((input.project.outsidePackages ?? []).map((p) => p.name));
  const found = new Map<string, { name: string; range: SourceRange; manifests: UnitManifest[]; units: string[] }>();
  for (const { unit, files, installed } of units) {
    const manifests = unitManifests(input.project, unit);
    // What a dependency map that is not one would give the unit is reported at the map (project/invalid-dependencies).
    if (manifests.some((m) => m.data["dependencies"] !== undefined && !isVersionMap(m.data["dependencies"]))) continue;
    // A unit serving a Next.js app is told about next, react and react-dom at its next(...) call.
    const servesNext = (unit.files ?? []).some((file) => nextFiles.has(file));
    const lacks = (name: string): boolean => !installed.has(name) && !outside.has(name) && !(servesNext && NEXT_PACKAGES.has(name));
    for (const file of files) {
      for (const load of packageLoads(input, file.path, file.runs, lacks)) {
        const key = `${file.path}\u0000${load.name}`;
        const known = found.get(key);
        if (known) known.units.push(unit.name);
        else found.set(key, { ...load, manifests, units: [unit.name] });
      }
    }
  }
  return [...found.values()].map(({ name, range, manifests, units: lacking }) =>
    createDiagnostic("transform/undeclared-package", { range }, name, declaredElsewhere(name, manifests), manifests.map((m) => m.file), lacking),
  );
}

/** The packages `file` loads in the code that runs (`runs`) that the unit `lacks`, each at its first load there, in source order. */
function packageLoads(input: UndeclaredPackagesInput, file: string, runs: string, lacks: (name: string) => boolean): { name: string; range: SourceRange }[] {
  const parsed = input.program.get(file);
  if (!parsed) return [];
  const nodes = indexNodes(parsed.ast.program);
  // The specifiers the running text still holds (a specifier in a comment or string counts too: the scan errs on
  // the side of keeping a load, so only a load the emit or the rewrite removed is dropped). Scanned only when needed.
  let running: Set<string> | undefined;
  const stillLoads = (specifier: string): boolean => (running ??= new Set(importSpecifiers(runs))).has(specifier);
  const loads = new Map<string, SourceRange>();
  for (const node of nodes.imports) {
    const load = nodes.specifierOf(node);
    if (!load || isTypeOnlyImport(node) || !isPackageSpecifier(load.value)) continue;
    const name = packageName(load.value);
    if (loads.has(name) || !lacks(name)) continue;
    const resolution = input.resolve(load.value, file, importKind(load.syntax, parsed.file));
    if (resolution.kind !== "package" || resolution.workspace || resolution.outside) continue;
    if (stillLoads(load.value) && !guarded(node, nodes)) loads.set(name, rangeOfNode(file, load.node));
  }
  return [...loads].map(([name, range]) => ({ name, range }));
}

/** A specifier naming an npm package (`dayjs`, `lodash/get`, `@aws-sdk/client-s3`), not a built-in (`fs/promises`, `node:fs`). */
function isPackageSpecifier(specifier: string): boolean {
  if (specifier.startsWith("node:") || isBuiltin(specifier)) return false;
  return PACKAGE_NAME.test(packageName(specifier));
}


/** True for a load inside a `try` block, or in a branch that runs only outside production (development-only.ts). */
function guarded(node: Node, nodes: NodeIndex): boolean {
  for (let child = node, parent = nodes.parentOf(child); parent !== undefined; child = parent, parent = nodes.parentOf(child)) {
    if (parent.type === "TryStatement" && parent.block === child) return true;
  }
  return inDevelopmentBranch(node, (n) => nodes.parentOf(n));
}

/** The first of the unit's manifests declaring `name` in a map the unit does not install (devDependencies, ...), and that map. */
function declaredElsewhere(name: string, manifests: readonly UnitManifest[]): { field: string; file: string } | undefined {
  for (const manifest of manifests) {
    for (const field of DEPENDENCY_FIELDS.filter((f) => f !== "dependencies")) {
      const map = manifest.data[field];
      if (typeof map === "object" && map !== null && Object.hasOwn(map, name)) return { field, file: manifest.file };
    }
  }
  return undefined;
}
