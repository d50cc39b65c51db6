import type { TextStyle } from "../diagnostics/format-text.js";
import type { ExplainEndpoint, ExplainNetwork, ExplainNetworkEdge, ExplainPlacement } from "../generated/explain.js";
import { formatExplainLocation } from "./locations.js";
import { andList } from "../util/lists.js";

/**
 * The network as text: what the program creates and why, where each unit runs and the endpoints;
 * compact (every resource) in a few lines, detailed (`klotho explain network`) with the edges.
 */
export function networkSection(network: ExplainNetwork, detailed: boolean, style: TextStyle): string[] {
  if (!network.vpc) {
    return [
      `${style.bold("network")} → no VPC`,
      "  The program creates no VPC: no unit uses a database or a cache, and none runs on ECS. Every unit reaches the internet and AWS services directly.",
    ];
  }
  const out = [`${style.bold("network")} → a VPC, with no NAT gateway`];
  if (!detailed) {
    const closed = network.placements.filter((p) => p.subnets === "private");
    if (closed.length > 0) out.push(`  in the private subnets, with no route to the internet: ${closed.map((p) => `${p.unit} (for ${andList(p.because.map((e) => e.target))})`).join(", ")}`);
    const ecs = network.placements.filter((p) => p.subnets === "public");
    if (ecs.length > 0) out.push(`  ECS units in the public subnets: ${ecs.map((p) => p.unit).join(", ")}`);
    if (network.endpoints.length > 0) out.push(`  endpoints: ${network.endpoints.map(endpointTitle).join(", ")}`);
    out.push(style.dim("  `klotho explain network` says why each part exists"));
    return out;
  }
  out.push("  creates:");
  for (const part of network.parts) out.push(`    - ${part.creates}${part.hourly ? ` ${style.warning("[billed per hour]")}` : ""}`, `      why: ${part.why}`);
  out.push("  units:");
  for (const placement of network.placements) out.push(...placementLines(placement, true, style, "    ", `${placement.unit}: `));
  if (network.endpoints.length > 0) out.push("  endpoints:");
  for (const endpoint of network.endpoints) {
    out.push(`    ${endpointTitle(endpoint)}: for ${andList(endpoint.units)}`);
    for (const edge of endpoint.edges) out.push(`      ${edgeLine(edge, true)}`);
  }
  return out;
}

/** A unit's placement: one line (compact), or the line and the edges that put it in the VPC (detailed). */
export function placementLines(placement: ExplainPlacement, detailed: boolean, style: TextStyle, indent: string, head: string): string[] {
  if (!detailed) {
    const short = placement.subnets === "private" ? `in the VPC's private subnets, no internet (for ${andList(placement.because.map((e) => e.target))})` : placement.subnets === "public" ? "in the VPC's public subnets (ECS)" : "not in the VPC";
    return [`${indent}${head}${short}`];
  }
  const summary = placement.internet ? placement.summary : style.warning(placement.summary);
  const out = [`${indent}${head}${summary}`];
  if (placement.because.length > 0) out.push(`${indent}  because of its edge${placement.because.length === 1 ? "" : "s"}:`);
  for (const edge of placement.because) out.push(`${indent}    ${edgeLine(edge, false)}`);
  return out;
}

/** `s3 (gateway endpoint, free)`, `sns (interface endpoint, billed per hour)`. */
function endpointTitle(endpoint: ExplainEndpoint): string {
  return `${endpoint.service} (${endpoint.type} endpoint, ${endpoint.hourly ? "billed per hour in each availability zone" : "free"})`;
}

/** `→ persist_orm:db: <reason>`, with the code's locations when the reason does not give them. */
function edgeLine(edge: ExplainNetworkEdge, bothEnds: boolean): string {
  const locations = edge.locations.map(formatExplainLocation);
  const missing = locations.length > 0 && !locations.some((location) => edge.reason.includes(location)) ? ` (at ${locations.join(", ")})` : "";
  return `→ ${bothEnds ? `${edge.source} → ` : ""}${edge.target}: ${edge.reason}${missing}`;
}
