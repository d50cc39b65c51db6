import { extractDockerfileAnnotations } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ProjectTextFile } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { formatLocation } from "../util/source-range.js";

/** The user's Dockerfile of each unit that has one, and the problems found matching Dockerfiles to units. */
export interface UnitDockerfiles {
  /** Unit id → the Dockerfile that replaces the generated one. */
  readonly byUnit: ReadonlyMap<string, ProjectTextFile>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Matches the project's annotated Dockerfiles to execution units: the first (by path) naming a
 * unit is that unit's Dockerfile; one naming no existing unit, or a unit that already has one, is
 * a warning at its id.
 */
export function unitDockerfiles(dockerfiles: readonly ProjectTextFile[], unitIds: readonly string[]): UnitDockerfiles {
  const { annotations, diagnostics } = extractDockerfileAnnotations(dockerfiles);
  const byUnit = new Map<string, ProjectTextFile>();
  const chosenAt = new Map<string, string>();
  const known = new Set(unitIds);
  for (const annotation of annotations) {
    const context = { range: annotation.idRange, annotation: { text: annotation.text, range: annotation.range } };
    const file = dockerfiles.find((f) => f.path === annotation.file);
    const other = chosenAt.get(annotation.unit);
    if (!known.has(annotation.unit)) {
      const units = [...known].sort(compareStrings).join(", ") || "none";
      diagnostics.push(createDiagnostic("dockerfile/unknown-unit", context, annotation.unit, units));
    } else if (other !== undefined) {
      diagnostics.push(createDiagnostic("dockerfile/duplicate-unit", context, annotation.unit, other));
    } else if (file) {
      byUnit.set(annotation.unit, file);
      chosenAt.set(annotation.unit, formatLocation(annotation.range));
    }
  }
  return { byUnit, diagnostics };
}
