import type { NetworkEndpoint } from "../plan/network.js";
import type { Edge, Resource } from "../plan/index.js";
import type { ProgramContext } from "./context.js";
import { logicalName } from "./names.js";

/** The port the container of an ECS unit listens on (the `PORT` its Dockerfile sets). */
export const ECS_CONTAINER_PORT = 3000;

/** A unit with a security group in the VPC. */
export interface VpcUnit {
  readonly id: string;
  readonly name: string;
  readonly securityGroup: string;
  readonly logical: string;
  readonly description: string;
  readonly albDescription: string;
  /** Lambda units: the edges that put the function in the private subnets (`exec_unit:a -> persist_orm:db`). */
  readonly because?: string;
  /** ECS units: the load balancer's security group, the only source allowed to reach the tasks. */
  readonly alb?: { readonly securityGroup: string; readonly logical: string };
}

/** A VPC endpoint, so units in private subnets reach an AWS service without a NAT gateway. */
export interface Endpoint {
  readonly service: string;
  /** The end of the service name: `com.amazonaws.<region>.<service>`. */
  readonly suffix: string;
  /** The edges it exists for, for the program's comment. */
  readonly edges: string;
}

/** What the program's network block creates; `needed` false means no VPC at all. */
export interface Network {
  readonly needed: boolean;
  /** Public subnets and an internet gateway, for ECS services and their load balancers. */
  readonly publicSubnets: boolean;
  /** Why the VPC exists, for the program's comment: the stores and units in it. */
  readonly reason: string;
  readonly units: readonly VpcUnit[];
  /** S3 and DynamoDB gateway endpoints (free), on the private route table. */
  readonly gatewayEndpoints: readonly Endpoint[];
  /** Secrets Manager and SNS interface endpoints, reachable from `endpointClients`. */
  readonly interfaceEndpoints: readonly Endpoint[];
  /** Security groups of the units that use the interface endpoints. */
  readonly endpointClients: readonly string[];
}

/** True when the unit runs inside the VPC: every ECS unit, and a Lambda that uses a database or a cache. */
export function isVpcUnit(context: ProgramContext, unit: Resource): boolean {
  return context.network.placements.some((p) => p.unit.id === unit.id && p.subnets !== "none");
}

/** The network block's model: the plan's network decision, with the program's variable names. */
export function networkModel(context: ProgramContext): Network {
  const network = context.network;
  const placed = network.placements.filter((p) => p.subnets !== "none");
  const endpoint = (e: NetworkEndpoint): Endpoint => ({ service: e.service, suffix: `.${e.service}`, edges: edgeList(e.edges) });
  const clients = placed.filter((p) => p.endpoints.some((e) => e.type === "Interface"));
  return {
    needed: network.needed,
    publicSubnets: network.publicSubnets,
    reason: networkReason(network.stores.map((store) => store.id), placed.map((p) => p.unit.id)),
    units: placed.map(({ unit, because }) => ({
      id: unit.id,
      name: unit.name,
      securityGroup: context.variable(unit, "securityGroup"),
      logical: logicalName([unit.name], "unit"),
      description: `klotho exec_unit ${unit.name}`,
      albDescription: `klotho exec_unit ${unit.name} load balancer`,
      ...(because.length > 0 ? { because: edgeList(because) } : {}),
      ...(unit.type === "ecs" ? { alb: { securityGroup: context.variable(unit, "albSecurityGroup"), logical: logicalName([unit.name], "alb") } } : {}),
    })),
    gatewayEndpoints: network.endpoints.filter((e) => e.type === "Gateway").map(endpoint),
    interfaceEndpoints: network.endpoints.filter((e) => e.type === "Interface").map(endpoint),
    endpointClients: clients.map((p) => context.variable(p.unit, "securityGroup")),
  };
}

/** `persist_orm:db and the units in it (exec_unit:a, exec_unit:b)`. */
function networkReason(stores: readonly string[], units: readonly string[]): string {
  const inIt = units.length > 0 ? `the units in it (${units.join(", ")})` : "";
  return stores.length === 0 ? inIt : units.length === 0 ? stores.join(", ") : `${stores.join(", ")} and ${inIt}`;
}

/** `a -> b, a -> c`. */
function edgeList(edges: readonly Edge[]): string {
  return edges.map((edge) => `${edge.source} -> ${edge.target}`).join(", ");
}
