import type { Decision, PlanRoute } from "../engine/decision.js";
import type { Topic } from "../units/index.js";
import type { SourceRange } from "../util/source-range.js";

export type { ConditionResult, Decision, MissedDecision, PlanRoute, RuleEvaluation } from "../engine/decision.js";

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
  /** Named secrets of a secret store (persist_secret), sorted. */
  readonly secrets?: readonly string[];
  /** A topic service's (pubsub) event names with the units publishing and subscribing, sorted by name. */
  readonly topics?: readonly Topic[];
  /** Files an execution unit carries besides its code (`@klotho::embed_assets`, a Next.js app's build, public/ and config), sorted. */
  readonly assets?: readonly string[];
  /** An execution unit's environment variables: name → `<resource id>#<attribute>` of a resource it uses. */
  readonly environment_variables?: Readonly<Partial<Record<string, string>>>;
  /** Directives of the annotation that produced the resource (e.g. `api_type`, `environment_variables`). */
  readonly directives?: Readonly<Record<string, unknown>>;
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
