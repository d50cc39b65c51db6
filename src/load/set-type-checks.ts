import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceRange } from "../util/source-range.js";
import type { ProviderTypeTable } from "./provider-types.js";
import type { LoadedRule } from "./rule-file.js";
import { allTypesText, findType, validTypesText } from "./type-table.js";

/** The rule behind a set-type, as messages name it: its id, its file, and where it writes the type. */
export interface TypeSetter {
  readonly ruleId: string;
  readonly ruleFile: string;
  readonly range?: SourceRange | undefined;
}

/**
 * A rule's set-type to a type no kind of the provider has, which can never apply: refused when the
 * rule file loads, at the type. A type of some kind passes (the kind of the resources the rule will
 * meet is known only when it fires), and so does a type taken from a fact.
 */
export function checkSetTypeName(rule: LoadedRule, table: ProviderTypeTable): Diagnostic[] {
  const type = rule.event.params["type"];
  if (rule.event.type !== "set-type" || typeof type !== "string") return [];
  if (table.types.some((entry) => entry.type === type)) return [];
  const range = rule.locate(["event", "params", "type"]);
  return [createDiagnostic("rule-file/unknown-type", { range }, type, table.provider, allTypesText(table))];
}

/**
 * The error for a set-type giving a resource of `kind` a type that is not one of its kind's
 * (`rule/unknown-type`), or undefined when the kind has the type. The compile reports it for the
 * resources of the plan, `klotho rules test` for the resource of a case.
 */
export function checkSetTypeKind(setter: TypeSetter, type: string, kind: string, table: ProviderTypeTable): Diagnostic | undefined {
  if (findType(table, kind, type)) return undefined;
  const { ruleId, ruleFile, range } = setter;
  return createDiagnostic("rule/unknown-type", { range, ruleId }, ruleId, ruleFile, type, kind, validTypesText(table, kind));
}
