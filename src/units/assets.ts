import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { progressMessages } from "../diagnostics/progress.js";
import { compareStrings } from "../util/compare.js";
import { matchDirectiveGlobs } from "./file-globs.js";

/** What the `@klotho::embed_assets` annotations add to the units. */
export interface UnitAssets {
  /** Unit id → the files copied into its folder besides its code, sorted. */
  readonly byUnit: ReadonlyMap<string, readonly string[]>;
  /** `Adding asset '<path>' to unit '<unit>'`, in annotation then path order. */
  readonly progress: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The assets each unit embeds: the files an `embed_assets` annotation's `include` globs match
 * (any type) minus those its `exclude` globs match, for the units the annotated file belongs to
 * (`unitsHolding`). An include glob that matches nothing is a warning, and so is a file in no unit.
 */
export function findAssets(annotations: readonly Annotation[], files: readonly string[], unitsHolding: (file: string) => readonly string[]): UnitAssets {
  const byUnit = new Map<string, Set<string>>();
  const progress: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const annotation of annotations) {
    if (annotation.capability !== "embed_assets") continue;
    const included = matchDirectiveGlobs(annotation, "include", files, true);
    const excluded = new Set(matchDirectiveGlobs(annotation, "exclude", files, false).files);
    diagnostics.push(...included.diagnostics);
    const units = unitsHolding(annotation.range.file);
    const context = { range: annotation.range, annotation: { text: annotation.text, range: annotation.range } };
    if (units.length === 0 && included.files.length > 0) diagnostics.push(createDiagnostic("embed-assets/no-unit", context, annotation.range.file));
    for (const file of included.files.filter((f) => !excluded.has(f))) {
      for (const unit of units) {
        const assets = byUnit.get(unit) ?? new Set<string>();
        if (!assets.has(file)) progress.push(progressMessages.addingAsset(file, unit));
        byUnit.set(unit, assets.add(file));
      }
    }
  }
  const sorted = new Map([...byUnit].map(([unit, assets]) => [unit, [...assets].sort(compareStrings)]));
  return { byUnit: sorted, progress, diagnostics };
}
