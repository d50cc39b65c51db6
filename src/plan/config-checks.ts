import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DraftResource } from "../engine/index.js";
import type { ConfigFile } from "../load/config.js";
import type { ProviderTypeTable } from "../load/provider-types.js";
import { compareStrings } from "../util/compare.js";
import { CONFIG_KINDS, overridesOf, type ConfigKind, type OverrideSection } from "./config-kinds.js";
import { findType, validTypesText } from "../load/type-table.js";

const SECTIONS: readonly OverrideSection[] = ["execution_units", "exposed", "persisted", "pubsub", "static_unit"];

/**
 * Checks the types klotho.yaml names in `defaults`: an unknown type (or one of another kind) is an
 * error; a `pulumi_params_by_type` entry for such a type is a warning, since its params are unused.
 */
export function checkDefaultTypes(configFile: ConfigFile, table: ProviderTypeTable): Diagnostic[] {
  const defaults = configFile.config.defaults ?? {};
  return CONFIG_KINDS.flatMap((entry) => {
    const kindDefaults = entry.readDefaults(defaults);
    if (!kindDefaults) return [];
    const diagnostics: Diagnostic[] = [];
    if (kindDefaults.type !== undefined && !findType(table, entry.kind, kindDefaults.type)) {
      diagnostics.push(unknownType(configFile, [...entry.defaultsPath, "type"], kindDefaults.type, entry.label, table, entry.kind));
    }
    for (const type of Object.keys(kindDefaults.pulumi_params_by_type ?? {}).sort()) {
      if (findType(table, entry.kind, type)) continue;
      const range = configFile.document.locate([...entry.defaultsPath, "pulumi_params_by_type", type], true);
      diagnostics.push(createDiagnostic("config/unknown-params-type", { range }, type, entry.label, validTypesText(table, entry.kind)));
    }
    return diagnostics;
  });
}

/**
 * Checks the per-id sections: an id that matches no resource of the section is a warning; a type
 * that is not one of the matched resource's kind is an error; environment variables outside
 * `execution_units` are a warning (the schema accepts them, so an earlier compiled klotho.yaml that
 * echoed them still loads).
 */
export function checkOverrides(configFile: ConfigFile, resources: readonly DraftResource[], table: ProviderTypeTable): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const section of SECTIONS) {
    for (const [id, override] of Object.entries(overridesOf(configFile.config, section)).sort(([a], [b]) => compareStrings(a, b))) {
      const matches = resources.filter((resource) => resource.name === id && sectionOf(resource.kind) === section);
      if (matches.length === 0) {
        const range = configFile.document.locate([section, id], true);
        diagnostics.push(createDiagnostic("config/unknown-id", { range }, section, id));
        continue;
      }
      if (section !== "execution_units" && override?.environment_variables !== undefined) {
        const range = configFile.document.locate([section, id, "environment_variables"], true);
        diagnostics.push(createDiagnostic("config/environment-not-unit", { range }, section, id));
      }
      const type = override?.type;
      for (const resource of matches) {
        if (type === undefined || findType(table, resource.kind, type)) continue;
        diagnostics.push(unknownType(configFile, [section, id, "type"], type, resource.id, table, resource.kind));
      }
    }
  }
  return diagnostics;
}

function sectionOf(kind: string): OverrideSection | undefined {
  return CONFIG_KINDS.find((entry: ConfigKind) => entry.kind === kind)?.section;
}

function unknownType(configFile: ConfigFile, path: readonly string[], type: string, what: string, table: ProviderTypeTable, kind: string): Diagnostic {
  const range = configFile.document.locate(path);
  return createDiagnostic("config/unknown-type", { range }, type, what, validTypesText(table, kind));
}
