import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceRange } from "../util/source-range.js";
import type { ProviderTypeTable } from "./provider-types.js";
import { findType, validTypesText } from "./type-table.js";

/** The rule behind a set-type, as messages name it: its id, its file, and where it writes the type. */
export interface TypeSetter {
  readonly ruleId: string;
  readonly ruleFile: string;
  readonly range?: SourceRange | undefined;
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
