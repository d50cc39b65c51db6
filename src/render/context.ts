import type { Diagnostic, RelatedLocation } from "../diagnostics/diagnostic.js";
import type { ConfigFile } from "../load/config.js";
import { isRecord } from "../util/records.js";
import { configKindOf, overridesOf } from "../plan/config-kinds.js";
import type { Plan, Resource } from "../plan/index.js";
import { planNetwork, type NetworkPlan } from "../plan/network.js";
import { compareStrings } from "../util/compare.js";
import type { SourceRange } from "../util/source-range.js";
import { Code } from "./code.js";
import { Identifiers } from "./names.js";

/** Names the templates declare themselves; resource variables never take them. */
const TEMPLATE_NAMES = [
  "pulumi", "aws", "dockerBuild", "config", "protect", "region", "ecrToken", "availabilityZones", "vpc",
  "privateSubnet1", "privateSubnet2", "privateSubnetIds", "publicSubnet1", "publicSubnet2", "publicSubnetIds",
  "privateRouteTable", "internetGateway", "publicRouteTable", "endpointSecurityGroup", "kvTable",
  "String", "JSON", "encodeURIComponent",
];

/** Everything the resource renderers share: the plan, lookups, variable names and the diagnostics they report. */
export interface ProgramContext {
  readonly plan: Plan;
  readonly app: string;
  /** Literal environment variables per unit name from klotho.yaml `execution_units.<id>.environment_variables`. */
  readonly literalEnvironment: ReadonlyMap<string, Readonly<Record<string, string>>>;
  readonly diagnostics: Diagnostic[];
  /** The plan's network: the VPC, where each unit runs and the endpoints (the decision `klotho explain network` explains). */
  readonly network: NetworkPlan;
  /** Where parameter `key` of a resource is set: its klotho.yaml line when set there, else the resource's annotation. */
  paramRange(resource: Resource, key: string): SourceRange | undefined;
  /** Where klotho.yaml sets a unit's environment variable `name` (the unit's annotation when it does not). */
  environmentRange(unit: Resource, name: string): SourceRange | undefined;
  /** Where the resource's type is chosen: its klotho.yaml line when the type in force is set there, else the resource's annotation. */
  typeRange(resource: Resource): SourceRange | undefined;
  resource(id: string): Resource | undefined;
  /** The unit resource named `name` (`exec_unit:<name>`). */
  unit(name: string): Resource | undefined;
  /** Resources `id` has an edge to, sorted by id. */
  targets(id: string): Resource[];
  /** Resources with an edge to `id`, sorted by id. */
  sources(id: string): Resource[];
  /** The program variable for `role` of a plan resource (`pugs` + `function` → `pugsFunction`). */
  variable(resource: Resource, role: string): string;
  /** `variable(resource, role)` as code, with property accesses. */
  ref(resource: Resource, role: string, ...properties: string[]): Code;
}

/** The context for rendering `plan`, with the klotho.yaml it was compiled with. */
export function createContext(plan: Plan, configFile?: ConfigFile): ProgramContext {
  const byId = new Map(plan.resources.map((r) => [r.id, r]));
  const identifiers = new Identifiers(TEMPLATE_NAMES);
  const related = (pick: (edge: Plan["edges"][number]) => string | undefined): Resource[] =>
    plan.edges
      .map(pick)
      .flatMap((id) => (id === undefined ? [] : [byId.get(id)].filter((r): r is Resource => r !== undefined)))
      .sort((a, b) => compareStrings(a.id, b.id));
  const variable = (resource: Resource, role: string): string => identifiers.get(`${resource.id}#${role}`, [resource.name, role]);
  return {
    plan,
    app: plan.app,
    literalEnvironment: literalEnvironmentOf(plan, configFile),
    diagnostics: [],
    network: planNetwork(plan),
    paramRange: (resource, key) => {
      const section = configKindOf(resource.kind)?.section;
      const set = configFile && section ? overridesOf(configFile.config, section)[resource.name]?.pulumi_params?.[key] : undefined;
      if (configFile && section && set !== undefined) return configFile.document.locate([section, resource.name, "pulumi_params", key], true);
      // Else the last rule that set it, when the rule file wrote the value; else the code.
      const setter = resource.provenance.findLast((decision) => decision.event.type === "set-params" && isRecord(decision.event.params["params"]) && key in decision.event.params["params"]);
      return setter?.paramSources?.[key] ?? resource.source[0];
    },
    environmentRange: (unit, name) =>
      configFile?.config.execution_units?.[unit.name]?.environment_variables?.[name] !== undefined
        ? configFile.document.locate(["execution_units", unit.name, "environment_variables", name], true)
        : unit.source[0],
    typeRange: (resource) => {
      const chosen = resource.provenance.findLast((decision) => decision.event.type === "set-type");
      return (chosen?.stage === "config" ? chosen.facts[0] : undefined) ?? resource.source[0];
    },
    resource: (id) => byId.get(id),
    unit: (name) => byId.get(`exec_unit:${name}`),
    targets: (id) => related((edge) => (edge.source === id ? edge.target : undefined)),
    sources: (id) => related((edge) => (edge.target === id ? edge.source : undefined)),
    variable,
    ref: (resource, role, ...properties) => Code.ref(variable(resource, role), ...properties),
  };
}

/** The resource's annotation as the related location of a diagnostic reported elsewhere (at its klotho.yaml settings). */
export function declaredAt(resource: Resource, range: SourceRange | undefined): RelatedLocation[] {
  const declared = resource.source[0];
  return declared && range && declared.file !== range.file ? [{ message: `${resource.id} is declared here`, range: declared }] : [];
}

/** klotho.yaml `execution_units.<id>.environment_variables` of the plan's units. */
function literalEnvironmentOf(plan: Plan, configFile: ConfigFile | undefined): Map<string, Readonly<Record<string, string>>> {
  const out = new Map<string, Readonly<Record<string, string>>>();
  for (const unit of plan.resources.filter((r) => r.kind === "exec_unit")) {
    const variables = configFile?.config.execution_units?.[unit.name]?.environment_variables ?? {};
    const defined = Object.entries(variables).filter((entry): entry is [string, string] => entry[1] !== undefined);
    if (defined.length > 0) out.set(unit.name, Object.fromEntries(defined));
  }
  return out;
}
