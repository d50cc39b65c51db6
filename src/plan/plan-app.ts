import { hasFailures, type Diagnostic } from "../diagnostics/diagnostic.js";
import { createResourceStage, runCapabilityStage, runResourceStage, type DraftResource, type RuleEvaluation, type Subject } from "../engine/index.js";
import type { ConfigFile } from "../load/config.js";
import type { Settings } from "../load/inputs.js";
import type { ProviderTypeTable } from "../load/provider-types.js";
import type { RuleSet } from "../load/rules.js";
import type { Unit } from "../units/unit.js";
import { applyConfig, retypeAfterPolicy } from "./apply-config.js";
import { checkDefaultTypes, checkOverrides } from "./config-checks.js";
import { resolveEdges, routeEdges } from "./edges.js";
import { buildEffectiveSections, type EffectiveSections } from "./effective-config.js";
import { attachEnvironment } from "./environment.js";
import { attachUnits, toPlan, validatePlan } from "./finalize.js";
import type { Edge, Plan, Resource } from "./plan.js";
import { probeDefaultTypes } from "./probe-defaults.js";
import { checkRoutes, checkTypes, duplicatePersists } from "./resource-checks.js";

/** Everything planning reads: the subjects and units of the code, the settings, klotho.yaml, the rules and the provider's types. */
export interface PlanInput {
  readonly subjects: readonly Subject[];
  readonly units: readonly Unit[];
  readonly settings: Pick<Settings, "app" | "provider">;
  readonly configFile?: ConfigFile;
  readonly ruleSet: RuleSet;
  readonly typeTable: ProviderTypeTable;
  /** Keep the resources even when errors stop the plan, and with them (`evaluations`) every rule evaluation (`klotho explain`). */
  readonly trace?: TraceDepth;
  /**
   * Told the plan as soon as it is made without errors, before it is checked against its schema and
   * its configuration sections are built: a compile starts drawing it then. A plan that fails the check
   * is not returned, and the caller stops what it started.
   */
  readonly onPlan?: (plan: Plan) => void;
}

/**
 * What `klotho explain` asks the plan to keep: the resources and edges as planned even when errors stop
 * it (`resources`: each resource carries its decisions), and also every subject's evaluation, every rule
 * evaluated, fired or not (`evaluations`: the rules that did not fire, for `--all` and an annotation's
 * explanation; the rules are then evaluated for every subject, not only those written for its kind).
 */
export type TraceDepth = "resources" | "evaluations";

/** What `klotho explain` reads: the resources and edges as planned (errors or not) and, when asked for, every rule evaluation. */
export interface PlanTrace {
  readonly resources: readonly Resource[];
  readonly edges: readonly Edge[];
  /** With the `evaluations` depth. */
  readonly evaluations?: readonly RuleEvaluation[];
}

/** What planning produced: the plan and the effective config unless an error stopped it, always the diagnostics and progress lines. */
export interface PlanResult {
  readonly plan?: Plan;
  /** The parts of compiled/klotho.yaml the plan decides; pass them to renderEffectiveConfig. */
  readonly effectiveConfig?: EffectiveSections;
  readonly diagnostics: Diagnostic[];
  readonly progress: string[];
  /** Present when the input asked for a trace. */
  readonly trace?: PlanTrace;
}

/**
 * The plan stage: capability rules → provider rules → klotho.yaml → policy rules → checks → a
 * validated plan. Pure and deterministic: the same input gives the same plan, byte for byte.
 */
export async function planApp(input: PlanInput): Promise<PlanResult> {
  const { provider, app } = input.settings;
  const rules = input.ruleSet.rules;
  const diagnostics: Diagnostic[] = [];
  const options = { evaluations: input.trace === "evaluations" };
  const capability = await runCapabilityStage(input.subjects, rules, provider, options);
  diagnostics.push(...capability.diagnostics);
  const resources = attachUnits(capability.resources, input.units);
  diagnostics.push(...duplicatePersists(resources));
  const providerStage = createResourceStage("provider", rules, provider, options);
  const provided = await providerStage.run(resources);
  diagnostics.push(...provided.diagnostics);
  const configured = configure(provided.resources, input, diagnostics);
  const policy = await runResourceStage("policy", configured, rules, provider, options);
  diagnostics.push(...policy.diagnostics, ...checkTypes(policy.resources, input.typeTable, rules), ...checkRoutes(policy.resources, rules));
  const configuredTypes = new Map(configured.map((r) => [r.id, r.type]));
  const configInput = { typeTable: input.typeTable, provider, ...configOf(input) };
  const final = new Map(policy.resources.map((r) => [r.id, configuredTypes.get(r.id) === r.type ? r : retypeAfterPolicy(r, configInput)]));
  const allEdges = [...capability.edges, ...provided.edges, ...policy.edges, ...routeEdges(policy.resources)];
  const edges = resolveEdges(allEdges, final);
  diagnostics.push(...edges.diagnostics, ...attachEnvironment(final, edges.edges));
  const progress = [...capability.progress, ...provided.progress, ...policy.progress];
  const plan = toPlan(app, provider, [...final.values()], edges.edges);
  const evaluations = options.evaluations ? { evaluations: [capability, provided, policy].flatMap((stage) => stage.evaluations ?? []) } : {};
  const trace = input.trace ? { trace: { resources: plan.resources, edges: plan.edges, ...evaluations } } : {};
  if (hasFailures(diagnostics)) return { diagnostics, progress, ...trace };
  input.onPlan?.(plan);
  const invalid = validatePlan(plan);
  if (invalid.length > 0) return { diagnostics: [...diagnostics, ...invalid], progress, ...trace };
  const defaultTypes = await probeDefaultTypes(providerStage);
  const effectiveConfig = buildEffectiveSections(plan, { typeTable: input.typeTable, defaultTypes, ...configOf(input) });
  return { plan, effectiveConfig, diagnostics, progress, ...trace };
}

/** Checks klotho.yaml against the resources and the type table, then applies it. */
function configure(resources: readonly DraftResource[], input: PlanInput, diagnostics: Diagnostic[]): DraftResource[] {
  if (input.configFile) {
    diagnostics.push(...checkDefaultTypes(input.configFile, input.typeTable), ...checkOverrides(input.configFile, resources, input.typeTable));
  }
  return applyConfig(resources, { typeTable: input.typeTable, provider: input.settings.provider, ...configOf(input) });
}

function configOf(input: PlanInput): { configFile?: ConfigFile } {
  return input.configFile ? { configFile: input.configFile } : {};
}
