import type { ExplainEndpoint, ExplainLocation, ExplainNetwork, ExplainNetworkEdge, ExplainPlacement } from "../generated/explain.js";
import { edgeSources, serviceTitle, type NetworkEndpoint, type NetworkInput, type NetworkPlan, type UnitPlacement } from "../plan/network.js";
import type { Edge, Resource } from "../plan/index.js";
import { compareStrings } from "../util/compare.js";
import { andList } from "../util/lists.js";
import { formatExplainLocation, toLocation } from "./locations.js";
import { networkParts } from "./network-parts.js";

/**
 * The network as `klotho explain` gives it: the plan stage's decision (the one the Pulumi program is
 * rendered from) with, for each part, the resources and edges it exists for and where the code makes them.
 */
export function explainNetwork(network: NetworkPlan, input: NetworkInput): ExplainNetwork {
  const edge = networkEdgeOf(input);
  return {
    vpc: network.needed,
    parts: network.needed ? networkParts(network, input) : [],
    placements: network.placements.map((placement) => explainPlacement(placement, edge)),
    endpoints: network.endpoints.map((endpoint) => explainEndpoint(endpoint, edge)),
  };
}

/** Where one unit runs, why, and what follows for its code. */
export function explainPlacement(placement: UnitPlacement, edge: (edge: Edge) => ExplainNetworkEdge): ExplainPlacement {
  return {
    unit: placement.unit.id,
    subnets: placement.subnets,
    internet: placement.subnets !== "private",
    summary: placementSummary(placement),
    because: placement.because.map(edge),
    endpoints: placement.endpoints.map((endpoint) => endpoint.service),
  };
}

/** An edge with where the code makes it: the facts of the decisions that added it, on its source resource. */
export function networkEdgeOf(input: NetworkInput): (edge: Edge) => ExplainNetworkEdge {
  const byId = new Map(input.resources.map((r) => [r.id, r]));
  return (edge) => ({ source: edge.source, target: edge.target, reason: edge.reason, locations: edgeLocations(byId.get(edge.source), edge.target) });
}

function placementSummary(placement: UnitPlacement): string {
  if (placement.subnets === "public") return "in the VPC's public subnets with a public address, as an ECS service behind its load balancer: it reaches the internet through the internet gateway";
  if (placement.subnets === "none") return "not in the VPC: it reaches the internet and AWS services directly";
  const through = placement.endpoints.map((e) => `${serviceTitle(e.service)} (${e.service} ${e.type.toLowerCase()} endpoint)`);
  const reaches = through.length > 0 ? `; it reaches ${andList(through)} through the VPC's endpoints` : "";
  return `in the VPC's private subnets, to reach the databases and caches it uses: it has no route to the internet (no NAT gateway), so a call to any other host times out${reaches}. Code that calls the internet belongs in another unit (or the code that uses the database or cache does)`;
}

function explainEndpoint(endpoint: NetworkEndpoint, edge: (edge: Edge) => ExplainNetworkEdge): ExplainEndpoint {
  return {
    service: endpoint.service,
    type: endpoint.type === "Gateway" ? "gateway" : "interface",
    hourly: endpoint.type === "Interface",
    units: [...new Set(endpoint.edges.map((e) => e.source))].sort(compareStrings),
    edges: endpoint.edges.map(edge),
  };
}

/** Where the code makes an edge, each location once (two facts of one expression start at the same place). */
function edgeLocations(source: Resource | undefined, target: string): ExplainLocation[] {
  const locations = edgeSources(source, target).map(toLocation);
  return [...new Map(locations.map((l) => [formatExplainLocation(l), l])).values()];
}
