import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DraftResource } from "../engine/index.js";
import type { ProviderTypeTable } from "../load/provider-types.js";
import type { LoadedRule } from "../load/rules.js";
import { formatLocation } from "../util/source-range.js";
import { findType, validTypesText } from "./type-table.js";

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
  for (const resource of resources) {
    if (resource.type === "") {
      diagnostics.push(createDiagnostic("plan/no-type", { range: resource.source[0] }, resource.id, resource.kind));
      continue;
    }
    if (findType(table, resource.kind, resource.type)) continue;
    const decision = resource.provenance.findLast((d) => d.event.type === "set-type");
    const rule = rules.find((r) => r.id === decision?.ruleId);
    const range = rule ? rule.locate(["event", "params", "type"]) : resource.source[0];
    const ruleId = decision?.ruleId ?? "";
    const ruleFile = decision?.ruleFile ?? "";
    const valid = validTypesText(table, resource.kind);
    diagnostics.push(createDiagnostic("rule/unknown-type", { range, ruleId }, ruleId, ruleFile, resource.type, resource.kind, valid));
  }
  return diagnostics;
}
