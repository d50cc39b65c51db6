import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact, FactOf } from "../facts/index.js";
import type { Resource } from "../plan/index.js";
import { persistedObjectIds } from "../units/index.js";
import { compareStrings } from "../util/compare.js";

/**
 * Writes into a Lambda unit's own folder (`file_write` facts: fs calls, multer's upload folder): the
 * function's code folder (/var/task) is read-only, so the call fails with EROFS in the cloud, or, for
 * multer, the module making the folder fails to load. A warning at the call, naming the Lambda units
 * whose folder holds the writing file; a write through a persisted fs/promises import goes to its
 * bucket, and a path outside the project (or absolute, such as /tmp) is not the unit's folder.
 */
export function readOnlyWrites(units: readonly Resource[], annotations: readonly Annotation[], facts: readonly Fact[]): Diagnostic[] {
  const lambdas = units.filter((unit) => unit.kind === "exec_unit" && unit.type === "lambda");
  if (lambdas.length === 0) return [];
  const persisted = persistedObjectIds(annotations, facts);
  const reported = new Map<string, Diagnostic>();
  for (const write of facts.filter((f): f is FactOf<"file_write"> => f.kind === "file_write")) {
    if ((write.store !== undefined && persisted.has(write.store)) || write.path === ".." || write.path.startsWith("../")) continue;
    const holding = lambdas.filter((unit) => unit.files?.includes(write.range.file)).map((unit) => unit.name).sort(compareStrings);
    const key = `${write.range.file}\u0000${String(write.range.start.offset)}\u0000${write.path}`;
    if (holding.length > 0 && !reported.has(key)) reported.set(key, createDiagnostic("files/write-read-only", { range: write.range }, write.method, write.path, holding));
  }
  return [...reported.values()];
}
