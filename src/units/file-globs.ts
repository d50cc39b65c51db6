import { compileGlob, rootRelativeGlob, type Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { compareStrings } from "../util/compare.js";

/** The project files the globs of one directive match, and a warning for each glob that matches none. */
export interface GlobMatch {
  /** Matched project-relative paths, sorted. */
  readonly files: string[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Matches the globs of the directive `key` of `annotation` against `files` (every project file,
 * source or not). The annotations stage has rejected malformed globs and globs leaving the project;
 * any left are skipped here. With `warnWhenEmpty`, a glob that matches nothing is a warning at it.
 */
export function matchDirectiveGlobs(annotation: Annotation, key: string, files: readonly string[], warnWhenEmpty: boolean): GlobMatch {
  const globs = annotation.directives[key];
  const matched = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  if (!Array.isArray(globs)) return { files: [], diagnostics };
  globs.forEach((glob: unknown, index) => {
    if (typeof glob !== "string") return;
    const relative = rootRelativeGlob(glob, annotation.range.file);
    const compiled = relative === undefined ? undefined : compileGlob(relative);
    if (!compiled || "problem" in compiled) return;
    const hits = files.filter(compiled.match);
    for (const file of hits) matched.add(file);
    if (hits.length === 0 && warnWhenEmpty) {
      const range = annotation.valueRanges?.[`${key}.${index}`] ?? annotation.range;
      diagnostics.push(createDiagnostic("files/no-match", { range, annotation: { text: annotation.text, range: annotation.range } }, glob, key, annotation.capability));
    }
  });
  return { files: [...matched].sort(compareStrings), diagnostics };
}

/** Every file of the project, source or not, sorted. */
export function allProjectFiles(sourceFiles: readonly string[], otherFiles: readonly string[]): string[] {
  return [...new Set([...sourceFiles, ...otherFiles])].sort(compareStrings);
}
