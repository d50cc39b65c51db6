import path from "node:path";
import picomatch from "picomatch";
import { compileGlob, rootRelativeGlob, type Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { IgnoredFile } from "../load/ignored-files.js";
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
 * A glob also matches the `ignored` files (.gitignored) whose ignored folder or file it names before
 * its first wildcard (`dist/**` names the ignored `dist/`, `*.html` in any folder names none); one that
 * matches only ignored files it does not name is a warning saying which .gitignore rule leaves them out.
 */
export function matchDirectiveGlobs(annotation: Annotation, key: string, files: readonly string[], warnWhenEmpty: boolean, ignored: readonly IgnoredFile[] = []): GlobMatch {
  const globs = annotation.directives[key];
  const matched = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  if (!Array.isArray(globs)) return { files: [], diagnostics };
  globs.forEach((glob: unknown, index) => {
    if (typeof glob !== "string") return;
    const relative = rootRelativeGlob(glob, annotation.range.file);
    const compiled = relative === undefined ? undefined : compileGlob(relative);
    if (relative === undefined || !compiled || "problem" in compiled) return;
    const ignoredHits = ignored.filter((file) => compiled.match(file.path));
    const named = ignoredHits.filter((file) => namesPath(relative, file.ignoredAt));
    const hits = [...files.filter(compiled.match), ...named.map((file) => file.path)];
    for (const file of hits) matched.add(file);
    if (hits.length === 0 && warnWhenEmpty) diagnostics.push(noMatch(annotation, key, index, glob, ignoredHits));
  });
  return { files: [...matched].sort(compareStrings), diagnostics };
}

/** The warning for a glob matching nothing: files/gitignored when it matches ignored files it does not name. */
function noMatch(annotation: Annotation, key: string, index: number, glob: string, ignoredHits: readonly IgnoredFile[]): Diagnostic {
  const at = { range: annotation.valueRanges?.[`${key}.${index}`] ?? annotation.range, annotation: { text: annotation.text, range: annotation.range } };
  const first = ignoredHits[0];
  if (first === undefined) return createDiagnostic("files/no-match", at, glob, key, annotation.capability);
  const rule = `'${first.rule.pattern}' in ${first.rule.file}${first.rule.line === undefined ? "" : `:${first.rule.line}`}`;
  return createDiagnostic("files/gitignored", at, glob, key, annotation.capability, ignoredHits.length, first.path, rule, suggestedGlob(first, annotation.range.file));
}

/** True when the project-relative glob names `target` (an ignored folder or file) before its first wildcard. */
function namesPath(glob: string, target: string): boolean {
  const { base } = picomatch.scan(glob);
  return base === target || base.startsWith(`${target}/`);
}

/** A glob naming the file's ignored folder (or the ignored file), written as the annotation's globs are: relative to its file's folder, or from the root. */
function suggestedGlob(file: IgnoredFile, annotatedFile: string): string {
  const target = file.ignoredAt === file.path ? file.path : `${file.ignoredAt}/**`;
  const relative = path.posix.relative(path.posix.dirname(annotatedFile), target);
  return relative.startsWith("..") ? `/${target}` : relative;
}

/** Every file of the project, source or not, sorted. */
export function allProjectFiles(sourceFiles: readonly string[], otherFiles: readonly string[]): string[] {
  return [...new Set([...sourceFiles, ...otherFiles])].sort(compareStrings);
}
