import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Project } from "../load/project.js";
import type { ParsedFile } from "../parse/parse-file.js";
import type { Fact } from "./fact.js";
import { EXTRACTORS } from "./extractors/registry.js";
import { interpretProgram } from "./interpreter/program.js";
import { createImportResolver } from "./resolve-import.js";
import { compareRanges } from "../util/source-range.js";

export type { Fact, FactKind, FactOf, HttpFramework, HttpMethod } from "./fact.js";

/** The facts of the whole program, its import graph and the problems met finding them. */
export interface FactsResult {
  readonly facts: readonly Fact[];
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly diagnostics: readonly Diagnostic[];
}

/** Runs every extractor over the parsed files of `project`. */
export function extractFacts(project: Project, parsed: readonly ParsedFile[]): FactsResult {
  const resolve = createImportResolver(
    project.files.map((f) => f.path),
    project.root,
    project.tsconfig,
    { otherFiles: project.otherFiles, ...(project.packages ? { packages: project.packages } : {}), ...(project.outsidePackages ? { outsidePackages: project.outsidePackages } : {}) },
  );
  const result = interpretProgram(parsed, resolve, EXTRACTORS, project.dataFiles);
  return { ...result, facts: [...result.facts].sort(compareFacts) };
}

/** Facts in source order (file, offset), then by kind, for deterministic output. */
function compareFacts(a: Fact, b: Fact): number {
  return compareRanges(a.range, b.range) || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) || (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);
}
