import { copyDraft, type Decision, type DraftResource } from "../engine/index.js";
import type { ConfigFile } from "../load/config.js";
import type { ProviderType, ProviderTypeTable } from "../load/provider-types.js";
import { configKindOf, type ConfigKind } from "./config-kinds.js";
import { findType } from "../load/type-table.js";
import { isRecord } from "../util/records.js";

/** What the config step needs besides the resources. */
export interface ConfigInput {
  readonly configFile?: ConfigFile;
  readonly typeTable: ProviderTypeTable;
  readonly provider: string;
}

/** One klotho.yaml setting that applies to a resource, with its YAML path. */
interface Setting<T> {
  readonly path: readonly string[];
  readonly value: T;
  /** What it applies to, for the decision's description: `every execution_unit`, `exec_unit:main`. */
  readonly what: string;
}

/** The klotho.yaml settings of one resource: its types, and its params once the type is known. */
interface ResourceSettings {
  readonly types: readonly Setting<string>[];
  readonly params: (type: string) => readonly Setting<Readonly<Record<string, unknown>>>[];
}

/**
 * Resolves each resource's type and params. Type: provider rules < `defaults.<kind>.type` < per-id
 * `type` (types the checks rejected are skipped). Params, shallow-merged: the type table's defaults <
 * rule `set-params` (kept only while the type is the one the rules chose) <
 * `defaults.<kind>.pulumi_params_by_type.<type>` < per-id `pulumi_params`. Each step is a decision.
 */
export function applyConfig(resources: readonly DraftResource[], input: ConfigInput): DraftResource[] {
  return resources.map((resource) => resolveResource(copyDraft(resource), input));
}

function resolveResource(resource: DraftResource, input: ConfigInput): DraftResource {
  const settings = settingsFor(resource, input);
  const ruleType = resource.type;
  for (const setting of settings?.types ?? []) {
    if (!findType(input.typeTable, resource.kind, setting.value)) continue;
    resource.type = setting.value;
    const description = `klotho.yaml sets the type of ${setting.what}.`;
    resource.provenance.push(configDecision(input, setting, "set-type", { type: setting.value }, description));
  }
  const kept = resource.type === ruleType ? resource.params : {};
  const typed = paramsForType(resource, input, settings, kept);
  resource.params = typed.params;
  // Provenance lists decisions in the order they take effect: the type's defaults are the base the kept rule params override.
  const overriding = Object.keys(kept).length > 0 ? resource.provenance.findIndex((d) => d.event.type === "set-params") : -1;
  insertAt(resource.provenance, overriding, typed.base);
  resource.provenance.push(...typed.settings);
  return resource;
}

/**
 * A policy rule changed the resource's type after klotho.yaml applied: its params start again from
 * the new type's defaults and the klotho.yaml params for that type, then the policy stage's own
 * set-params, in order (params meant for the old type would be ignored, or worse, misread).
 */
export function retypeAfterPolicy(resource: DraftResource, input: ConfigInput): DraftResource {
  const retyped = copyDraft(resource);
  const typed = paramsForType(retyped, input, settingsFor(retyped, input), {});
  retyped.params = typed.params;
  for (const decision of retyped.provenance) {
    const params = decision.event.params["params"];
    if (decision.stage === "policy" && decision.event.type === "set-params" && params !== null && typeof params === "object") retyped.params = { ...retyped.params, ...params };
  }
  // The new type's defaults and klotho.yaml params are the base every policy set-params overrides.
  const overriding = retyped.provenance.findIndex((d) => d.stage === "policy" && d.event.type === "set-params");
  insertAt(retyped.provenance, overriding, [...typed.base, ...typed.settings]);
  return retyped;
}

/** Inserts `decisions` into `provenance` at `index`, or at the end when `index` is -1. */
function insertAt(provenance: Decision[], index: number, decisions: readonly Decision[]): void {
  provenance.splice(index === -1 ? provenance.length : index, 0, ...decisions);
}

/**
 * The resource's params for its current type: the type table's defaults < `kept` (rule params) <
 * klotho.yaml's params for that type; `base` is the defaults' decision (none when the type has no
 * defaults), `settings` klotho.yaml's, in order.
 */
function paramsForType(
  resource: DraftResource,
  input: ConfigInput,
  settings: ResourceSettings | undefined,
  kept: Readonly<Record<string, unknown>>,
): { params: Record<string, unknown>; base: Decision[]; settings: Decision[] } {
  const table = findType(input.typeTable, resource.kind, resource.type);
  let params: Record<string, unknown> = { ...table?.params, ...kept };
  const base = table && Object.keys(table.params).length > 0 ? [typeTableDecision(input, resource.type, table)] : [];
  const decisions: Decision[] = [];
  for (const setting of settings?.params(resource.type) ?? []) {
    params = { ...params, ...setting.value };
    decisions.push(configDecision(input, setting, "set-params", { params: setting.value }, `klotho.yaml sets params of ${setting.what}.`));
  }
  return { params, base, settings: decisions };
}

function settingsFor(resource: DraftResource, input: ConfigInput): ResourceSettings | undefined {
  const entry = configKindOf(resource.kind);
  return entry && input.configFile ? settingsOf(entry, resource, input.configFile) : undefined;
}

function settingsOf(entry: ConfigKind, resource: DraftResource, configFile: ConfigFile): ResourceSettings {
  const config = configFile.config;
  const defaults = config.defaults ? entry.readDefaults(config.defaults) : undefined;
  const override = config[entry.section]?.[resource.name];
  const overridePath = [entry.section, resource.name];
  const every = `every ${entry.label}`;
  const types: Setting<string>[] = [];
  if (defaults?.type !== undefined) types.push({ path: [...entry.defaultsPath, "type"], value: defaults.type, what: every });
  if (override?.type !== undefined) types.push({ path: [...overridePath, "type"], value: override.type, what: resource.id });
  const params = (type: string): Setting<Readonly<Record<string, unknown>>>[] => {
    const out: Setting<Readonly<Record<string, unknown>>>[] = [];
    const byType = defaults?.pulumi_params_by_type?.[type];
    if (byType) out.push({ path: [...entry.defaultsPath, "pulumi_params_by_type", type], value: byType, what: `every ${entry.label} of type ${type}` });
    if (override?.pulumi_params) out.push({ path: [...overridePath, "pulumi_params"], value: override.pulumi_params, what: resource.id });
    return out;
  };
  return { types, params };
}

function configDecision(input: ConfigInput, setting: Setting<unknown>, type: string, params: Record<string, unknown>, description: string): Decision {
  const configFile = input.configFile;
  return {
    stage: "config",
    ruleId: setting.path.join("."),
    ruleFile: configFile?.file ?? "klotho.yaml",
    description,
    event: { type, params },
    facts: configFile ? [configFile.document.locate(setting.path)] : [],
    // Each param's own key, where a policy verdict on its value points (engine/setting-behind.ts).
    ...(configFile && type === "set-params" && isRecord(setting.value) ? { paramSources: Object.fromEntries(Object.keys(setting.value).map((key) => [key, configFile.document.locate([...setting.path, key], true)])) } : {}),
  };
}

function typeTableDecision(input: ConfigInput, type: string, entry: ProviderType): Decision {
  return {
    stage: "provider",
    ruleId: `${input.provider}/types`,
    ruleFile: `providers/${input.provider}/types.yaml`,
    description: `${type}: ${entry.description}`,
    rationale: "A cloud type starts from the default parameters in the provider's type table; a set-params listed after this one overrides them.",
    event: { type: "set-params", params: { params: entry.params } },
    facts: [],
  };
}
