import type { LoadedRule, RuleEventType, RuleStage, TopCondition } from "../../src/load/rules.js";
import { range } from "../helpers/plan-inputs.js";

/** What a hand-made rule needs; the rest gets a default. */
export interface RuleSpec {
  readonly id: string;
  readonly stage?: RuleStage;
  readonly priority?: number;
  readonly conditions: TopCondition;
  readonly event: { readonly type: RuleEventType; readonly params: Readonly<Record<string, unknown>> };
}

/** A rule as loadRuleSet would return it, from `acme/<name>.yaml`. */
export function rule(spec: RuleSpec): LoadedRule {
  const file = `${spec.id}.yaml`;
  return {
    id: spec.id,
    stage: spec.stage ?? "capability",
    description: `${spec.id} description`,
    rationale: `${spec.id} rationale`,
    priority: spec.priority ?? 0,
    conditions: spec.conditions,
    event: spec.event,
    file,
    replaced: [],
    locate: () => range(file, 12, 8),
  };
}

/** A condition that holds for every subject of a capability rule. */
export const ALWAYS: TopCondition = { all: [{ fact: "provider", operator: "equal", value: "aws" }] };
