import type { Annotation } from "../annotations/index.js";
import { packageMainFile, type Project } from "../load/project.js";
import { compareStrings } from "../util/compare.js";

/**
 * The implicit unit's entry points (DESIGN §4 rule 1): package.json `main` when it is a project
 * file, and every file with an `expose` annotation.
 */
export function entryPointsOfMain(project: Project, annotations: readonly Annotation[]): string[] {
  const entries = new Set<string>();
  const main = packageMainFile(project);
  if (main !== undefined) entries.add(main);
  for (const annotation of annotations) if (annotation.capability === "expose") entries.add(annotation.range.file);
  return [...entries].sort(compareStrings);
}
