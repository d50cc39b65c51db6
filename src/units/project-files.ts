import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Project } from "../load/project.js";
import type { Fact } from "../facts/index.js";
import { AssetSet } from "./asset-set.js";
import { projectResolver } from "../facts/index.js";
import { importClosure } from "./ownership.js";
import { embeddedImportGraph } from "./embedded-imports.js";
import { findAssets } from "./assets.js";
import { persistedObjectIds } from "./bound-facts.js";
import { carryReadFiles, plainCode } from "./file-reads.js";
import { allProjectFiles } from "./file-globs.js";
import { findStaticUnits, staticFolderConflicts, type StaticUnit } from "./static-units.js";
import type { Unit } from "./unit.js";
import { compareStrings } from "../util/compare.js";
import { namedList } from "../util/lists.js";
import { relativePosix } from "../util/paths.js";
import { isGeneratedUnitPath } from "./generated-paths.js";
import { isTypeScriptFile } from "../util/typescript-files.js";

/** The units once the project's files are placed, the static units, and what placing them reported. */
export interface PlacedFiles {
  readonly units: Unit[];
  readonly staticUnits: StaticUnit[];
  /** `Adding asset ...` lines. */
  readonly progress: readonly string[];
  readonly diagnostics: Diagnostic[];
}

/**
 * What `static_unit` and `embed_assets` annotations and the files the code reads do to the units:
 * files only a static unit serves leave the units' folders (shared files stay), each unit holding a
 * file with an `embed_assets` annotation gets the files it matches as assets (a TypeScript source as its
 * code, compiled, with what it imports), and each unit holding
 * code that reads a project file or folder at run time gets what it reads (file-reads.ts).
 */
export function placeProjectFiles(
  project: Project,
  annotations: readonly Annotation[],
  facts: readonly Fact[],
  built: readonly Unit[],
  ownedBy: (file: string) => string | undefined,
  imports: ReadonlyMap<string, readonly string[]> = new Map(),
): PlacedFiles {
  const files = allProjectFiles(project.files.map((f) => f.path), project.otherFiles);
  const statics = findStaticUnits(annotations, files, project.ignoredFiles);
  const staticOnly = new Set(statics.staticUnits.flatMap((s) => s.staticOnly));
  const taken = codeTakenByStaticUnits(statics.staticUnits, built);
  const trimmed = built.map((unit) => (staticOnly.size === 0 ? unit : { ...unit, files: unit.files.filter((f) => !staticOnly.has(f)) }));
  const holding = (file: string): string[] => unitsHolding(file, trimmed, ownedBy);
  const assets = new AssetSet();
  const typeScriptSources = new Set(project.files.map((f) => f.path).filter(isTypeScriptFile));
  const embedDiagnostics = findAssets(annotations, files, holding, assets, (file) => typeScriptSources.has(file));
  const sources = { sourceFiles: new Set(project.files.map((f) => f.path)), plainCode: plainCode(project.files, ownedBy) };
  const readDiagnostics = carryReadFiles(facts, { files, units: trimmed, unitsHolding: holding, persisted: persistedObjectIds(annotations, facts), ...sources }, assets);
  const byUnit = assets.sorted();
  const codeByUnit = assets.sortedCode();
  const manifest = relativePosix(project.root, project.packageJson.path);
  const graph = embeddedCodeGraph(project, [...codeByUnit.values()].flat(), imports);
  const units = trimmed.map((unit) => {
    const embedded = byUnit.get(unit.id);
    const withAssets = embedded && embedded.length > 0 ? { ...unit, assets: [...new Set([...(unit.assets ?? []), ...embedded])].sort(compareStrings) } : unit;
    return withEmbeddedCode(withAssets, codeByUnit.get(unit.id) ?? [], graph, { ownedBy, isSource: (file) => sources.sourceFiles.has(file), manifest });
  });
  const conflicts = staticFolderConflicts(statics.staticUnits, units.map((u) => u.id));
  const diagnostics = [...statics.diagnostics, ...taken, ...conflicts, ...embedDiagnostics, ...readDiagnostics, ...assets.diagnostics()];
  return { units, staticUnits: statics.staticUnits, progress: assets.progress, diagnostics };
}

/**
 * The import graph of the analysis, with the imports of the embedded TypeScript files (`code`) and of what
 * they reach that the analysis never ran, read from their text (embeddedImportGraph).
 */
function embeddedCodeGraph(project: Project, code: readonly string[], imports: ReadonlyMap<string, readonly string[]>): ReadonlyMap<string, readonly string[]> {
  if (code.length === 0) return imports;
  const texts = new Map(project.files.map((file) => [file.path, file.text]));
  return embeddedImportGraph(code, imports, (file) => texts.get(file), projectResolver(project));
}

/** What withEmbeddedCode needs to know of the project's files. */
interface EmbeddedCodeContext {
  readonly ownedBy: (file: string) => string | undefined;
  readonly isSource: (file: string) => boolean;
  /** The project's package.json (project-relative), whose place the unit's own takes. */
  readonly manifest: string;
}

/**
 * `unit` with the TypeScript files `@klotho::embed_assets` gave it as code, and the modules they import
 * (but other units' own), so the transform compiles them like the unit's other TypeScript; the JSON
 * modules they import are assets, copied at their project paths as the unit's own code's are.
 */
function withEmbeddedCode(unit: Unit, code: readonly string[], imports: ReadonlyMap<string, readonly string[]>, { ownedBy, isSource, manifest }: EmbeddedCodeContext): Unit {
  if (code.length === 0) return unit;
  const reached = importClosure(code, imports, ownedBy, unit.id);
  const data = reached.filter((file) => !isSource(file) && file !== manifest && !isGeneratedUnitPath(file));
  const files = [...new Set([...unit.files, ...reached.filter(isSource)])].sort(compareStrings);
  return { ...unit, files, ...(data.length > 0 ? { assets: [...new Set([...(unit.assets ?? []), ...data])].sort(compareStrings) } : {}) };
}

/**
 * A static unit's `static_files` that an execution unit's code needs (its entrypoint, a file or JSON
 * module it imports): an error at the static unit, or the unit would lose its code and the site would
 * publish it.
 */
function codeTakenByStaticUnits(staticUnits: readonly StaticUnit[], units: readonly Unit[]): Diagnostic[] {
  return staticUnits.flatMap((site) => {
    const own = new Set(site.staticOnly);
    return units.flatMap((unit) => {
      const needed = [...unit.files, ...(unit.assets ?? [])].filter((file) => own.has(file));
      if (needed.length === 0) return [];
      const named = namedList(needed);
      return [createDiagnostic("static-unit/takes-unit-code", { range: site.annotation.range, annotation: { text: site.annotation.text, range: site.annotation.range } }, site.id, named, unit.id)];
    });
  });
}

/** The units the code of `file` runs in: every unit whose folder holds it, else its owner. */
function unitsHolding(file: string, units: readonly Unit[], ownedBy: (file: string) => string | undefined): string[] {
  const holding = units.filter((u) => u.files.includes(file)).map((u) => u.id);
  if (holding.length > 0) return holding;
  const owner = ownedBy(file);
  return owner !== undefined && units.some((u) => u.id === owner) ? [owner] : [];
}
