import type { ProviderType, ProviderTypeTable } from "./provider-types.js";
import { sortedBy } from "../util/compare.js";
import { groupBy } from "../util/lists.js";

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

/** Every type of the provider for messages, each with the kinds it implements: `ecs (exec_unit), s3 (persist_fs, static_unit)`. */
export function allTypesText(table: ProviderTypeTable): string {
  const kinds = groupBy(sortedBy(table.types, (e) => `${e.type}\u0000${e.kind}`), (entry) => entry.type);
  return [...kinds].map(([type, entries]) => `${type} (${entries.map((entry) => entry.kind).join(", ")})`).join(", ");
}
