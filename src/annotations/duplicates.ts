import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { compareRanges, formatLocation } from "../util/source-range.js";
import type { Annotation } from "./annotation.js";

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
