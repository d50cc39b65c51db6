import type { LoadedRule, NestedCondition, TopCondition } from "../load/rules.js";

/** The test of a rule's top-level `all` that says which kind of subject it is written for: `{ fact: subject, operator: equal, value: <kind> }`. */
export function isSubjectTest(condition: NestedCondition): condition is NestedCondition & { fact: string; value: string } {
  return "fact" in condition && condition.fact === "subject" && condition.operator === "equal" && condition.path === undefined && condition.params === undefined && typeof condition.value === "string";
}

/**
 * The kind of subject (`annotation`, `unit`, `use`) a capability rule is written for: the value its
 * top-level `all` requires of the `subject` fact with `equal`; undefined when its conditions do not
 * say (a rule under `any` or `not`, or without the test), so that it is evaluated for every subject.
 */
export function subjectTypeOf(rule: LoadedRule): string | undefined {
  const { conditions } = rule;
  if (!("all" in conditions)) return undefined;
  return conditions.all.find(isSubjectTest)?.value;
}

/**
 * The conditions json-rules-engine evaluates for a rule: its subject test first, alone (a higher
 * condition priority), so that for a subject of another kind the `all` stops there and no other
 * condition runs. A condition that would throw for that subject (a fact reference into a fact that
 * is null for it) then cannot turn into an engine error, with every rule evaluated (a trace) as with
 * only the rules of the subject's kind (a compile): both give the same events and diagnostics.
 */
export function subjectTestFirst(conditions: TopCondition): TopCondition {
  if (!("all" in conditions)) return conditions;
  return { all: conditions.all.map((condition) => (isSubjectTest(condition) ? { ...condition, priority: SUBJECT_TEST_PRIORITY } : condition)) };
}

/** Above json-rules-engine's default condition priority (1). */
const SUBJECT_TEST_PRIORITY = 2;

/**
 * The rules that can fire for a subject of `type`. The others fail at their subject test, which the
 * engine evaluates before any other of their conditions (subjectTestFirst), so they can neither fire
 * nor fail with an error: leaving them out gives the same events and diagnostics.
 */
export function rulesForSubject(rules: readonly LoadedRule[], type: string): LoadedRule[] {
  return rules.filter((rule) => {
    const written = subjectTypeOf(rule);
    return written === undefined || written === type;
  });
}
