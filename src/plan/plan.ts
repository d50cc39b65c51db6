import type { HttpMethod } from "../facts/fact.js";
import type { SourceRange } from "../util/source-range.js";

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
}

/** A cloud resource the app needs. */
export interface Resource {
  /** `<kind>:<name>`. */
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly type: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly routes?: readonly PlanRoute[];
  readonly entrypoint?: string;
  readonly files?: readonly string[];
  readonly source: readonly SourceRange[];
  readonly provenance: readonly Decision[];
}

/** A relation between two resources (gateway → unit, unit → store). */
export interface Edge {
  readonly source: string;
  readonly target: string;
  readonly reason: string;
}

/** The validated resource plan. */
export interface Plan {
  readonly app: string;
  readonly provider: string;
  readonly resources: readonly Resource[];
  readonly edges: readonly Edge[];
}
