import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { AssetSet } from "./asset-set.js";
import { matchDirectiveGlobs } from "./file-globs.js";

/**
 * The assets each unit embeds: the files an `embed_assets` annotation's `include` globs match
 * (any type) minus those its `exclude` globs match, for the units the annotated file belongs to
 * (`unitsHolding`), added to `into`; a TypeScript source file (`typeScriptSource`) is added as the
 * unit's code, compiled, since Node cannot run it as written. An include glob that matches nothing
 * is a warning, and so is a file in no unit.
 */
export function findAssets(
  annotations: readonly Annotation[],
  files: readonly string[],
  unitsHolding: (file: string) => readonly string[],
  into: AssetSet,
  typeScriptSource: (file: string) => boolean = () => false,
): Diagnostic[] {
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
        if (typeScriptSource(file)) into.addCode(unit, file, context);
        else into.add(unit, file, context);
      }
    }
  }
  return diagnostics;
}
