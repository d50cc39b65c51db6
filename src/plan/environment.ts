import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DraftResource } from "../engine/index.js";
import { compareStrings } from "../util/compare.js";
import type { Edge } from "./plan.js";

/**
 * Gives each execution unit the environment variables of the resources it has an edge to. A
 * persist annotation's `DB_URL = "orm.connection_string"` becomes
 * `DB_URL: "persist_orm:db#connection_string"` on every unit with an edge to `persist_orm:db`: the
 * units whose folders hold the annotated file (the engine makes those uses) and the units that use
 * the store, which load the annotated code too. Derived here, like gateway edges, because
 * json-rules-engine has no "for each". The same name from two resources for one unit is an error
 * at the second resource.
 */
export function attachEnvironment(resources: ReadonlyMap<string, DraftResource>, edges: readonly Edge[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const byUnit = new Map<DraftResource, Map<string, { value: string; from: string }>>();
  for (const edge of edges) {
    const unit = resources.get(edge.source);
    const target = resources.get(edge.target);
    if (unit?.kind !== "exec_unit" || !target) continue;
    const variables = byUnit.get(unit) ?? new Map<string, { value: string; from: string }>();
    byUnit.set(unit, variables);
    for (const [name, value] of variablesOf(target)) {
      const known = variables.get(name);
      if (!known) variables.set(name, { value, from: target.id });
      else if (known.value !== value) diagnostics.push(createDiagnostic("plan/environment-conflict", { range: target.source[0] }, unit.name, name, known.from, target.id));
    }
  }
  for (const [unit, variables] of byUnit) {
    if (variables.size === 0) continue;
    const sorted = [...variables].sort(([a], [b]) => compareStrings(a, b));
    unit.environment_variables = Object.fromEntries(sorted.map(([name, { value }]) => [name, value]));
  }
  return diagnostics;
}

/**
 * The variables a resource's `[environment_variables]` directive names: `<short kind>.<attribute>`
 * values whose kind is the resource's own (`orm` for `persist_orm`); the engine has reported the rest.
 */
function variablesOf(resource: DraftResource): [string, string][] {
  const table = resource.directives["environment_variables"];
  if (table === null || typeof table !== "object") return [];
  const variables: [string, string][] = [];
  for (const [name, value] of Object.entries(table)) {
    if (typeof value !== "string") continue;
    const dot = value.indexOf(".");
    if (dot > 0 && `persist_${value.slice(0, dot)}` === resource.kind) variables.push([name, `${resource.id}#${value.slice(dot + 1)}`]);
  }
  return variables;
}
