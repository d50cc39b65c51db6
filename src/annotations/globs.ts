import path from "node:path";
import picomatch from "picomatch";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceRange } from "../util/source-range.js";
import type { Annotation } from "./annotation.js";

/** The directives of each capability that hold globs of project files. */
export const GLOB_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  static_unit: ["static_files", "shared_files"],
  embed_assets: ["include", "exclude"],
};

/**
 * Top-level names in the output folder that a unit's folder must not take: klotho's own files, and
 * what the user makes there and a compile keeps (installed packages, a local Pulumi backend).
 */
const RESERVED_OUTPUT_NAMES = new Set(["klotho.yaml", "resources.json", "index.ts", "package.json", "tsconfig.json", "Pulumi.yaml", "node_modules", "package-lock.json", ".pulumi"]);
/** A stack's settings in the output folder (`Pulumi.prod.yaml`), which a compile keeps. */
const STACK_SETTINGS = /^Pulumi\..+\.ya?ml$/;
/** A folder name of a static unit's copy: no `.`/`..`, no empty segments, nothing the file systems reject. */
const SAFE_SEGMENT = /^(?!\.{1,2}$)[A-Za-z0-9_.-]+$/;

/**
 * `glob` made relative to the project root: a leading `/` means the project root, anything else
 * the folder of `annotatedFile`. Undefined when the glob climbs out of the project (`../`).
 */
export function rootRelativeGlob(glob: string, annotatedFile: string): string | undefined {
  const joined = glob.startsWith("/") ? glob.slice(1) : path.posix.join(path.posix.dirname(annotatedFile), glob);
  const normalized = path.posix.normalize(joined === "" ? "." : joined);
  if (normalized === ".." || normalized.startsWith("../")) return undefined;
  return normalized === "." ? "" : normalized.replace(/^\.\//, "");
}

/**
 * A matcher for project-relative paths, or the reason the glob is malformed: a leading `!`, or a
 * `[`, `{` or `(` that is never closed (a lone `]`, `}` or `)` matches itself).
 */
export function compileGlob(glob: string): { match: (file: string) => boolean } | { problem: string } {
  if (glob.startsWith("!")) return { problem: "a leading '!' (negation) is not supported" };
  try {
    picomatch.makeRe(glob, { strictBrackets: true });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (detail.startsWith("Missing closing")) return { problem: detail };
  }
  const regex = picomatch.makeRe(glob);
  return { match: (file) => regex.test(file) };
}

/**
 * Errors in the file globs of a `static_unit` or `embed_assets` annotation (malformed, or reaching
 * outside the project), and in a static unit's `index_document` and id, which names its output folder.
 * `locate(path)` is where a directive value is written (see directiveValueRanges).
 */
export function checkFileDirectives(
  capability: string,
  directives: Readonly<Record<string, unknown>>,
  annotatedFile: string,
  locate: (valuePath: string) => SourceRange | undefined,
  context: { readonly range: SourceRange; readonly annotation: Diagnostic["annotation"] },
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const at = (valuePath: string) => ({ ...context, range: locate(valuePath) ?? context.range });
  for (const key of GLOB_DIRECTIVES[capability] ?? []) {
    const globs = directives[key];
    if (!Array.isArray(globs)) continue;
    globs.forEach((glob: unknown, index) => {
      if (typeof glob !== "string") return;
      const compiled = compileGlob(glob);
      if ("problem" in compiled) diagnostics.push(createDiagnostic("annotation/invalid-glob", at(`${key}.${index}`), glob, key, compiled.problem));
      else if (rootRelativeGlob(glob, annotatedFile) === undefined) diagnostics.push(createDiagnostic("annotation/path-outside-project", at(`${key}.${index}`), glob, key));
    });
  }
  if (capability === "execution_unit") {
    const unitId = directives["id"];
    if (typeof unitId === "string" && !isSafeFolder(unitId)) diagnostics.push(createDiagnostic("annotation/invalid-unit-id", at("id"), unitId));
    return diagnostics;
  }
  if (capability !== "static_unit") return diagnostics;
  const index = directives["index_document"];
  if (typeof index === "string" && index.includes("/")) diagnostics.push(createDiagnostic("annotation/invalid-index-document", at("index_document"), index));
  const id = directives["id"];
  if (typeof id === "string" && !isSafeFolder(id)) diagnostics.push(createDiagnostic("annotation/invalid-static-id", at("id"), id));
  return diagnostics;
}

/** The files named after the app in the output folder: the topology and its diagram (`<app>.json`, `.svg`, `.png`, diagram/index.ts). */
const APP_FILE_EXTENSIONS = [".json", ".svg", ".png"];

/**
 * Errors for the execution_unit and static_unit ids whose folder would take the name of a file named
 * after the app (`<app>.png`, ...), which the annotations alone cannot tell: the app name is known
 * once klotho.yaml and the command line are read. At the id, with the codes of the other id problems.
 */
export function checkIdsAgainstApp(annotations: readonly Annotation[], app: string): Diagnostic[] {
  const taken = new Set(APP_FILE_EXTENSIONS.map((extension) => `${app}${extension}`.toLowerCase()));
  return annotations.flatMap((annotation) => {
    const code = annotation.capability === "execution_unit" ? "annotation/invalid-unit-id" : annotation.capability === "static_unit" ? "annotation/invalid-static-id" : undefined;
    const top = annotation.id?.split("/")[0];
    if (code === undefined || annotation.id === undefined || top === undefined || !taken.has(top.toLowerCase())) return [];
    const context = { range: annotation.valueRanges?.["id"] ?? annotation.range, annotation: { text: annotation.text, range: annotation.range } };
    return [createDiagnostic(code, context, annotation.id)];
  });
}

/** True when `id` can name a folder inside the output folder without leaving it, or replacing klotho's own files or the user's. */
function isSafeFolder(id: string): boolean {
  const segments = id.split("/");
  const top = segments[0] ?? "";
  return segments.every((segment) => SAFE_SEGMENT.test(segment) && segment !== "node_modules") && !RESERVED_OUTPUT_NAMES.has(top) && !STACK_SETTINGS.test(top);
}
