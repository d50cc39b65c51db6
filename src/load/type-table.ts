import type { ProviderType, ProviderTypeTable } from "./provider-types.js";
import { sortedBy } from "../util/compare.js";

/** The types the provider offers for `kind`, sorted by name. */
export function typesOfKind(table: ProviderTypeTable, kind: string): ProviderType[] {
  return sortedBy(
    table.types.filter((entry) => entry.kind === kind),
    (entry) => entry.type,
  );
}

/** The table entry for `type` as an implementation of `kind`. */
export function findType(table: ProviderTypeTable, kind: string, type: string): ProviderType | undefined {
  return table.types.find((entry) => entry.kind === kind && entry.type === type);
}

/** The valid types of `kind` for messages: `ecs, eks, lambda`, or `none`. */
export function validTypesText(table: ProviderTypeTable, kind: string): string {
  const names = typesOfKind(table, kind).map((entry) => entry.type);
  return names.length > 0 ? names.join(", ") : "none";
}
