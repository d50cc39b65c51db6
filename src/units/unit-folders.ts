import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Unit } from "./unit.js";

/**
 * An error for each execution unit whose folder (`compiled/<id>/`, an id may hold `/`) lies inside
 * another unit's: `svc` and `svc/src` would write over each other's files (the code's folders,
 * `klotho_runtime/`, package.json). It is at the id of the nested unit's first annotation, in file order.
 */
export function unitFolderConflicts(units: readonly Unit[], annotations: readonly Annotation[]): Diagnostic[] {
  return units.flatMap((unit) => {
    const outer = units.find((other) => unit.id.startsWith(`${other.id}/`));
    const annotation = annotations.find((a) => a.capability === "execution_unit" && a.id === unit.id);
    if (!outer || !annotation) return [];
    const range = annotation.valueRanges?.["id"] ?? annotation.range;
    return [createDiagnostic("execution-unit/folder-conflict", { range, annotation: { text: annotation.text, range: annotation.range } }, unit.id, outer.id)];
  });
}
