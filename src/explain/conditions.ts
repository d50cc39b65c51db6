import type { ExplainCondition } from "../generated/explain.js";
import type { ConditionResult } from "../plan/index.js";

/** A recorded condition result in the explain document's shape: outcome pass / fail / not-evaluated, `saw` for the fact's value. */
export function toExplainCondition(condition: ConditionResult): ExplainCondition {
  const outcome = condition.result === undefined ? "not-evaluated" : condition.result ? "pass" : "fail";
  return {
    outcome,
    ...(condition.fact !== undefined ? { fact: condition.fact } : {}),
    ...(condition.path !== undefined ? { path: condition.path } : {}),
    ...(condition.operator !== undefined ? { operator: condition.operator } : {}),
    ...("value" in condition ? { value: condition.value } : {}),
    ...(condition.result !== undefined && "factResult" in condition ? { saw: condition.factResult } : {}),
    ...(condition.all ? { all: condition.all.map(toExplainCondition) } : {}),
    ...(condition.any ? { any: condition.any.map(toExplainCondition) } : {}),
    ...(condition.not ? { not: toExplainCondition(condition.not) } : {}),
  };
}

/** Every fact test in `condition`, depth first. */
export function leafConditions(condition: ExplainCondition): ExplainCondition[] {
  const nested = [...(condition.all ?? []), ...(condition.any ?? []), ...(condition.not ? [condition.not] : [])];
  if (nested.length === 0 && condition.fact !== undefined) return [condition];
  return nested.flatMap(leafConditions);
}

/** `bound.listen`: the fact and its path without json-path's `$.`. */
export function conditionSubject(condition: ExplainCondition): string {
  const fact = condition.fact ?? "?";
  const path = condition.path?.replace(/^\$\.?/, "") ?? "";
  return path === "" ? fact : `${fact}.${path}`;
}

/**
 * The tests that say what a rule is about: the subject type, the annotation's capability, the
 * resource's kind, the use's role. A rule that failed one of them was written for something else.
 */
export const SELECTORS: readonly string[] = ["subject", "annotation.capability", "resource.kind", "use.role"];

/** True when a fact test on one of `subjects` (`bound.listen`, ...) failed. */
export function failedOn(condition: ExplainCondition, subjects: readonly string[]): boolean {
  return leafConditions(condition).some((c) => c.outcome === "fail" && subjects.includes(conditionSubject(c)));
}
