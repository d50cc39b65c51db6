import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { DraftResource, PlanRoute } from "../engine/index.js";
import type { Unit } from "../units/unit.js";
import { schemaValidator } from "../load/schemas.js";
import { compareStrings, sortedBy } from "../util/compare.js";
import { sortRoutes } from "./edges.js";
import type { Edge, Plan, Resource } from "./plan.js";

/** Gives each exec_unit resource its unit's entry point, files and embedded assets. */
export function attachUnits(resources: readonly DraftResource[], units: readonly Unit[]): DraftResource[] {
  const byId = new Map(units.map((unit) => [`exec_unit:${unit.id}`, unit]));
  return resources.map((resource) => {
    const unit = byId.get(resource.id);
    if (!unit) return resource;
    return { ...resource, entrypoint: unit.entrypoint, files: [...unit.files].sort(compareStrings), ...(unit.assets ? { assets: unit.assets } : {}) };
  });
}

/** The plan: resources sorted by id (routes by path then method), edges as given (already sorted). */
export function toPlan(app: string, provider: string, resources: readonly DraftResource[], edges: readonly Edge[]): Plan {
  return { app, provider, resources: sortedBy(resources, (r) => r.id).map(toResource), edges };
}

function toResource(draft: DraftResource): Resource {
  const routes: PlanRoute[] = sortRoutes(draft.routes);
  return {
    id: draft.id,
    kind: draft.kind,
    name: draft.name,
    type: draft.type,
    params: draft.params,
    ...(routes.length > 0 ? { routes } : {}),
    ...(draft.entrypoint !== undefined ? { entrypoint: draft.entrypoint } : {}),
    ...(draft.files !== undefined ? { files: draft.files } : {}),
    ...(draft.secrets !== undefined ? { secrets: draft.secrets } : {}),
    ...(draft.topics !== undefined ? { topics: draft.topics } : {}),
    ...(draft.assets !== undefined ? { assets: draft.assets } : {}),
    ...(draft.environment_variables !== undefined ? { environment_variables: draft.environment_variables } : {}),
    ...(Object.keys(draft.directives).length > 0 ? { directives: draft.directives } : {}),
    source: draft.source,
    provenance: draft.provenance,
  };
}

/** Checks the plan against schemas/plan.schema.json; a violation is an internal error. */
export function validatePlan(plan: Plan): Diagnostic[] {
  return schemaValidator("plan")(plan).map((violation) => createDiagnostic("plan/invalid", {}, violation.message));
}
