import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DraftResource } from "../engine/index.js";
import type { ProviderTypeTable } from "../load/provider-types.js";
import type { LoadedRule } from "../load/rules.js";
import { checkSetTypeKind } from "../load/set-type-checks.js";
import { findType } from "../load/type-table.js";
import { formatLocation } from "../util/source-range.js";

/** Two persisted resources (of any kinds) with the same name: klotho.yaml's `persisted` could not tell them apart. */
export function duplicatePersists(resources: readonly DraftResource[]): Diagnostic[] {
  const first = new Map<string, DraftResource>();
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    if (!resource.kind.startsWith("persist_")) continue;
    const earlier = first.get(resource.name);
    if (!earlier) {
      first.set(resource.name, resource);
      continue;
    }
    const earlierRange = earlier.source[0];
    const other = earlierRange ? `${formatLocation(earlierRange)} (${earlier.id})` : earlier.id;
    const related = earlierRange ? [{ message: `${earlier.id} is declared here`, range: earlierRange }] : [];
    diagnostics.push(createDiagnostic("plan/duplicate-persist", { range: resource.source[0], related }, resource.name, other));
  }
  return diagnostics;
}

/**
 * Every resource needs a type of its kind. A missing one is reported at the resource; a wrong one at
 * the rule that set it (klotho.yaml types were checked before they applied).
 */
export function checkTypes(resources: readonly DraftResource[], table: ProviderTypeTable, rules: readonly LoadedRule[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const resource of resources) {
    if (resource.type === "") {
      diagnostics.push(createDiagnostic("plan/no-type", { range: resource.source[0] }, resource.id, resource.kind));
      continue;
    }
    if (findType(table, resource.kind, resource.type)) continue;
    const decision = resource.provenance.findLast((d) => d.event.type === "set-type");
    const ruleId = decision?.ruleId ?? "";
    // Once per rule, type and kind: a rule setting one wrong type on every unit is one mistake, at one place.
    const key = `${ruleId}\u0000${resource.type}\u0000${resource.kind}`;
    if (reported.has(key)) continue;
    reported.add(key);
    // Located only for a wrong type: finding a place in a rule file reads its YAML document again.
    const rule = rules.find((r) => r.id === decision?.ruleId);
    const range = rule ? rule.locate(["event", "params", "type"]) : resource.source[0];
    const unknown = checkSetTypeKind({ ruleId, ruleFile: decision?.ruleFile ?? "", range }, resource.type, resource.kind, table);
    if (unknown) diagnostics.push(unknown);
  }
  return diagnostics;
}

/**
 * Every route must be served by an execution unit of the plan. Routes the code exposes always are; a
 * rule's add-routes naming another unit is an error at the rule (the gateway would route to nothing).
 */
export function checkRoutes(resources: readonly DraftResource[], rules: readonly LoadedRule[]): Diagnostic[] {
  const units = new Set(resources.filter((r) => r.kind === "exec_unit").map((r) => r.name));
  const diagnostics: Diagnostic[] = [];
  for (const resource of resources) {
    for (const route of resource.routes) {
      if (units.has(route.unit)) continue;
      const decision = resource.provenance.findLast((d) => d.event.type === "add-routes" && JSON.stringify(d.event.params["routes"] ?? null).includes(JSON.stringify(route.unit)));
      const rule = rules.find((r) => r.id === decision?.ruleId);
      const range = rule ? rule.locate(["event", "params", "routes"]) : resource.source[0];
      const added = decision ? ` (added by rule ${decision.ruleId}, ${decision.ruleFile})` : "";
      diagnostics.push(createDiagnostic("plan/unknown-route-unit", { range, ...(decision ? { ruleId: decision.ruleId } : {}) }, `${route.method} ${route.path}`, resource.id, route.unit, added, [...units].sort().join(", ") || "none"));
    }
  }
  return diagnostics;
}
