import type { TopologyDocument } from "../generated/topology.js";
import type { Plan, PlanRoute, Resource } from "../plan/index.js";
import { compareStrings, sortedBy } from "../util/compare.js";
import { clientsLook, lookOf, type TypeLook } from "./catalog.js";
import { detailOf } from "./details.js";
import { edgeLabel } from "./edge-labels.js";
import { storeGroups, type DiagramGroup } from "./groups.js";

/** Columns from left to right: clients, entry points (gateways, static sites), units, stores and topics. */
export type Column = 0 | 1 | 2 | 3;

/** A box of the diagram: a plan resource, or the clients in front of the public ones. */
export interface DiagramNode {
  readonly id: string;
  readonly title: string;
  readonly kind: string;
  readonly type: string;
  readonly look: TypeLook;
  readonly detail?: string;
  /** A gateway's routes, sorted by path and method. */
  readonly routes: readonly DiagramRoute[];
  readonly column: Column;
  /** True for the clients node, which is drawn but is no plan resource. */
  readonly synthetic: boolean;
}

/** A route as the diagram shows it: where in the code it is declared is no part of the drawing. */
export type DiagramRoute = Pick<PlanRoute, "method" | "path" | "unit">;

/** An arrow of the diagram. */
export interface DiagramEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly label: string;
  /** Messages through a topic are asynchronous and drawn dashed. */
  readonly async: boolean;
  readonly synthetic: boolean;
  /** For an arrow drawn in place of several plan edges (to a group of stores): those edges. */
  readonly standsFor?: readonly DiagramEdge[];
}

/** Everything the diagram shows, before layout. */
export interface Topology {
  readonly app: string;
  readonly provider: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** Units' own stores drawn together (large plans only). */
  readonly groups: readonly DiagramGroup[];
}

// The id of the clients node; plan ids always hold a colon, so it never clashes.
const CLIENTS_ID = "clients";

/** The diagram's nodes and edges, derived from the plan only: one node per resource, one edge per plan edge, in id order. */
export function topologyOf(plan: Plan): Topology {
  const resources = sortedBy(plan.resources, (r) => r.id);
  const byId = new Map(resources.map((r) => [r.id, r]));
  const nodes = resources.map(resourceNode);
  const edges: DiagramEdge[] = [];
  for (const edge of [...plan.edges].sort((a, b) => compareStrings(a.source, b.source) || compareStrings(a.target, b.target))) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) continue;
    const async = source.kind === "pubsub" || target.kind === "pubsub";
    edges.push({ id: `edge:${edges.length}`, source: edge.source, target: edge.target, label: edgeLabel(source, target), async, synthetic: false });
  }
  const publicIds = resources.filter((r) => r.kind === "gateway" || r.kind === "static_unit").map((r) => r.id);
  const groups = storeGroups(nodes, edges);
  if (publicIds.length === 0) return { app: plan.app, provider: plan.provider, nodes, edges, groups };
  const clients: DiagramNode = { id: CLIENTS_ID, title: "Clients", kind: "clients", type: "internet", look: clientsLook, routes: [], column: 0, synthetic: true };
  const clientEdges = publicIds.map((id, i) => ({ id: `edge:clients:${i}`, source: CLIENTS_ID, target: id, label: "HTTPS", async: false, synthetic: true }));
  return { app: plan.app, provider: plan.provider, nodes: [clients, ...nodes], edges: [...clientEdges, ...edges], groups };
}

/** `compiled/<app>.json`: the plan's part of the topology, in a stable order, pretty-printed with a trailing newline. */
export function topologyJson(topology: Topology): string {
  const document: TopologyDocument = {
    app: topology.app,
    provider: topology.provider,
    nodes: topology.nodes.filter((n) => !n.synthetic).map((n) => ({ id: n.id, title: n.title, kind: n.kind, type: n.type })),
    edges: topology.edges.filter((e) => !e.synthetic).map((e) => ({ source: e.source, target: e.target, label: e.label })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function resourceNode(resource: Resource): DiagramNode {
  const detail = detailOf(resource);
  return {
    id: resource.id,
    title: resource.name,
    kind: resource.kind,
    type: resource.type,
    look: lookOf(resource),
    ...(detail !== undefined ? { detail } : {}),
    routes: (resource.routes ?? []).map(({ method, path, unit }) => ({ method, path, unit })).sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.method, b.method)),
    column: columnOf(resource.kind),
    synthetic: false,
  };
}

function columnOf(kind: string): Column {
  if (kind === "gateway" || kind === "static_unit") return 1;
  if (kind === "exec_unit") return 2;
  return 3;
}
