import type { HttpMethod } from "../facts/fact.js";
import type { SourceRange } from "../util/source-range.js";

// The engine records these; the plan (src/plan/plan.ts) re-exports them, since the engine may not import the plan.

/** A route of a gateway in the plan. */
export interface PlanRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly unit: string;
  readonly file?: string;
  readonly line?: number;
}

/** The outcome of one condition of a rule, as json-rules-engine recorded it. */
export interface ConditionResult {
  readonly fact?: string;
  readonly path?: string;
  readonly operator?: string;
  readonly value?: unknown;
  readonly factResult?: unknown;
  /** undefined when the engine never evaluated the condition. */
  readonly result?: boolean;
  readonly all?: readonly ConditionResult[];
  readonly any?: readonly ConditionResult[];
  readonly not?: ConditionResult;
}

/** One applied rule event: what `klotho explain` prints. */
export interface Decision {
  readonly stage: "capability" | "provider" | "config" | "policy";
  readonly ruleId: string;
  readonly ruleFile: string;
  readonly description: string;
  readonly rationale?: string;
  readonly event: { readonly type: string; readonly params: Readonly<Record<string, unknown>> };
  readonly facts: readonly SourceRange[];
  readonly conditions?: ConditionResult;
  /** For set-params: where the rule file (or klotho.yaml, for a config decision: each key) writes each value it sets itself (not one it reads from the code). */
  readonly paramSources?: Readonly<Record<string, SourceRange | undefined>>;
}


/** A rule that was evaluated and did not fire: what `klotho explain --all` shows ("why not dynamodb?"). */
export interface MissedDecision {
  readonly stage: "capability" | "provider" | "policy";
  readonly ruleId: string;
  readonly ruleFile: string;
  readonly description: string;
  readonly rationale: string;
  readonly conditions?: ConditionResult;
}

/** One subject's evaluation by a stage, recorded when a trace is asked for. */
export interface RuleEvaluation {
  readonly stage: "capability" | "provider" | "policy";
  /** The subject: an annotation, unit or use (capability stage) or a resource (provider and policy stages). */
  readonly subject: "annotation" | "unit" | "use" | "resource";
  /** The subject's location (an annotation, a use, a resource's first source). */
  readonly range?: SourceRange;
  /** The resource the fired events added (capability) or the resource evaluated (provider, policy). */
  readonly resources: readonly string[];
  /** The rules that fired, in application order. */
  readonly fired: readonly Decision[];
  readonly missed: readonly MissedDecision[];
}
