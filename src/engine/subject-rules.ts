import type { LoadedRule } from "../load/rules.js";

/**
 * The kind of subject (`annotation`, `unit`, `use`) a capability rule is written for: the value its
 * top-level `all` requires of the `subject` fact with `equal`; undefined when its conditions do not
 * say (a rule under `any` or `not`, or without the test), so that it is evaluated for every subject.
 */
export function subjectTypeOf(rule: LoadedRule): string | undefined {
  const { conditions } = rule;
  if (!("all" in conditions)) return undefined;
  for (const condition of conditions.all) {
    if (!("fact" in condition) || condition.fact !== "subject" || condition.operator !== "equal") continue;
    if (condition.path === undefined && condition.params === undefined && typeof condition.value === "string") return condition.value;
  }
  return undefined;
}

/**
 * The rules that can fire for a subject of `type`. The others fail at their `subject` test whatever
 * the other facts are (every capability fact is defined for every subject, so no rule can fail with
 * an error instead), and failed rules change nothing: leaving them out gives the same events.
 */
export function rulesForSubject(rules: readonly LoadedRule[], type: string): LoadedRule[] {
  return rules.filter((rule) => {
    const written = subjectTypeOf(rule);
    return written === undefined || written === type;
  });
}
