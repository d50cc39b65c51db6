/* Generated from schemas/topology.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * compiled/<app>.json: the app's topology as the diagram draws it, derived only from the plan.
 */
export interface TopologyDocument {
  /**
   * Application name.
   */
  app: string;
  /**
   * Cloud provider.
   */
  provider: string;
  /**
   * One node per plan resource, sorted by id.
   */
  nodes: TopologyNode[];
  /**
   * One edge per plan edge, sorted by source, then target.
   */
  edges: TopologyEdge[];
}
/**
 * A resource.
 */
export interface TopologyNode {
  /**
   * The plan resource id, `<kind>:<name>`.
   */
  id: string;
  /**
   * The name the diagram shows (the resource name).
   */
  title: string;
  /**
   * The resource kind (exec_unit, gateway, persist_kv, ...).
   */
  kind: string;
  /**
   * The cloud type (lambda, apigateway, dynamodb, ...).
   */
  type: string;
}
/**
 * A relation between two resources, as drawn.
 */
export interface TopologyEdge {
  /**
   * Id of the resource the edge starts at.
   */
  source: string;
  /**
   * Id of the resource the edge points at.
   */
  target: string;
  /**
   * What the edge carries: a route summary (`GET /pugs/:id +1`), `publish <topic>`, `subscribe <topic>` or `uses`.
   */
  label: string;
}
