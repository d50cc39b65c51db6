import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { progressMessages } from "../diagnostics/progress.js";
import { compareStrings } from "../util/compare.js";
import { isRecord } from "../util/records.js";
import { formatLocation } from "../util/source-range.js";
import type { Decision, PlanRoute } from "./decision.js";
import type { DraftEdge, DraftResource } from "./draft.js";
import { edgeEnd, paramsParam, resourceParams, routesParam, textParam, typeParam } from "./event-params.js";
import type { SubjectContext } from "./facts.js";
import { CREATION } from "./persisted.js";
import type { FiredEvent } from "./run-rules.js";
import { configSettingBehind } from "./setting-behind.js";

/** The rule stages the engine runs. */
export type EngineStage = "capability" | "provider" | "policy";

/** Everything a stage accumulates while it applies events. */
export interface ApplyState {
  readonly stage: EngineStage;
  /** Resources by id, in creation order. */
  readonly resources: Map<string, DraftResource>;
  readonly edges: DraftEdge[];
  readonly diagnostics: Diagnostic[];
  readonly progress: string[];
}

/** The subject events apply to; `target` is the resource the subject added, or the resource under evaluation. */
export interface EventScope {
  readonly context: SubjectContext;
  target?: DraftResource;
}

/** Applies one fired event and records it as a decision on the resource it affected. */
export function applyEvent(state: ApplyState, scope: EventScope, fired: FiredEvent): void {
  const problem = HANDLERS[fired.type](state, scope, fired);
  if (problem === undefined) return;
  const range = scope.context.range;
  state.diagnostics.push(createDiagnostic("rule/invalid-event", { range, ruleId: fired.rule.id }, fired.rule.id, fired.rule.file, problem));
}

/** Applies an event; returns why it could not be applied, if it could not. */
type Handler = (state: ApplyState, scope: EventScope, fired: FiredEvent) => string | undefined;

const HANDLERS: Readonly<Record<FiredEvent["type"], Handler>> = {
  "add-resource": addResource,
  "add-routes": addRoutes,
  "add-edge": addEdge,
  "set-type": setType,
  "set-params": setParams,
  warn: report,
  deny: report,
};

function addResource(state: ApplyState, scope: EventScope, fired: FiredEvent): string | undefined {
  if (state.stage !== "capability") return "only capability rules can add resources";
  const parsed = resourceParams(fired.params, scope.context.defaultName);
  if ("problem" in parsed) return parsed.problem;
  const { kind, name } = parsed.value;
  const id = `${kind}:${name}`;
  let resource = state.resources.get(id);
  if (!resource) {
    resource = { id, kind, name, type: "", params: {}, directives: scope.context.directives, routes: [], source: [], provenance: [] };
    state.resources.set(id, resource);
    state.progress.push(progressMessages.addingResource(id));
  }
  const range = scope.context.range;
  if (range && !resource.source.some((r) => formatLocation(r) === formatLocation(range))) resource.source.push(range);
  const secrets = scope.context.secrets;
  if (secrets) resource.secrets = [...new Set([...(resource.secrets ?? []), ...secrets])].sort(compareStrings);
  if (scope.context.topics) resource.topics ??= scope.context.topics;
  if (scope.context.files) resource.files ??= scope.context.files;
  scope.target ??= resource;
  resource.provenance.push(decisionOf(state, scope, fired));
  return undefined;
}

function addRoutes(state: ApplyState, scope: EventScope, fired: FiredEvent): string | undefined {
  const parsed = routesParam(fired.params, scope.context.unit);
  if ("problem" in parsed) return parsed.problem;
  const target = scope.target;
  if (!target) return "add-routes needs a resource, and the subject has added none (give the adding rule a higher priority)";
  const added = parsed.value.filter((route) => !target.routes.some((known) => sameRoute(known, route)));
  target.routes.push(...added);
  if (fired.params["catchall"] === true) state.progress.push(progressMessages.catchallRoute(target.name));
  target.provenance.push(decisionOf(state, scope, fired));
  return undefined;
}

function sameRoute(a: PlanRoute, b: PlanRoute): boolean {
  return a.method === b.method && a.path === b.path && a.unit === b.unit;
}

function addEdge(state: ApplyState, scope: EventScope, fired: FiredEvent): string | undefined {
  const source = edgeEnd(fired.params, "source");
  const target = edgeEnd(fired.params, "target");
  if ("problem" in source) return source.problem;
  if ("problem" in target) return target.problem;
  const range = scope.context.range;
  const reason = edgeReason(scope.context, fired);
  const decision = decisionOf(state, scope, fired);
  state.edges.push({ source: source.value, target: target.value, reason, decision, ...(range ? { range } : {}) });
  return undefined;
}

/**
 * Why an edge exists, leading with the code when a use added it: "`set` at pugs.js:21:5 (and 2 more)
 * uses persist_kv:dogs (rule capability/use-edge)"; else the rule's description and the subject's location.
 */
function edgeReason(context: SubjectContext, fired: FiredEvent): string {
  const range = context.range;
  const rule = `rule ${fired.rule.id}`;
  const use = context.use;
  if (!range || !use) return `${fired.rule.description} (${rule}${range ? `, ${formatLocation(range)}` : ""})`;
  const more = use.count > 1 ? ` (and ${use.count - 1} more)` : "";
  if (use.method === "environment_variables") return `the unit receives ${use.resource}'s environment variables, declared at ${formatLocation(range)} (${rule})`;
  if (use.method === CREATION) return `the unit loads ${formatLocation(range)}, which makes the client of ${use.resource} from the unit's environment (${rule})`;
  const verb = use.role === "publish" ? "publishes to" : use.role === "subscribe" ? "subscribes to" : "uses";
  return `\`${use.method}\` at ${formatLocation(range)}${more} ${verb} ${use.resource} (${rule})`;
}

function setType(state: ApplyState, scope: EventScope, fired: FiredEvent): string | undefined {
  const target = scope.target;
  if (!target) return "set-type needs a resource, and the subject has added none";
  const parsed = typeParam(fired.params);
  if ("problem" in parsed) return parsed.problem;
  target.type = parsed.value;
  target.provenance.push(decisionOf(state, scope, fired));
  return undefined;
}

function setParams(state: ApplyState, scope: EventScope, fired: FiredEvent): string | undefined {
  const parsed = paramsParam(fired.params);
  if ("problem" in parsed) return parsed.problem;
  // Every param came from a fact reference that matched nothing (a directive not given): nothing to set,
  // so nothing is missing either when the subject added no resource (its adding rule switched off by a policy).
  if (Object.keys(parsed.value).length === 0) return undefined;
  const target = scope.target;
  if (!target) return "set-params needs a resource, and the subject has added none";
  target.params = { ...target.params, ...parsed.value };
  // A value written in the rule file is located there; one read from the code (a fact reference) stays at the code.
  const written = fired.rule.event.params["params"];
  const literal = Object.keys(parsed.value).filter((key) => isRecord(written) && !(isRecord(written[key]) && "fact" in written[key]));
  const paramSources = Object.fromEntries(literal.map((key) => [key, fired.rule.locate(["event", "params", "params", key])]));
  target.provenance.push({ ...decisionOf(state, scope, fired), ...(literal.length > 0 ? { paramSources } : {}) });
  return undefined;
}


/**
 * warn and deny: a diagnostic at the subject naming the rule and its file; a policy verdict on a value
 * klotho.yaml set is at that setting, with the resource's declaration beside it.
 */
function report(state: ApplyState, scope: EventScope, fired: FiredEvent): string | undefined {
  const { rule } = fired;
  const message = textParam(fired.params, "message") ?? rule.description;
  const setting = state.stage === "policy" && scope.target ? configSettingBehind(scope.target, fired.conditions) : undefined;
  const declared = scope.context.range;
  const extras = setting
    ? { range: setting, ruleId: rule.id, related: declared ? [{ message: `${scope.target?.id ?? "the resource"} is declared here`, range: declared }] : [] }
    : { range: declared, ruleId: rule.id, ...(scope.context.annotation ? { annotation: scope.context.annotation } : {}) };
  state.diagnostics.push(
    fired.type === "deny"
      ? createDiagnostic("rule/deny", extras, scope.target?.id ?? subjectLabel(scope.context), message, rule.id, rule.file, rule.description)
      : createDiagnostic("rule/warn", extras, message),
  );
  scope.target?.provenance.push(decisionOf(state, scope, fired));
  return undefined;
}

/** What a capability-stage deny is about when it added no resource: the annotation, or the unit. */
function subjectLabel(context: SubjectContext): string {
  return context.annotation ? `the annotation at ${formatLocation(context.annotation.range)}` : `exec_unit:${context.unit}`;
}

/** The record `klotho explain` prints for an applied event. */
function decisionOf(state: ApplyState, scope: EventScope, fired: FiredEvent): Decision {
  const { rule } = fired;
  return {
    stage: state.stage,
    ruleId: rule.id,
    ruleFile: rule.file,
    description: rule.description,
    rationale: rule.rationale,
    event: { type: fired.type, params: fired.params },
    facts: scope.context.facts,
    ...(fired.conditions ? { conditions: fired.conditions } : {}),
  };
}
