import type { LoadedRule, NestedCondition, TopCondition } from "../load/rules.js";

/**
 * What a rule may be written for, which a stage knows of each thing it evaluates rules against before
 * it builds any fact: the kind of a capability subject (`annotation`, `unit`, `use`: the `subject`
 * fact), the kind of a resource (`persist_kv`, `exec_unit`, ...: `$.kind` of the `resource` fact,
 * which no event changes) or its type (`$.type`, which a `set-type` event of a higher-priority rule of
 * the same stage may change during the run: see rulesForResource).
 */
export interface Gate {
  readonly fact: string;
  readonly path?: string;
}

export const SUBJECT_GATE: Gate = { fact: "subject" };
export const RESOURCE_KIND_GATE: Gate = { fact: "resource", path: "$.kind" };
export const RESOURCE_TYPE_GATE: Gate = { fact: "resource", path: "$.type" };

const GATES = [SUBJECT_GATE, RESOURCE_KIND_GATE, RESOURCE_TYPE_GATE];

/**
 * The values a condition admits when it tests `gate`: `{ fact, path, operator: equal, value: <name> }`
 * or `operator: in` with a list of names, literal and undecorated; undefined for any other condition.
 */
function gateValues(condition: NestedCondition, gate: Gate): readonly string[] | undefined {
  if (!("fact" in condition) || condition.fact !== gate.fact || condition.path !== gate.path || condition.params !== undefined) return undefined;
  const { operator, value } = condition;
  if (operator === "equal" && typeof value === "string") return [value];
  if (operator === "in" && Array.isArray(value) && value.every((item) => typeof item === "string")) return value as string[];
  return undefined;
}

function isGateTest(condition: NestedCondition): boolean {
  return GATES.some((gate) => gateValues(condition, gate) !== undefined);
}

/**
 * The kinds a rule is written for, by `gate`: those every test of `gate` in its top-level `all`
 * admits; undefined when its conditions do not say (a rule under `any` or `not`, or without such a
 * test), so that it is evaluated for everything.
 */
export function admittedBy(rule: LoadedRule, gate: Gate): ReadonlySet<string> | undefined {
  const { conditions } = rule;
  if (!("all" in conditions)) return undefined;
  let admitted: Set<string> | undefined;
  for (const condition of conditions.all) {
    const values = gateValues(condition, gate);
    if (values) admitted = new Set(admitted ? values.filter((value) => admitted?.has(value)) : values);
  }
  return admitted;
}

/**
 * The conditions json-rules-engine evaluates for a rule: its gate tests first, alone (a higher
 * condition priority), so that for a subject or resource of another kind the `all` stops there and no
 * other condition runs. A condition that would throw for it (a fact reference into a fact that is
 * null for it) then cannot turn into an engine error, with every rule evaluated (a trace) as with only
 * the rules of its kind (a compile): both give the same events and diagnostics.
 */
export function gatesFirst(conditions: TopCondition): TopCondition {
  if (!("all" in conditions)) return conditions;
  return { all: conditions.all.map((condition) => (isGateTest(condition) ? { ...condition, priority: GATE_PRIORITY } : condition)) };
}

/** Above json-rules-engine's default condition priority (1); rule files cannot give a condition a priority. */
const GATE_PRIORITY = 2;

/**
 * The rules that can fire for something of `kind` by `gate`. The others fail at their gate, which the
 * engine evaluates before any other of their conditions (gatesFirst), so they can neither fire nor
 * fail with an error: leaving them out gives the same events and diagnostics.
 */
export function rulesFor(rules: readonly LoadedRule[], gate: Gate, kind: string): LoadedRule[] {
  return rules.filter((rule) => admittedBy(rule, gate)?.has(kind) ?? true);
}

/**
 * The provider or policy rules that can fire for a resource of `kind` and `type` (null before one is
 * chosen): those whose kind gate admits the kind, and whose type gate admits the type where the type
 * cannot change before the rule sees it. A rule sees the `set-type` events of the stage's rules of a
 * higher priority, so its type gate counts only when no rule with a `set-type` event has a higher
 * priority than it; otherwise it is evaluated as if it had none (its gate still runs first).
 */
export function rulesForResource(rules: readonly LoadedRule[], kind: string, type: string | null): LoadedRule[] {
  const highestSetType = Math.max(Number.NEGATIVE_INFINITY, ...rules.filter((rule) => rule.event.type === "set-type").map((rule) => rule.priority));
  return rules.filter((rule) => {
    if (!(admittedBy(rule, RESOURCE_KIND_GATE)?.has(kind) ?? true)) return false;
    const types = rule.priority >= highestSetType ? admittedBy(rule, RESOURCE_TYPE_GATE) : undefined;
    return types === undefined || (type !== null && types.has(type));
  });
}
