import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { compareRanges, formatLocation } from "../util/source-range.js";
import type { Annotation } from "./annotation.js";

/**
 * An error for each `@klotho::execution_unit` annotation naming another unit than an earlier one in
 * the same file: a file belongs to one unit (the first it names), so the later one would be dropped
 * and its unit never made. The same id again in one file is allowed: it says nothing new (an
 * execution_unit annotation has no directive but its id).
 */
export function findConflictingUnits(annotations: readonly Annotation[]): Diagnostic[] {
  const unitOfFile = new Map<string, Annotation>();
  const diagnostics: Diagnostic[] = [];
  for (const annotation of [...annotations].sort((a, b) => compareRanges(a.range, b.range))) {
    if (annotation.capability !== "execution_unit" || annotation.id === undefined) continue;
    const earlier = unitOfFile.get(annotation.range.file);
    if (!earlier) {
      unitOfFile.set(annotation.range.file, annotation);
      continue;
    }
    if (earlier.id === annotation.id) continue;
    const context = {
      range: annotation.range,
      annotation: { text: annotation.text, range: annotation.range },
      related: [{ message: "the file's unit is declared here", range: earlier.range }],
    };
    diagnostics.push(createDiagnostic("annotation/conflicting-unit", context, annotation.id, earlier.id ?? "", formatLocation(earlier.range)));
  }
  return diagnostics;
}

/**
 * An error for each annotation that repeats the capability and id of an earlier one (in file
 * order). `execution_unit` is exempt: several files naming one unit put them all in that unit.
 */
export function findDuplicateIds(annotations: readonly Annotation[]): Diagnostic[] {
  const first = new Map<string, Annotation>();
  const diagnostics: Diagnostic[] = [];
  for (const annotation of [...annotations].sort((a, b) => compareRanges(a.range, b.range))) {
    if (annotation.id === undefined || annotation.capability === "execution_unit") continue;
    const key = `${annotation.capability}\u0000${annotation.id}`;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, annotation);
      continue;
    }
    const context = {
      range: annotation.range,
      annotation: { text: annotation.text, range: annotation.range },
      related: [{ message: "first declared here", range: earlier.range }],
    };
    diagnostics.push(createDiagnostic("annotation/duplicate-id", context, annotation.capability, annotation.id, formatLocation(earlier.range)));
  }
  return diagnostics;
}
