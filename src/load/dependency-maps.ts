import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { DEPENDENCY_FIELDS, type DependencyField } from "../util/dependency-maps.js";
import { isRecord } from "../util/records.js";
import { locateInJsonc } from "./json-file.js";

/**
 * `project/invalid-dependencies` for each dependency map of the package.json `file` (named `shown` in
 * messages, its contents `data`) that is not an object mapping package names to version strings, at the
 * value: read as it is, such a map would silently give the units none of its packages.
 */
export function checkDependencyMaps(file: string, shown: string, data: Readonly<Record<string, unknown>>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (at: readonly string[], field: DependencyField, problem: string): void => {
    diagnostics.push(createDiagnostic("project/invalid-dependencies", { range: locateInJsonc(file, shown, at) }, shown, field, problem));
  };
  for (const field of DEPENDENCY_FIELDS) {
    const map = data[field];
    if (map === undefined) continue;
    if (!isRecord(map)) {
      report([field], field, `is ${kindOf(map)}`);
      continue;
    }
    for (const [name, version] of Object.entries(map)) if (typeof version !== "string") report([field, name], field, `gives '${name}' ${kindOf(version)} as its version`);
  }
  return diagnostics;
}

/** What a JSON value is, for a message: `a list`, `a number`, `null`. */
function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
