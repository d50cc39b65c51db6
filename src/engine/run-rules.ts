import { Engine, type Event, type RuleProperties, type RuleResult } from "json-rules-engine";
import type { LoadedRule, RuleEventType } from "../load/rules.js";
import { compareStrings } from "../util/compare.js";
import { isRecord } from "../util/records.js";
import { toConditionResult } from "./conditions.js";
import { resolvePath } from "./path-resolver.js";
import type { ConditionResult } from "./decision.js";
import { conditionsWithPriority, referenceWithPriority, type EarlierEvent } from "./earlier-events.js";
import { CUSTOM_OPERATORS } from "./operators.js";
import { gatesFirst } from "./rule-gates.js";

/** A rule whose conditions held, with its event's parameters filled in from the facts. */
export interface FiredEvent {
  readonly rule: LoadedRule;
  readonly type: RuleEventType;
  readonly params: Readonly<Record<string, unknown>>;
  readonly conditions?: ConditionResult;
}

/** A rule whose conditions did not hold, with the condition results that say why (for `klotho explain --all`). */
export interface MissedRule {
  readonly rule: LoadedRule;
  readonly conditions?: ConditionResult;
}

/** One run's outcome with the rules that did not fire. */
export interface TracedRun {
  readonly fired: FiredEvent[];
  readonly missed: MissedRule[];
}

/** Builds the facts of one run; `earlier` fills with the events of the rules that fire during it. */
export type FactsBuilder = (earlier: readonly EarlierEvent[]) => Record<string, unknown>;

/** Evaluates one stage's rules against one set of facts at a time. */
export interface RuleRunner {
  /** The fired events in application order: priority (highest first), then rule id. */
  run(facts: FactsBuilder): Promise<FiredEvent[]>;
  /** Like `run`, and also returns the rules that did not fire, sorted by id. */
  runTraced(facts: FactsBuilder): Promise<TracedRun>;
}

/** json-rules-engine wants priorities ≥ 1; rule files use -1000..1000 with 0 as the default. */
const PRIORITY_OFFSET = 1001;

/** Builds the stage's json-rules-engine once; each `run` evaluates every rule against fresh facts. */
export function createRuleRunner(rules: readonly LoadedRule[]): RuleRunner {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  let earlier: EarlierEvent[] = [];
  const engine = createEngine(rules, (event, result) => {
    const rule = byId.get(result.name);
    if (rule) earlier.push({ ruleId: rule.id, priority: rule.priority, type: event.type, params: event.params ?? {} });
  });
  // The engine keeps run state on itself, so runs are queued one after the other.
  let queue: Promise<unknown> = Promise.resolve();
  // The rules that did not fire are copied out only for a trace: a compile never reads them.
  const runOnce = async (facts: FactsBuilder, traced: boolean): Promise<TracedRun> => {
    earlier = [];
    let outcome: Awaited<ReturnType<Engine["run"]>>;
    try {
      outcome = await engine.run(facts(earlier));
    } catch (error) {
      throw await blame(rules, facts, error);
    }
    const fired = outcome.results.flatMap((result) => toFired(result, byId)).sort(applicationOrder);
    const missed = traced ? outcome.failureResults.flatMap((result) => toMissed(result, byId)).sort((a, b) => compareStrings(a.rule.id, b.rule.id)) : [];
    return { fired, missed };
  };
  const enqueue = (facts: FactsBuilder, traced: boolean): Promise<TracedRun> => {
    const next = queue.then(() => runOnce(facts, traced));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    run: async (facts) => (await enqueue(facts, false)).fired,
    runTraced: (facts) => enqueue(facts, true),
  };
}

/** A rule that json-rules-engine could not evaluate (an operator given a value it cannot take, a JSONPath that throws). */
export class RuleEvaluationError extends Error {
  constructor(
    /** The rule that threw, when running the rules one by one found it. */
    readonly rule: LoadedRule | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The error of a run that threw, with the rule that threw it: json-rules-engine does not say which, so
 * each rule runs alone against the same facts until one throws (only on this failure path).
 */
async function blame(rules: readonly LoadedRule[], facts: FactsBuilder, error: unknown): Promise<RuleEvaluationError> {
  const message = error instanceof Error ? error.message : String(error);
  for (const rule of rules) {
    const alone = createEngine([rule]);
    try {
      await alone.run(facts([]));
    } catch (own) {
      // Alone it sees no earlier rule's events: only the same failure names it.
      const ownMessage = own instanceof Error ? own.message : String(own);
      if (ownMessage === message) return new RuleEvaluationError(rule, ownMessage);
    }
  }
  return new RuleEvaluationError(undefined, message);
}

/**
 * A json-rules-engine for `rules`, with klotho's operators and path resolver. The fact references in
 * an event's params are filled in when its rule fires, and only then (json-rules-engine's own option
 * fills them in for every rule it evaluates, whose conditions held or not): a reference that cannot be
 * read for a subject or resource of another kind then fails neither a compile, which evaluates only
 * the rules written for its kind, nor a trace, which evaluates every rule. `fired` sees the event with
 * its params filled in, before any rule of a lower priority is evaluated.
 */
function createEngine(rules: readonly LoadedRule[], fired?: (event: Event, result: RuleResult) => void): Engine {
  const engine = new Engine(rules.map(toEngineRule), { allowUndefinedFacts: false, replaceFactsInEventParams: false, pathResolver: resolvePath });
  for (const operator of CUSTOM_OPERATORS) engine.addOperator(operator);
  // json-rules-engine waits for the promise a `success` handler returns before it goes on (since 6.0);
  // its typings declare the handler as returning nothing.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  engine.on("success", async (event, almanac, result) => {
    const params: Record<string, unknown> | undefined = event.params;
    if (params) await Promise.all(Object.entries(params).map(async ([key, value]) => (params[key] = isFactReference(value) ? await almanac.factValue<unknown>(value.fact, value.params, value.path) : value)));
    fired?.(event, result);
  });
  return engine;
}

function isFactReference(value: unknown): value is { fact: string; params?: Record<string, unknown>; path?: string } {
  return isRecord(value) && typeof value["fact"] === "string";
}

/**
 * Fact references are filled in only among an event's top-level params (createEngine); references
 * inside set-params' `params` travel as top-level keys with this prefix and are folded back in.
 */
const NESTED_PARAM = "params.";

function toEngineRule(rule: LoadedRule): RuleProperties {
  const params = Object.fromEntries(Object.entries(rule.event.params).map(([key, value]) => [key, referenceWithPriority(value, rule.priority)]));
  const nested = rule.event.type === "set-params" ? rule.event.params["params"] : undefined;
  if (isRecord(nested)) {
    for (const [key, value] of Object.entries(nested)) if (isRecord(value) && "fact" in value) params[`${NESTED_PARAM}${key}`] = referenceWithPriority(value, rule.priority);
  }
  return {
    name: rule.id,
    priority: rule.priority + PRIORITY_OFFSET,
    conditions: conditionsWithPriority(gatesFirst(rule.conditions), rule.priority),
    event: { type: rule.event.type, params },
  };
}

function toFired(result: RuleResult, byId: ReadonlyMap<string, LoadedRule>): FiredEvent[] {
  const rule = byId.get(result.name);
  if (!rule) return [];
  const params = result.event?.params ?? {};
  // json-rules-engine records the outcome of the top-level all/any/not on the rule result, not on the node.
  const evaluated = toConditionResult(result.conditions);
  const conditions = evaluated && { ...evaluated, result: result.result === true };
  return [{ rule, type: rule.event.type, params: withoutUndefined(foldNested(params)), ...(conditions ? { conditions } : {}) }];
}

function toMissed(result: RuleResult, byId: ReadonlyMap<string, LoadedRule>): MissedRule[] {
  const rule = byId.get(result.name);
  if (!rule) return [];
  const evaluated = toConditionResult(result.conditions);
  return [{ rule, ...(evaluated ? { conditions: { ...evaluated, result: false } } : {}) }];
}

/** Puts the filled-in references of set-params' `params` back in place; one whose fact path matched nothing is left out. */
function foldNested(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const keys = Object.keys(params).filter((key) => key.startsWith(NESTED_PARAM));
  if (keys.length === 0) return { ...params };
  const inner = params["params"];
  const folded = Object.fromEntries(Object.entries(isRecord(inner) ? inner : {}).filter(([, value]) => !(isRecord(value) && "fact" in value)));
  for (const key of keys) if (params[key] !== undefined) folded[key.slice(NESTED_PARAM.length)] = params[key];
  return { ...Object.fromEntries(Object.entries(params).filter(([key]) => !key.startsWith(NESTED_PARAM))), params: folded };
}


function withoutUndefined(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

/** Priority (highest first), then rule id: the same order whatever json-rules-engine's timing. */
export function applicationOrder(a: FiredEvent, b: FiredEvent): number {
  return b.rule.priority - a.rule.priority || compareStrings(a.rule.id, b.rule.id);
}
