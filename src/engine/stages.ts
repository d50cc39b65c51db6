import { createDiagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedRule } from "../load/rules.js";
import type { SourceRange } from "../util/source-range.js";
import { applyEvent, type ApplyState, type EngineStage, type EventScope } from "./apply-events.js";
import { copyDraft, type DraftResource, type StageResult } from "./draft.js";
import { resourceFacts, subjectContext, subjectFacts, type SubjectContext } from "./facts.js";
import type { RuleEvaluation } from "./decision.js";
import { createRuleRunner, RuleEvaluationError, type FactsBuilder, type RuleRunner, type TracedRun } from "./run-rules.js";
import type { Subject } from "./subject.js";
import { rulesFor, rulesForResource, SUBJECT_GATE } from "./rule-gates.js";

/**
 * The capability stage: evaluates the capability rules against each subject (units, annotations,
 * uses) in the order given and applies the fired events, which add resources, routes and edges.
 */
export async function runCapabilityStage(subjects: readonly Subject[], rules: readonly LoadedRule[], provider: string, options: StageOptions = {}): Promise<StageResult> {
  const capability = rules.filter((rule) => rule.stage === "capability");
  const state = newState("capability", [], options);
  // Recorded evaluations list every rule that did not fire, so they evaluate them all; otherwise each
  // subject is evaluated only against the rules written for its kind (most rules are for annotations, most subjects uses).
  const runnerFor = cachedRunners(capability, options);
  for (const subject of subjects) {
    const context = subjectContext(subject);
    const run = await evaluate(runnerFor(subject.type, (all) => rulesFor(all, SUBJECT_GATE, subject.type)), state, context, (earlier) => subjectFacts(subject, provider, earlier));
    const scope: EventScope = { context };
    for (const event of run.fired) applyEvent(state, scope, event);
    record(state, subject.type, context, scope.target ? [scope.target.id] : [], run);
  }
  return resultOf(state);
}

/** Options of a stage run. */
export interface StageOptions {
  /** Record every subject's evaluation, every rule evaluated, fired and missed (`klotho explain --all` and an annotation's explanation). */
  readonly evaluations?: boolean;
}

/** A resource stage whose json-rules-engine is built once and can run over several lists of resources. */
export interface ResourceStage {
  run(resources: readonly DraftResource[]): Promise<StageResult>;
}

/**
 * A resource stage (provider: choose each resource's cloud type; policy: check and adjust resolved
 * resources): evaluates the stage's rules against each resource and applies the fired events to it.
 * The given resources are copied, never changed.
 */
export function createResourceStage(stage: Exclude<EngineStage, "capability">, rules: readonly LoadedRule[], provider: string, options: StageOptions = {}): ResourceStage {
  // As for subjects: unless evaluations are recorded, each resource is evaluated only against the rules written for its kind and
  // type (each provider rule is for one kind; an organisation's policies are often for a few kinds or types).
  const runnerFor = cachedRunners(rules.filter((rule) => rule.stage === stage), options);
  return {
    run: async (resources) => {
      const state = newState(stage, resources.map(copyDraft), options);
      for (const resource of state.resources.values()) {
        const context = resourceContext(resource);
        const type = resource.type === "" ? null : resource.type;
        const forResource = runnerFor(`${resource.kind}\u0000${type ?? ""}`, (all) => rulesForResource(all, resource.kind, type));
        const run = await evaluate(forResource, state, context, (earlier) => resourceFacts(resource, provider, earlier));
        const scope = { context, target: resource };
        for (const event of run.fired) applyEvent(state, scope, event);
        record(state, "resource", context, [resource.id], run);
      }
      return resultOf(state);
    },
  };
}

/** Runs a resource stage once over `resources` (see createResourceStage). */
export async function runResourceStage(
  stage: Exclude<EngineStage, "capability">,
  resources: readonly DraftResource[],
  rules: readonly LoadedRule[],
  provider: string,
  options: StageOptions = {},
): Promise<StageResult> {
  return createResourceStage(stage, rules, provider, options).run(resources);
}

/**
 * A runner per key (a subject's type; a resource's kind and type), made on first use from the rules
 * `select` keeps; for recorded evaluations, which list every rule that did not fire, one runner of every rule.
 */
function cachedRunners(rules: readonly LoadedRule[], options: StageOptions): (key: string, select: (all: readonly LoadedRule[]) => LoadedRule[]) => RuleRunner {
  if (options.evaluations) {
    const every = createRuleRunner(rules);
    return () => every;
  }
  const byKey = new Map<string, RuleRunner>();
  return (key, select) => {
    let runner = byKey.get(key);
    if (!runner) byKey.set(key, (runner = createRuleRunner(select(rules))));
    return runner;
  };
}

/** Runs the rules; an engine failure becomes a diagnostic at the subject, and nothing fires. */
async function evaluate(runner: RuleRunner, state: TracingState, context: SubjectContext, facts: FactsBuilder): Promise<TracedRun> {
  try {
    return state.evaluations ? await runner.runTraced(facts) : { fired: await runner.run(facts), missed: [] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const rule = error instanceof RuleEvaluationError ? error.rule : undefined;
    if (rule) {
      // At the rule's conditions, which threw, once per rule; the first subject they were evaluated for is the related location.
      const related = context.range ? [{ message: "evaluated for this", range: context.range }] : [];
      const reported = state.diagnostics.some((d) => d.code === "rule/rule-error" && d.ruleId === rule.id);
      if (!reported) state.diagnostics.push(createDiagnostic("rule/rule-error", { range: rule.locate(["conditions"]), related, ruleId: rule.id }, rule.id, detail));
    } else state.diagnostics.push(createDiagnostic("rule/engine-error", context.range ? { range: context.range } : {}, state.stage, detail));
    return { fired: [], missed: [] };
  }
}

/** Records one subject's evaluation when tracing. */
function record(state: TracingState, subject: RuleEvaluation["subject"], context: SubjectContext, touched: readonly string[], run: TracedRun): void {
  if (!state.evaluations) return;
  state.evaluations.push({
    stage: state.stage,
    subject,
    ...(context.range ? { range: context.range } : {}),
    resources: [...new Set(touched)],
    fired: run.fired.map(({ rule, type, params, conditions }) => ({
      stage: state.stage,
      ruleId: rule.id,
      ruleFile: rule.file,
      description: rule.description,
      rationale: rule.rationale,
      event: { type, params },
      facts: context.facts,
      ...(conditions ? { conditions } : {}),
    })),
    missed: run.missed.map(({ rule, conditions }) => ({
      stage: state.stage,
      ruleId: rule.id,
      ruleFile: rule.file,
      description: rule.description,
      rationale: rule.rationale,
      ...(conditions ? { conditions } : {}),
    })),
  });
}

/** The apply state with the evaluations recorded when tracing. */
interface TracingState extends ApplyState {
  readonly evaluations?: RuleEvaluation[];
}

function resourceContext(resource: DraftResource): SubjectContext {
  const range: SourceRange | undefined = resource.source[0];
  // routes a policy rule adds without a unit go to the unit itself, or to the unit of the gateway's first route
  const unit = resource.kind === "exec_unit" ? resource.name : (resource.routes[0]?.unit ?? resource.name);
  return { ...(range ? { range } : {}), facts: resource.source, defaultName: resource.name, unit, directives: resource.directives };
}

function newState(stage: EngineStage, resources: readonly DraftResource[], options: StageOptions): TracingState {
  const base = { stage, resources: new Map(resources.map((r) => [r.id, r])), edges: [], diagnostics: [], progress: [] };
  return options.evaluations ? { ...base, evaluations: [] } : base;
}

function resultOf(state: TracingState): StageResult {
  const base = { resources: [...state.resources.values()], edges: state.edges, diagnostics: state.diagnostics, progress: state.progress };
  return state.evaluations ? { ...base, evaluations: state.evaluations } : base;
}
