import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact, FactOf } from "../facts/index.js";
import type { Resource } from "../plan/index.js";
import { persistedObjectIds } from "../units/index.js";
import { compareStrings } from "../util/compare.js";
import { holdersByFile } from "../util/lists.js";

/**
 * Writes into a Lambda unit's own folder (`file_write` facts: fs calls, multer's upload folder): the
 * function's code folder (/var/task) is read-only, so the call fails with EROFS in the cloud, or, for
 * multer, the module making the folder fails to load. A warning at the call, naming the Lambda units
 * whose folder holds the writing file; a write through a persisted fs/promises import goes to its
 * bucket, and a path outside the project (or absolute, such as /tmp) is not the unit's folder. A
 * recursive mkdir of a folder the unit carries succeeds, as does multer's (its uploads then fail, a
 * warning of its own), and code that runs only outside production (the image sets NODE_ENV) is not run.
 */
export function readOnlyWrites(units: readonly Resource[], annotations: readonly Annotation[], facts: readonly Fact[]): Diagnostic[] {
  const lambdas = units.filter((unit) => unit.kind === "exec_unit" && unit.type === "lambda");
  if (lambdas.length === 0) return [];
  const persisted = persistedObjectIds(annotations, facts);
  const lambdasHolding = holdersByFile([...lambdas].sort((a, b) => compareStrings(a.name, b.name)), (unit) => unit.files ?? []);
  const reported = new Map<string, Diagnostic>();
  for (const write of facts.filter((f): f is FactOf<"file_write"> => f.kind === "file_write")) {
    if (write.development === true || (write.store !== undefined && persisted.has(write.store)) || write.path === ".." || write.path.startsWith("../")) continue;
    const holding = lambdasHolding.get(write.range.file) ?? [];
    const key = `${write.range.file}\u0000${String(write.range.start.offset)}\u0000${write.path}`;
    const diagnostic = holding.length > 0 && !reported.has(key) ? writeDiagnostic(write, holding) : undefined;
    if (diagnostic) reported.set(key, diagnostic);
  }
  return [...reported.values()];
}

/**
 * The warning at a write into the folders of the Lambda units `holding` the writing file. A folder-making
 * call (a recursive mkdir, multer's) fails only in the units that do not carry the folder; when every unit
 * carries multer's folder, it is the uploads that fail.
 */
function writeDiagnostic(write: FactOf<"file_write">, holding: readonly Resource[]): Diagnostic | undefined {
  const makesFolder = write.recursive === true || write.method.startsWith("multer");
  const missing = makesFolder ? holding.filter((unit) => !carriesFolder(unit, write.path)) : holding;
  const names = (list: readonly Resource[]): string[] => list.map((unit) => unit.name);
  if (missing.length > 0) return createDiagnostic("files/write-read-only", { range: write.range }, write.method, write.path, names(missing));
  return write.method.startsWith("multer") ? createDiagnostic("files/upload-read-only", { range: write.range }, write.method, write.path, names(holding)) : undefined;
}

/** True when the unit carries a file under `folder` (its code or assets), so the folder exists in its code folder; the root always does. */
function carriesFolder(unit: Resource, folder: string): boolean {
  const prefix = `${folder}/`;
  return folder === "." || [...(unit.files ?? []), ...(unit.assets ?? [])].some((file) => file.startsWith(prefix));
}
