import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Decision, DraftEdge, DraftResource, PlanRoute } from "../engine/index.js";
import { compareStrings, sortedBy } from "../util/compare.js";
import { groupBy } from "../util/lists.js";
import type { Edge } from "./plan.js";

/**
 * Edges from each resource with routes (a gateway) to every execution unit serving one of them.
 * json-rules-engine has no "for each", so these are derived here from the final routes, which also
 * covers catch-all routes and routes added by policy rules; the reason names the unit's routes.
 */
export function routeEdges(resources: readonly DraftResource[]): DraftEdge[] {
  // A route to a unit that does not exist is an error of its own (checkRoutes), not a dangling edge too.
  const units = new Set(resources.filter((r) => r.kind === "exec_unit").map((r) => r.name));
  return resources.flatMap((resource) => {
    const routesByUnit = groupBy(sortRoutes(resource.routes).filter((route) => units.has(route.unit)), (route) => route.unit);
    return sortedBy(routesByUnit.entries(), ([unit]) => unit).map(([unit, routes]) => ({
      source: resource.id,
      target: `exec_unit:${unit}`,
      reason: `derived from the gateway's routes: ${servedRoutes(unit, routes)}`,
      ...(resource.source[0] ? { range: resource.source[0] } : {}),
    }));
  });
}

/** How many routes are shown by name in an edge's reason; the others are counted. */
const NAMED_ROUTES = 3;

/** `POST /a is served by unit api`, or `unit api serves 5 of them (GET /a, POST /a, GET /b and 2 more)`. */
function servedRoutes(unit: string, routes: readonly PlanRoute[]): string {
  const [only] = routes;
  if (routes.length === 1 && only) return `${only.method} ${only.path} is served by unit ${unit}`;
  const named = routes.slice(0, NAMED_ROUTES).map((route) => `${route.method} ${route.path}`);
  const rest = routes.length - named.length;
  return `unit ${unit} serves ${String(routes.length)} of them (${named.join(", ")}${rest > 0 ? ` and ${String(rest)} more` : ""})`;
}

/** Routes sorted by path, then method, then unit. */
export function sortRoutes(routes: readonly PlanRoute[]): PlanRoute[] {
  return [...routes].sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.method, b.method) || compareStrings(a.unit, b.unit));
}

/**
 * The plan's edges: one per source and target (the first reason wins), edges to or from a missing
 * resource dropped with a warning, rule decisions recorded on the source resource; sorted.
 */
export function resolveEdges(edges: readonly DraftEdge[], resources: ReadonlyMap<string, DraftResource>): { edges: Edge[]; diagnostics: Diagnostic[] } {
  const kept = new Map<string, Edge>();
  const diagnostics: Diagnostic[] = [];
  for (const edge of edges) {
    const key = `${edge.source}\u0000${edge.target}`;
    const missing = [edge.source, edge.target].find((id) => !resources.has(id));
    if (missing !== undefined) {
      diagnostics.push(createDiagnostic("plan/dangling-edge", { range: edge.range }, edge.source, edge.target, missing));
      continue;
    }
    const source = resources.get(edge.source);
    if (edge.decision && source) insertInStageOrder(source.provenance, edge.decision);
    if (!kept.has(key)) kept.set(key, { source: edge.source, target: edge.target, reason: edge.reason });
  }
  const sorted = [...kept.values()].sort((a, b) => compareStrings(a.source, b.source) || compareStrings(a.target, b.target));
  return { edges: sorted, diagnostics };
}

const STAGE_ORDER: readonly Decision["stage"][] = ["capability", "provider", "config", "policy"];

/** Adds an edge's decision after the decisions of its own and earlier stages, so provenance reads in the order the stages ran. */
function insertInStageOrder(provenance: Decision[], decision: Decision): void {
  const rank = STAGE_ORDER.indexOf(decision.stage);
  const later = provenance.findIndex((d) => STAGE_ORDER.indexOf(d.stage) > rank);
  provenance.splice(later === -1 ? provenance.length : later, 0, decision);
}
