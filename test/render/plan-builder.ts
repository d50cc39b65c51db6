// Plans built by hand for the render tests: any shape the plan schema allows, including names and
// values no fixture project would produce.
import { schemaValidator } from "../../src/load/schemas.js";
import type { Edge, Plan, Resource } from "../../src/plan/index.js";
import { range } from "../helpers/plan-inputs.js";

/** A resource `<kind>:<name>` of `type`, with whatever else is given. */
export function resource(id: string, type: string, extra: Partial<Omit<Resource, "id" | "kind" | "name" | "type">> = {}): Resource {
  const colon = id.indexOf(":");
  return { id, kind: id.slice(0, colon), name: id.slice(colon + 1), type, params: {}, source: [range("app.js", 1)], provenance: [], ...extra };
}

/** An edge, with a reason. */
export function edge(source: string, target: string): Edge {
  return { source, target, reason: "test" };
}

/** A plan, checked against schemas/plan.schema.json so it is one the pipeline could produce. */
export function plan(app: string, resources: readonly Resource[], edges: readonly Edge[]): Plan {
  const sorted: Plan = {
    app,
    provider: "aws",
    resources: [...resources].sort((a, b) => (a.id < b.id ? -1 : 1)),
    edges: [...edges].sort((a, b) => (a.source === b.source ? (a.target < b.target ? -1 : 1) : a.source < b.source ? -1 : 1)),
  };
  const violations = schemaValidator("plan")(sorted);
  if (violations.length > 0) throw new Error(violations.map((v) => v.message).join("\n"));
  return sorted;
}
