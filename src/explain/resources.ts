import type { Annotation } from "../annotations/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../diagnostics/format-json.js";
import type { ExplainAnnotationRef, ExplainDecision, ExplainEdge, ExplainLocation, ExplainMissedRule, ExplainNetworkEdge, ExplainResource } from "../generated/explain.js";
import type { LoadedRule } from "../load/rules.js";
import type { Decision, MissedDecision, Resource } from "../plan/index.js";
import type { Edge, PlanTrace } from "../plan/index.js";
import { placementOf, type NetworkPlan } from "../plan/network.js";
import type { SourceRange } from "../util/source-range.js";
import type { FactIndex } from "./code-facts.js";
import { failedOn, toExplainCondition } from "./conditions.js";
import { formatExplainLocation, rangeKey, toLocation } from "./locations.js";
import { explainPlacement } from "./network.js";

/** Lookups shared by every resource's explanation. */
export interface ResourceContext {
  readonly trace: PlanTrace;
  readonly facts: FactIndex;
  readonly annotationsAt: ReadonlyMap<string, Annotation>;
  readonly rulesById: ReadonlyMap<string, LoadedRule>;
  readonly diagnostics: readonly Diagnostic[];
  readonly notFired: boolean;
  /** The plan's network, which says where each unit runs. */
  readonly network: NetworkPlan;
  /** An edge with where the code makes it. */
  readonly networkEdge: (edge: Edge) => ExplainNetworkEdge;
}

/** Why `resource` exists: its annotations, code facts, decisions, edges, a unit's network placement, diagnostics and (with --all) the rules that did not fire. */
export function explainResource(resource: Resource, context: ResourceContext): ExplainResource {
  const sources = new Set(resource.source.map(rangeKey));
  const annotations = resource.source.flatMap((range) => {
    const annotation = context.annotationsAt.get(rangeKey(range));
    return annotation ? [annotationRef(annotation)] : [];
  });
  const placement = placementOf(context.network, resource.id);
  const factRanges = [
    ...resource.source.filter((range) => !context.annotationsAt.has(rangeKey(range))),
    ...resource.provenance.filter((d) => d.stage === "capability" && d.event.type !== "add-edge").flatMap((d) => d.facts),
  ];
  return {
    id: resource.id,
    kind: resource.kind,
    name: resource.name,
    type: resource.type,
    params: resource.params,
    annotations,
    facts: context.facts.describe(
      factRanges.filter((range) => !context.annotationsAt.has(rangeKey(range))),
      resource.kind === "exec_unit" && resource.entrypoint !== undefined ? { file: resource.entrypoint, description: `the entry point of unit ${resource.name}` } : undefined,
    ),
    decisions: resource.provenance.map((decision) => toExplainDecision(decision, context.rulesById)),
    ...(context.notFired ? { notFired: missedFor(resource.id, context.trace) } : {}),
    ...(resource.topics ? { topics: resource.topics.map((topic) => ({ name: topic.name, publishers: [...topic.publishers], subscribers: [...topic.subscribers] })) } : {}),
    edges: edgesOf(resource.id, context.trace),
    ...(placement ? { network: explainPlacement(placement, context.networkEdge) } : {}),
    // At the resource's source, or (a policy verdict on a klotho.yaml setting) beside it.
    diagnostics: context.diagnostics.filter((d) => [d.range, ...(d.related ?? []).map((r) => r.range)].some((range) => range !== undefined && sources.has(rangeKey(range)))).map(diagnosticToJson),
  };
}

/** An annotation as explain shows it. */
export function annotationRef(annotation: Annotation): ExplainAnnotationRef {
  return {
    capability: annotation.capability,
    ...(annotation.id !== undefined ? { id: annotation.id } : {}),
    text: annotation.text,
    location: toLocation(annotation.range),
  };
}

/** A recorded decision with the files its rule replaced and its conditions' outcomes. */
export function toExplainDecision(decision: Decision, rulesById: ReadonlyMap<string, LoadedRule>): ExplainDecision {
  const rule = rulesById.get(decision.ruleId);
  const replaced = rule && rule.file === decision.ruleFile ? rule.replaced : [];
  const setting = decision.stage === "config" ? decision.facts[0] : undefined;
  return {
    stage: decision.stage,
    rule: decision.ruleId,
    file: decision.ruleFile,
    replaced: [...replaced],
    description: decision.description,
    ...(decision.rationale !== undefined ? { rationale: decision.rationale } : {}),
    event: { type: decision.event.type, params: { ...decision.event.params } },
    ...(setting ? { setting: toLocation(setting) } : {}),
    ...(decision.conditions ? { conditions: toExplainCondition(decision.conditions) } : {}),
    facts: decision.stage === "config" ? [] : distinctLocations(decision.facts),
  };
}

/** The locations of `ranges`, each once: two facts of one expression (an emitter and its export) start at the same place. */
function distinctLocations(ranges: readonly SourceRange[]): ExplainLocation[] {
  const seen = new Set<string>();
  return ranges.map(toLocation).filter((location) => {
    const key = formatExplainLocation(location);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A rule that did not fire, in the document's shape. */
export function toMissedRule(missed: MissedDecision, subject: SourceRange | undefined): ExplainMissedRule {
  return {
    stage: missed.stage,
    rule: missed.ruleId,
    file: missed.ruleFile,
    description: missed.description,
    rationale: missed.rationale,
    ...(subject && missed.stage === "capability" ? { subject: toLocation(subject) } : {}),
    ...(missed.conditions ? { conditions: toExplainCondition(missed.conditions) } : {}),
  };
}

/**
 * Rules evaluated for the resource that did not fire: provider and policy rules evaluated on it, and
 * capability rules evaluated for the subject that added it, except those that stopped at the
 * `subject` test (rules written for another kind of subject say nothing about this one).
 */
function missedFor(id: string, trace: PlanTrace): ExplainMissedRule[] {
  return trace.evaluations
    .filter((evaluation) => evaluation.resources.includes(id))
    .flatMap((evaluation) => evaluation.missed.map((missed) => toMissedRule(missed, evaluation.range)))
    .filter((missed) => missed.stage !== "capability" || !missed.conditions || !failedOn(missed.conditions, ["subject"]));
}

function edgesOf(id: string, trace: PlanTrace): ExplainEdge[] {
  return trace.edges.flatMap((edge): ExplainEdge[] => {
    if (edge.source === id) return [{ direction: "out", resource: edge.target, reason: edge.reason }];
    if (edge.target === id) return [{ direction: "in", resource: edge.source, reason: edge.reason }];
    return [];
  });
}
