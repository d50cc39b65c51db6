import { createDiagnostic, type Diagnostic, type DiagnosticExtras } from "../diagnostics/diagnostic.js";
import type { Fact, FactOf } from "../facts/index.js";
import type { AssetSet } from "./asset-set.js";
import { compareStrings } from "../util/compare.js";
import type { Unit } from "./unit.js";
import { isTypeScriptFile } from "../util/typescript-files.js";

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
  /** The project's source files that a unit may carry as they are, when a folder read lists them (see {@link plainCode}). */
  readonly plainCode: ReadonlySet<string>;
  /** Every project source file. */
  readonly sourceFiles: ReadonlySet<string>;
}

/**
 * The source files a folder read may copy into a unit as they are: plain JavaScript no unit owns,
 * with no `@klotho::` annotation. Code of another unit, annotated code (a persisted Map) or
 * TypeScript (which does not run as written) copied byte for byte would run unanalysed and
 * unrewritten: another unit's routes served with an in-memory store, a .ts file Node cannot load.
 */
export function plainCode(files: readonly { readonly path: string; readonly text: string }[], ownedBy: (file: string) => string | undefined): Set<string> {
  const plain = files.filter((file) => ownedBy(file.path) === undefined && !file.text.includes("@klotho::") && !isTypeScriptFile(file.path));
  return new Set(plain.map((file) => file.path));
}

/**
 * The files the code reads at run time (`file_read` facts) become assets of every unit whose folder
 * holds the reading file, copied like `@klotho::embed_assets` matches: the file, or every file in
 * the folder but the unit's own code, and of its source files only {@link plainCode} (the others are
 * a warning at the call, naming them, unless the reading file loads them: the analysis followed that).
 * A module the reading file loads is never copied: the unit carries it as code, or it is another unit's.
 * A read outside the project, or of nothing the project holds,
 * is a warning at the call (a probe such as `existsSync` expects a missing file, and is silent).
 */
export function carryReadFiles(facts: readonly Fact[], context: ReadContext, into: AssetSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const loads = computedLoads(facts);
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
      const followed = loads.get(read.range.file) ?? new Set<string>();
      const leftOut = new Map(units.map((unit) => [unit, addToUnit(unit, found.files, followed, context, into, at)]));
      for (const [files, lacking] of unitsByFilesLeftOut(leftOut)) diagnostics.push(createDiagnostic("files/folder-code-left-out", at, read.method, read.path, lacking, files));
    }
  }
  return diagnostics;
}

/**
 * For each file, the modules it loads by a specifier it computes, as the analysis followed them (`import`
 * facts: each entry of a folder listing it requires): whichever unit runs them, their routes go there and
 * their code is carried by the import graph, so a folder read leaving them out of another unit is no loss.
 */
function computedLoads(facts: readonly Fact[]): Map<string, Set<string>> {
  const loads = new Map<string, Set<string>>();
  for (const fact of facts) {
    if (fact.kind !== "import" || fact.resolved === undefined) continue;
    const loaded = loads.get(fact.range.file);
    if (loaded) loaded.add(fact.resolved);
    else loads.set(fact.range.file, new Set([fact.resolved]));
  }
  return loads;
}

/**
 * The units that left files out, grouped by the files they left out (sorted): a unit that carries a file
 * already, as its code (the unit owning it) or through an import, is not named for it.
 */
function unitsByFilesLeftOut(leftOut: ReadonlyMap<string, readonly string[]>): [files: string[], units: string[]][] {
  const groups = new Map<string, [files: string[], units: string[]]>();
  for (const [unit, files] of leftOut) {
    if (files.length === 0) continue;
    const sorted = [...files].sort(compareStrings);
    const key = sorted.join("\n");
    const group = groups.get(key);
    if (group) group[1].push(unit);
    else groups.set(key, [sorted, [unit]]);
  }
  return [...groups.values()];
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

/**
 * Adds the files a unit does not carry yet (as code or as an asset) to its assets, but for source
 * files that are not plain code (another unit's, annotated, TypeScript): those it returns. A module the
 * reading file loads (`followed`) that the unit does not carry as code is neither: the import graph gave it
 * to another unit, and a copy would make the listing load it here, its own imports missing, where the
 * rewritten load (`loadOrOtherUnit`) would stand in for it.
 */
function addToUnit(unitId: string, files: readonly string[], followed: ReadonlySet<string>, context: ReadContext, into: AssetSet, at: DiagnosticExtras): string[] {
  const unit = context.units.find((u) => u.id === unitId);
  const carried = new Set([...(unit?.files ?? []), ...(unit?.assets ?? [])]);
  const leftOut: string[] = [];
  for (const file of files.filter((f) => !carried.has(f) && !followed.has(f))) {
    if (context.sourceFiles.has(file) && !context.plainCode.has(file)) leftOut.push(file);
    else into.add(unitId, file, at);
  }
  return leftOut;
}
