import type { NestedCondition, TopCondition } from "../load/rules.js";
import { compareStrings } from "../util/compare.js";

/** An event that fired earlier in the current run, as dynamic facts see it. */
export interface EarlierEvent {
  readonly ruleId: string;
  /** The rule file's priority. */
  readonly priority: number;
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * The fact parameter carrying the asking rule's priority. The engine adds it to every fact a rule
 * refers to, so a dynamic fact (`produced`, `resource`) reflects exactly the events of rules with a
 * higher priority, whose evaluation json-rules-engine has finished, never those racing beside it.
 */
export const RULE_PRIORITY_PARAM = "rulePriority";

/** The events a fact computed with `params` may see, in application order. */
export function visibleEvents(events: readonly EarlierEvent[], params: Readonly<Record<string, unknown>>): EarlierEvent[] {
  const asking = params[RULE_PRIORITY_PARAM];
  const limit = typeof asking === "number" ? asking : Number.NEGATIVE_INFINITY;
  return events
    .filter((event) => event.priority > limit)
    .sort((a, b) => b.priority - a.priority || compareStrings(a.ruleId, b.ruleId));
}

/** `conditions` with the rule's priority added to the params of every fact they refer to. */
export function conditionsWithPriority(conditions: TopCondition, priority: number): TopCondition {
  if ("all" in conditions) return { all: conditions.all.map((c) => nestedWithPriority(c, priority)) };
  if ("any" in conditions) return { any: conditions.any.map((c) => nestedWithPriority(c, priority)) };
  return { not: nestedWithPriority(conditions.not, priority) };
}

function nestedWithPriority(condition: NestedCondition, priority: number): NestedCondition {
  if ("all" in condition || "any" in condition || "not" in condition) return conditionsWithPriority(condition, priority);
  return { ...condition, params: { ...condition.params, [RULE_PRIORITY_PARAM]: priority }, value: referenceWithPriority(condition.value, priority) };
}

/** A `{ fact }` reference with the rule's priority in its params; any other value unchanged. */
export function referenceWithPriority<T>(value: T, priority: number): T {
  if (value === null || typeof value !== "object" || !("fact" in value)) return value;
  const params: unknown = "params" in value ? value.params : undefined;
  return { ...value, params: { ...(params !== null && typeof params === "object" ? params : {}), [RULE_PRIORITY_PARAM]: priority } };
}
