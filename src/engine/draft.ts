import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Decision, PlanRoute, RuleEvaluation } from "./decision.js";
import type { Topic } from "../units/index.js";
import type { SourceRange } from "../util/source-range.js";

/** A resource while the stages shape it: mutable, with the type still empty until a rule chooses one. */
export interface DraftResource {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  /** Cloud type; `""` until a provider rule (or klotho.yaml) chooses one. */
  type: string;
  params: Record<string, unknown>;
  /** Directives of the annotation that produced the resource. */
  readonly directives: Readonly<Record<string, unknown>>;
  routes: PlanRoute[];
  entrypoint?: string;
  files?: readonly string[];
  /** Named secrets of a secret store, sorted. */
  secrets?: readonly string[];
  /** A topic service's event names with their publishers and subscribers, sorted by name. */
  topics?: readonly Topic[];
  /** Files an execution unit carries besides its code (`@klotho::embed_assets`, a Next.js app's build, public/ and config), sorted. */
  assets?: readonly string[];
  /** An execution unit's environment variables: name → `<resource id>#<attribute>` (set by the plan from the edges). */
  environment_variables?: Readonly<Record<string, string>>;
  source: SourceRange[];
  provenance: Decision[];
}

/** An edge a rule added, with the decision that added it (attached to the source resource at the end). */
export interface DraftEdge {
  readonly source: string;
  readonly target: string;
  readonly reason: string;
  readonly decision?: Decision;
  /** Where the edge comes from, for messages about it. */
  readonly range?: SourceRange;
}

/** What a stage produced. */
export interface StageResult {
  /** Resources in creation order (capability) or in the order given (provider, policy). */
  readonly resources: DraftResource[];
  readonly edges: DraftEdge[];
  readonly diagnostics: Diagnostic[];
  /** Progress lines (`Adding resource exec_unit:main`, ...) in the order the events applied. */
  readonly progress: string[];
  /** Every subject's evaluation, when the stage ran with `trace`. */
  readonly evaluations?: RuleEvaluation[];
}

/** A deep-enough copy of a draft, so a stage never changes the resources it was given. */
export function copyDraft(resource: DraftResource): DraftResource {
  return {
    ...resource,
    params: { ...resource.params },
    routes: [...resource.routes],
    source: [...resource.source],
    provenance: [...resource.provenance],
  };
}
