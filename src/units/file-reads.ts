import { createDiagnostic, type Diagnostic, type DiagnosticExtras } from "../diagnostics/diagnostic.js";
import type { Fact, FactOf } from "../facts/index.js";
import type { AssetSet } from "./asset-set.js";
import type { Unit } from "./unit.js";

/**
 * Most files a folder read copies by itself. A larger folder (a data set, the project root listed
 * with `readdirSync(__dirname)`) is a warning and is not copied: it would bloat every unit reading
 * it, often past Lambda's size limit, for files the code may never open; `@klotho::embed_assets`
 * copies any number, on purpose.
 */
export const FOLDER_READ_LIMIT = 1000;

/** What the file reads need to know about the project and its units. */
export interface ReadContext {
  /** Every project file (source or not), sorted. */
  readonly files: readonly string[];
  readonly units: readonly Unit[];
  /** The units whose folder holds a file. */
  readonly unitsHolding: (file: string) => readonly string[];
  /** Ids of the persisted objects (a persisted fs/promises import's paths are keys in a store, not files). */
  readonly persisted: ReadonlySet<string>;
}

/**
 * The files the code reads at run time (`file_read` facts) become assets of every unit whose folder
 * holds the reading file, copied like `@klotho::embed_assets` matches: the file, or every file in
 * the folder but the unit's own code. A read outside the project, or of nothing the project holds,
 * is a warning at the call (a probe such as `existsSync` expects a missing file, and is silent).
 */
export function carryReadFiles(facts: readonly Fact[], context: ReadContext, into: AssetSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const read of facts.filter((f): f is FactOf<"file_read"> => f.kind === "file_read")) {
    if (read.store !== undefined && context.persisted.has(read.store)) continue;
    const units = context.unitsHolding(read.range.file);
    if (units.length === 0) continue;
    const at = { range: read.range };
    if (read.path === ".." || read.path.startsWith("../")) {
      diagnostics.push(createDiagnostic("files/read-outside-project", at, read.method, read.path));
      continue;
    }
    const found = filesRead(read, context.files);
    if (found.kind === "missing") {
      if (!read.probe) diagnostics.push(createDiagnostic("files/read-missing", at, read.method, read.path, read.folder));
    } else if (found.files.length > FOLDER_READ_LIMIT) {
      diagnostics.push(createDiagnostic("files/read-folder-too-large", at, read.method, read.path, found.files.length, FOLDER_READ_LIMIT));
    } else {
      for (const unit of units) addToUnit(unit, found.files, context.units, into, at);
    }
  }
  return diagnostics;
}

/** The project files a read takes: the file, or those in the folder; a file read naming a folder takes none. */
function filesRead(read: FactOf<"file_read">, files: readonly string[]): { kind: "missing" } | { kind: "found"; files: readonly string[] } {
  const prefix = read.path === "." ? "" : `${read.path}/`;
  if (!read.folder) {
    if (files.includes(read.path)) return { kind: "found", files: [read.path] };
    return files.some((file) => file.startsWith(prefix)) ? { kind: "found", files: [] } : { kind: "missing" };
  }
  const inside = files.filter((file) => file.startsWith(prefix));
  return inside.length > 0 ? { kind: "found", files: inside } : { kind: "missing" };
}

/** Adds the files a unit does not carry yet (as code or as an asset) to its assets. */
function addToUnit(unitId: string, files: readonly string[], units: readonly Unit[], into: AssetSet, at: DiagnosticExtras): void {
  const unit = units.find((u) => u.id === unitId);
  const carried = new Set([...(unit?.files ?? []), ...(unit?.assets ?? [])]);
  for (const file of files) if (!carried.has(file)) into.add(unitId, file, at);
}
