import { compareStrings } from "../util/compare.js";
import type { Plan, PlanRoute, Resource } from "./plan.js";

/**
 * `compiled/resources.json` (DESIGN §7): app, provider, resources (id, kind, name, type, params, then
 * routes, entrypoint, files, secrets, topics, assets and environment variables where they apply) and edges (source, target); no provenance. Arrays
 * come sorted from the plan, params keys are sorted; pretty-printed with a trailing newline.
 */
export function renderResourcesJson(plan: Plan): string {
  const document = {
    app: plan.app,
    provider: plan.provider,
    resources: plan.resources.map(resourceEntry),
    edges: plan.edges.map((edge) => ({ source: edge.source, target: edge.target })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function resourceEntry(resource: Resource): Record<string, unknown> {
  return {
    id: resource.id,
    kind: resource.kind,
    name: resource.name,
    type: resource.type,
    params: sortKeys(resource.params),
    ...(resource.routes ? { routes: resource.routes.map(routeEntry) } : {}),
    ...(resource.entrypoint !== undefined ? { entrypoint: resource.entrypoint } : {}),
    ...(resource.files ? { files: resource.files } : {}),
    ...(resource.secrets ? { secrets: resource.secrets } : {}),
    ...(resource.topics ? { topics: resource.topics.map((t) => ({ name: t.name, publishers: t.publishers, subscribers: t.subscribers })) } : {}),
    ...(resource.assets ? { assets: resource.assets } : {}),
    ...(resource.environment_variables ? { environment_variables: sortKeys(resource.environment_variables) } : {}),
  };
}

function routeEntry(route: PlanRoute): Record<string, unknown> {
  return {
    method: route.method,
    path: route.path,
    unit: route.unit,
    ...(route.file !== undefined ? { file: route.file } : {}),
    ...(route.line !== undefined ? { line: route.line } : {}),
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).sort(([a], [b]) => compareStrings(a, b));
  return Object.fromEntries(entries.map(([key, inner]) => [key, sortKeys(inner)]));
}
