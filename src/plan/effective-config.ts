import type { KindDefaults, KlothoConfig, Override, Overrides } from "../generated/klotho-config.js";
import type { ConfigFile } from "../load/config.js";
import type { Inputs } from "../load/inputs.js";
import type { ProviderTypeTable } from "../load/provider-types.js";
import { sortedBy } from "../util/compare.js";
import { pushTo } from "../util/lists.js";
import { relativePosix } from "../util/paths.js";
import { emitYaml } from "../util/yaml-emit.js";
import { yamlLibrary } from "../util/yaml-library.js";
import { CONFIG_KINDS, configKindOf, type ConfigDefaults, type OverrideSection } from "./config-kinds.js";
import type { Plan, Resource } from "./plan.js";
import { findType, typesOfKind } from "../load/type-table.js";

/** The parts of the effective klotho.yaml the plan decides: defaults for every kind, one entry per resource. */
export type EffectiveSections = Pick<KlothoConfig, "defaults" | OverrideSection>;

/** What the effective defaults are made of. */
export interface EffectiveInput {
  readonly typeTable: ProviderTypeTable;
  readonly configFile?: ConfigFile;
  /** The type provider rules choose per kind (see probeDefaultTypes). */
  readonly defaultTypes: ReadonlyMap<string, string>;
}

/**
 * `defaults.<kind>` for every kind (type, and params for every type of the kind: the type table's
 * merged with klotho.yaml's), then per resource its type, params and environment variables.
 */
export function buildEffectiveSections(plan: Plan, input: EffectiveInput): EffectiveSections {
  const userDefaults = input.configFile?.config.defaults ?? {};
  const defaults: ConfigDefaults = {};
  for (const entry of CONFIG_KINDS) {
    const user = entry.readDefaults(userDefaults);
    const userType = user?.type !== undefined && findType(input.typeTable, entry.kind, user.type) ? user.type : undefined;
    const type = userType ?? input.defaultTypes.get(entry.kind);
    const byType = Object.fromEntries(
      typesOfKind(input.typeTable, entry.kind).map((t) => [t.type, { ...t.params, ...user?.pulumi_params_by_type?.[t.type] }]),
    );
    const kindDefaults: KindDefaults = { ...(type !== undefined ? { type } : {}), pulumi_params_by_type: byType };
    entry.writeDefaults(defaults, kindDefaults);
  }
  return { defaults, ...resourceSections(plan.resources, input.configFile) };
}

function resourceSections(resources: readonly Resource[], configFile: ConfigFile | undefined): Partial<Record<OverrideSection, Overrides>> {
  const entries = new Map<OverrideSection, [string, Override][]>();
  for (const resource of sortedBy(resources, (r) => r.name)) {
    const section = configKindOf(resource.kind)?.section;
    if (!section) continue;
    // Only execution units receive environment variables; elsewhere they were ignored with a warning.
    const environment = section === "execution_units" ? configFile?.config[section]?.[resource.name]?.environment_variables : undefined;
    const entry: Override = {
      type: resource.type,
      ...(Object.keys(resource.params).length > 0 ? { pulumi_params: { ...resource.params } } : {}),
      ...(environment ? { environment_variables: environment } : {}),
    };
    pushTo(entries, section, [resource.name, entry]);
  }
  const ordered: Partial<Record<OverrideSection, Overrides>> = {};
  for (const section of SECTION_ORDER) {
    const list = entries.get(section);
    // A later resource of the same name takes the earlier one's place, where the first one was.
    if (list) ordered[section] = Object.fromEntries(list);
  }
  return ordered;
}

const SECTION_ORDER: readonly OverrideSection[] = ["execution_units", "exposed", "persisted", "pubsub", "static_unit"];

/** The effective configuration: the compile's settings, then the sections the plan decided. */
export function effectiveConfig(inputs: Pick<Inputs, "project" | "settings">, sections: EffectiveSections = {}): KlothoConfig {
  const { settings, project } = inputs;
  // The file is written to the out dir: `path` and `rules` are relative to it, `out_dir` to the project.
  const rules = settings.rulePaths.map((rulePath) => relativePosix(settings.outDir, rulePath) || ".");
  return {
    app: settings.app,
    provider: settings.provider,
    path: relativePosix(settings.outDir, project.root) || ".",
    out_dir: relativePosix(project.root, settings.outDir) || ".",
    ...(rules.length > 0 ? { rules } : {}),
    ...sections,
  };
}

/** `compiled/klotho.yaml`: the configuration in force for this compile; `klotho -c compiled/klotho.yaml` reproduces it. */
export function renderEffectiveConfig(inputs: Pick<Inputs, "project" | "settings">, sections: EffectiveSections = {}): { path: string; contents: string } {
  const config = effectiveConfig(inputs, sections);
  return { path: "klotho.yaml", contents: emitYaml(config) ?? stringifyWithYaml(config) };
}

/** The `yaml` package's rendering, for a configuration `emitYaml` is not certain to write the same way. */
function stringifyWithYaml(value: unknown): string {
  return yamlLibrary().stringify(value, { lineWidth: 0 });
}
