import type { Annotation } from "../annotations/index.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { diagnosticToJson } from "../diagnostics/format-json.js";
import type { ExplainAnnotationRef, ExplainDecision, ExplainEdge, ExplainLocation, ExplainMissedRule, ExplainNetworkEdge, ExplainResource } from "../generated/explain.js";
import type { LoadedRule } from "../load/rules.js";
import type { Decision, MissedDecision, Resource, RuleEvaluation } from "../plan/index.js";
import type { Edge, PlanTrace } from "../plan/index.js";
import { placementOf, type NetworkPlan } from "../plan/network.js";
import type { SourceRange } from "../util/source-range.js";
import type { FactIndex } from "./code-facts.js";
import { failedOn, toExplainCondition } from "./conditions.js";
import { formatExplainLocation, rangeKey, toLocation } from "./locations.js";
import { explainPlacement } from "./network.js";

/** Lookups shared by every resource's explanation, each made once (explaining every resource of a large app looks each resource up in them). */
export interface ResourceContext {
  readonly facts: FactIndex;
  readonly annotationsAt: ReadonlyMap<string, Annotation>;
  readonly rulesById: ReadonlyMap<string, LoadedRule>;
  readonly notFired: boolean;
  /** The plan's network, which says where each unit runs. */
  readonly network: NetworkPlan;
  /** An edge with where the code makes it. */
  readonly networkEdge: (edge: Edge) => ExplainNetworkEdge;
  /** Each resource's edges, out and in, in the plan's order. */
  readonly edges: ReadonlyMap<string, readonly ExplainEdge[]>;
  /** Each resource's evaluations (a subject's that added it, its own in the resource stages), when the rules that did not fire are shown. */
  readonly evaluations: ReadonlyMap<string, readonly RuleEvaluation[]>;
  readonly diagnostics: DiagnosticIndex;
}

/** The lookups of `explainResource`; `notFired` needs the trace's evaluations. */
export function resourceContext(
  trace: PlanTrace,
  shared: Pick<ResourceContext, "facts" | "annotationsAt" | "rulesById" | "notFired" | "network" | "networkEdge">,
  diagnostics: readonly Diagnostic[],
): ResourceContext {
  return {
    ...shared,
    edges: indexEdges(trace.edges),
    evaluations: shared.notFired ? indexEvaluations(evaluationsOf(trace)) : new Map(),
    diagnostics: indexDiagnostics(diagnostics),
  };
}

/** The trace's rule evaluations, which only an analysis with the `evaluations` trace depth records. */
export function evaluationsOf(trace: PlanTrace): readonly RuleEvaluation[] {
  if (!trace.evaluations) throw new Error("internal: the analysis recorded no rule evaluations");
  return trace.evaluations;
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
    ...(context.notFired ? { notFired: missedFor(context.evaluations.get(resource.id) ?? []) } : {}),
    ...(resource.topics ? { topics: resource.topics.map((topic) => ({ name: topic.name, publishers: [...topic.publishers], subscribers: [...topic.subscribers] })) } : {}),
    edges: [...(context.edges.get(resource.id) ?? [])],
    ...(placement ? { network: explainPlacement(placement, context.networkEdge) } : {}),
    // At the resource's source, or (a policy verdict on a klotho.yaml setting) beside it.
    diagnostics: context.diagnostics.at(sources).map(diagnosticToJson),
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
function missedFor(evaluations: readonly RuleEvaluation[]): ExplainMissedRule[] {
  return evaluations
    .flatMap((evaluation) => evaluation.missed.map((missed) => toMissedRule(missed, evaluation.range)))
    .filter((missed) => missed.stage !== "capability" || !missed.conditions || !failedOn(missed.conditions, ["subject"]));
}

/** Each resource's edges: out of it (an edge from a resource to itself once, out), then into it, in the plan's order. */
function indexEdges(edges: readonly Edge[]): Map<string, ExplainEdge[]> {
  const index = new Map<string, ExplainEdge[]>();
  const add = (id: string, edge: ExplainEdge): void => {
    const list = index.get(id);
    if (list) list.push(edge);
    else index.set(id, [edge]);
  };
  for (const edge of edges) {
    add(edge.source, { direction: "out", resource: edge.target, reason: edge.reason });
    if (edge.target !== edge.source) add(edge.target, { direction: "in", resource: edge.source, reason: edge.reason });
  }
  return index;
}

function indexEvaluations(evaluations: readonly RuleEvaluation[]): Map<string, RuleEvaluation[]> {
  const index = new Map<string, RuleEvaluation[]>();
  for (const evaluation of evaluations) {
    for (const id of new Set(evaluation.resources)) {
      const list = index.get(id);
      if (list) list.push(evaluation);
      else index.set(id, [evaluation]);
    }
  }
  return index;
}

/** The diagnostics at a resource's sources: at one of them, or related to one (a policy verdict on a klotho.yaml setting beside it). */
export interface DiagnosticIndex {
  /** In the diagnostics' order, each once. */
  at(sources: ReadonlySet<string>): Diagnostic[];
}

function indexDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticIndex {
  const byRange = new Map<string, number[]>();
  diagnostics.forEach((d, i) => {
    for (const range of [d.range, ...(d.related ?? []).map((r) => r.range)]) {
      if (range === undefined) continue;
      const key = rangeKey(range);
      const list = byRange.get(key);
      if (list) list.push(i);
      else byRange.set(key, [i]);
    }
  });
  return {
    at: (sources) => {
      const found = new Set<number>();
      for (const key of sources) for (const i of byRange.get(key) ?? []) found.add(i);
      return [...found].sort((a, b) => a - b).flatMap((i) => diagnostics[i] ?? []);
    },
  };
}
