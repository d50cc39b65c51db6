import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ProviderType, ProviderTypeTable } from "../generated/provider-types.js";
import { klothoHome } from "./package-assets.js";
import { schemaValidator, type SchemaViolation } from "./schemas.js";
import { parseLocatedYaml, type LocatedYaml } from "./yaml-document.js";

export type { ProviderType, ProviderTypeTable } from "../generated/provider-types.js";

/** What reading a provider's type table produced. */
export interface TypeTableResult {
  readonly typeTable?: ProviderTypeTable;
  readonly diagnostics: Diagnostic[];
}

/** Reads and validates `providers/<provider>/types.yaml` (from klotho's own install unless `home` is given). */
export function readTypeTable(provider: string, home: string = klothoHome): TypeTableResult {
  const display = `providers/${provider}/types.yaml`;
  const file = path.join(home, display);
  if (!existsSync(file)) return { diagnostics: [createDiagnostic("provider-types/invalid", {}, `${display} does not exist`)] };
  return parseTypeTable(display, readFileSync(file, "utf8"));
}

/** Parses and validates the text of a type table; `(type, kind)` pairs must be unique. */
export function parseTypeTable(file: string, text: string): TypeTableResult {
  const document = parseLocatedYaml(file, text);
  if (document.syntaxErrors.length > 0) {
    return { diagnostics: document.syntaxErrors.map((e) => createDiagnostic("provider-types/invalid", { range: e.range }, e.message)) };
  }
  const value = document.value;
  const violations = schemaValidator("provider-types")(value);
  if (!isTypeTable(value, violations)) {
    const diagnostics = violations.map((v) =>
      createDiagnostic("provider-types/invalid", { range: document.locate(v.path, v.atKey) }, v.message),
    );
    return { diagnostics };
  }
  const duplicates = duplicateEntries(value.types, document);
  return duplicates.length > 0 ? { diagnostics: duplicates } : { typeTable: value, diagnostics: [] };
}

/** The schema validated `value`; this predicate only tells TypeScript so. */
function isTypeTable(value: unknown, violations: readonly SchemaViolation[]): value is ProviderTypeTable {
  return violations.length === 0 && typeof value === "object" && value !== null;
}

function duplicateEntries(types: readonly ProviderType[], document: LocatedYaml): Diagnostic[] {
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const [index, entry] of types.entries()) {
    const key = `${entry.type} ${entry.kind}`;
    if (seen.has(key)) {
      const detail = `type '${entry.type}' is listed twice for kind '${entry.kind}'`;
      diagnostics.push(createDiagnostic("provider-types/invalid", { range: document.locate(["types", index]) }, detail));
    }
    seen.add(key);
  }
  return diagnostics;
}
