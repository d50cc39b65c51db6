import path from "node:path";
import type { Annotation } from "../annotations/index.js";
import type { Project } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { toPosix } from "../util/paths.js";

/** The project file package.json `main` names (`./server`, `server.js`, `dist/x.js` for `src/x.ts` is not guessed). */
export function packageMainFile(project: Project): string | undefined {
  const main = project.packageJson.data["main"];
  if (typeof main !== "string") return undefined;
  const absolute = path.resolve(path.dirname(project.packageJson.path), main);
  const relative = toPosix(path.relative(project.root, absolute));
  const withoutExtension = relative.replace(/\.[^./]+$/, "");
  return (
    project.files.find((f) => f.path === relative)?.path ??
    project.files.find((f) => f.path.replace(/\.[^./]+$/, "") === withoutExtension)?.path ??
    project.files.find((f) => f.path.replace(/\.[^./]+$/, "") === `${relative}/index`)?.path
  );
}

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
