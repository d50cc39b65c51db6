import path from "node:path";
import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { IgnoredFile } from "../load/ignored-files.js";
import { compareStrings } from "../util/compare.js";
import { siteObjectKeys } from "../util/site-keys.js";
import { matchDirectiveGlobs } from "./file-globs.js";

/** A `@klotho::static_unit` annotation with the files the static site serves. */
export interface StaticUnit {
  readonly annotation: Annotation;
  readonly id: string;
  /** Every file the site serves (`static_files` and `shared_files`), project-relative, sorted. */
  readonly files: readonly string[];
  /** Files matched by `static_files` and no static unit's `shared_files`: they leave the code units. */
  readonly staticOnly: readonly string[];
}

/**
 * The static units of the program. Globs are relative to the annotated file's folder (or to the
 * project root with a leading `/`); one that matches nothing is a warning, and so is an
 * `index_document` that none of the site's files is named after. A glob naming a .gitignored folder
 * before its first wildcard (`dist/**`) also matches the `ignored` files below it: the user named them.
 */
export function findStaticUnits(annotations: readonly Annotation[], files: readonly string[], ignored: readonly IgnoredFile[] = []): { staticUnits: StaticUnit[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const found: { annotation: Annotation; id: string; own: string[]; shared: string[] }[] = [];
  for (const annotation of annotations) {
    if (annotation.capability !== "static_unit" || annotation.id === undefined) continue;
    const own = matchDirectiveGlobs(annotation, "static_files", files, true, ignored);
    const shared = matchDirectiveGlobs(annotation, "shared_files", files, true, ignored);
    diagnostics.push(...own.diagnostics, ...shared.diagnostics);
    found.push({ annotation, id: annotation.id, own: own.files, shared: shared.files });
    const served = [...own.files, ...shared.files];
    const index = annotation.directives["index_document"];
    if (typeof index === "string" && served.length > 0 && !served.some((file) => path.posix.basename(file) === index)) {
      const range = annotation.valueRanges?.["index_document"] ?? annotation.range;
      diagnostics.push(createDiagnostic("static-unit/missing-index", { range, annotation: { text: annotation.text, range: annotation.range } }, index, annotation.id));
    }
    for (const [first, second] of siteObjectKeys([...new Set(served)].sort(compareStrings), typeof index === "string" ? index : undefined).collisions) {
      diagnostics.push(createDiagnostic("static-unit/key-collision", { range: annotation.range, annotation: { text: annotation.text, range: annotation.range } }, first, second, annotation.id));
    }
  }
  const sharedAnywhere = new Set(found.flatMap((unit) => unit.shared));
  const staticUnits = found.map(({ annotation, id, own, shared }) => ({
    annotation,
    id,
    files: [...new Set([...own, ...shared])].sort(compareStrings),
    staticOnly: own.filter((file) => !sharedAnywhere.has(file)),
  }));
  return { staticUnits, diagnostics };
}

/**
 * An error for each static unit whose output folder (`compiled/<id>/`) is, holds or sits inside an
 * execution unit's folder, or sits inside another static unit's (the same id twice is annotation/duplicate-id).
 */
export function staticFolderConflicts(staticUnits: readonly StaticUnit[], unitIds: readonly string[]): Diagnostic[] {
  const overlaps = (a: string, b: string): boolean => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
  return staticUnits.flatMap(({ annotation, id }) => {
    const unit = unitIds.find((u) => overlaps(id, u));
    const site = staticUnits.find((other) => id.startsWith(`${other.id}/`));
    const conflict = unit !== undefined ? { other: unit, kind: "execution unit" } : site ? { other: site.id, kind: "static unit" } : undefined;
    if (!conflict) return [];
    const range = annotation.valueRanges?.["id"] ?? annotation.range;
    const shared = conflict.other.length < id.length ? conflict.other : id;
    return [createDiagnostic("static-unit/folder-conflict", { range, annotation: { text: annotation.text, range: annotation.range } }, id, conflict.kind, conflict.other, shared)];
  });
}
