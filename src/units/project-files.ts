import type { Annotation } from "../annotations/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Project } from "../load/project.js";
import { findAssets } from "./assets.js";
import { allProjectFiles } from "./file-globs.js";
import { findStaticUnits, staticFolderConflicts, type StaticUnit } from "./static-units.js";
import type { Unit } from "./unit.js";
import { compareStrings } from "../util/compare.js";

/** The units once the project's files are placed, the static units, and what placing them reported. */
export interface PlacedFiles {
  readonly units: Unit[];
  readonly staticUnits: StaticUnit[];
  /** `Adding asset ...` lines. */
  readonly progress: readonly string[];
  readonly diagnostics: Diagnostic[];
}

/**
 * What `static_unit` and `embed_assets` annotations do to the units: files only a static unit
 * serves leave the units' folders (shared files stay), and each unit holding a file with an
 * `embed_assets` annotation gets the files it matches as assets.
 */
export function placeProjectFiles(project: Project, annotations: readonly Annotation[], built: readonly Unit[], ownedBy: (file: string) => string | undefined): PlacedFiles {
  const files = allProjectFiles(project.files.map((f) => f.path), project.otherFiles);
  const statics = findStaticUnits(annotations, files);
  const staticOnly = new Set(statics.staticUnits.flatMap((s) => s.staticOnly));
  const trimmed = built.map((unit) => (staticOnly.size === 0 ? unit : { ...unit, files: unit.files.filter((f) => !staticOnly.has(f)) }));
  const assets = findAssets(annotations, files, (file) => unitsHolding(file, trimmed, ownedBy));
  const units = trimmed.map((unit) => {
    const embedded = assets.byUnit.get(unit.id);
    return embedded && embedded.length > 0 ? { ...unit, assets: [...new Set([...(unit.assets ?? []), ...embedded])].sort(compareStrings) } : unit;
  });
  const conflicts = staticFolderConflicts(statics.staticUnits, units.map((u) => u.id));
  return { units, staticUnits: statics.staticUnits, progress: assets.progress, diagnostics: [...statics.diagnostics, ...conflicts, ...assets.diagnostics] };
}

/** The units the code of `file` runs in: its owner, else every unit whose folder holds it. */
function unitsHolding(file: string, units: readonly Unit[], ownedBy: (file: string) => string | undefined): string[] {
  const owner = ownedBy(file);
  if (owner !== undefined && units.some((u) => u.id === owner)) return [owner];
  return units.filter((u) => u.files.includes(file)).map((u) => u.id);
}
