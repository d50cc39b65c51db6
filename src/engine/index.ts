/** The decision engine: json-rules-engine runs over the rule files, stage by stage. */
export { createResourceStage, runCapabilityStage, runResourceStage, type ResourceStage, type StageOptions } from "./stages.js";
export type { EngineStage } from "./apply-events.js";
export type { ConditionResult, Decision, MissedDecision, PlanRoute, RuleEvaluation } from "./decision.js";
export type { DraftEdge, DraftResource, StageResult } from "./draft.js";
export { copyDraft } from "./draft.js";
export type { AnnotationFacts, BoundCounts, RouteRef, Subject } from "./subject.js";
