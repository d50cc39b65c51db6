import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Project } from "../load/project.js";
import { createTsconfigSelector } from "../load/tsconfig-scope.js";
import type { SourceProgram } from "../parse/source-program.js";
import type { Fact } from "./fact.js";
import { EXTRACTORS } from "./extractors/registry.js";
import { interpretProgram } from "./interpreter/program.js";
import { createImportResolver, type ImportResolver } from "./resolve-import.js";
import { compareRanges } from "../util/source-range.js";

export type { Fact, FactKind, FactOf, HttpFramework, HttpMethod } from "./fact.js";
export { entriesFirst, rootModules } from "./roots.js";

/** The facts of the whole program, its import graph and the problems met finding them. */
export interface FactsResult {
  readonly facts: readonly Fact[];
  /** For each module that ran, the project files it imports. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
}

/** The import resolver over `project`'s files, its tsconfigs and its workspace's packages. */
export function projectResolver(project: Project): ImportResolver {
  return createImportResolver(project.files.map((f) => f.path), project.root, createTsconfigSelector(project.root, project.tsconfigs), {
    otherFiles: project.otherFiles,
    ...(project.packages ? { packages: project.packages } : {}),
    ...(project.outsidePackages ? { outsidePackages: project.outsidePackages } : {}),
  });
}

/**
 * Runs every extractor over the program: `roots` (see rootModules) run first, and the modules they
 * import as they import them.
 */
export function extractFacts(project: Project, program: SourceProgram, roots: readonly string[], resolve: ImportResolver = projectResolver(project)): FactsResult {
  const projectFiles = [...project.files.map((file) => file.path), ...project.otherFiles];
  const result = interpretProgram(program, roots, resolve, EXTRACTORS, { ...(project.dataFiles ? { dataFiles: project.dataFiles } : {}), projectFiles });
  return { ...result, facts: [...result.facts].sort(compareFacts) };
}

/** Facts in source order (file, offset), then by kind, for deterministic output. */
function compareFacts(a: Fact, b: Fact): number {
  return compareRanges(a.range, b.range) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
}
