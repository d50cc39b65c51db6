/** The plan stage's entry points. */
export { planApp, type PlanInput, type PlanResult, type PlanTrace, type TraceDepth } from "./plan-app.js";
export { renderResourcesJson } from "./resources-json.js";
export { staticUnitCopies, type CopiedFile } from "./static-files.js";
export { buildEffectiveSections, effectiveConfig, renderEffectiveConfig, type EffectiveSections } from "./effective-config.js";
export type { ConditionResult, Decision, Edge, MissedDecision, Plan, PlanRoute, Resource, RuleEvaluation } from "./plan.js";
