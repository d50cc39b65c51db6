import type { ExplainNetworkPart } from "../generated/explain.js";
import { AVAILABILITY_ZONES, serviceTitle, type NetworkEndpoint, type NetworkInput, type NetworkPlan } from "../plan/network.js";
import type { Resource } from "../plan/index.js";
import { compareStrings } from "../util/compare.js";
import { andList } from "../util/lists.js";

/** The resource ids of the network's parts: its stores, and its units by where they run. */
interface Members {
  readonly stores: readonly string[];
  readonly privateUnits: readonly string[];
  readonly publicUnits: readonly string[];
}

/** What the program creates for the network, in the program's order, with why. */
export function networkParts(network: NetworkPlan, input: NetworkInput): ExplainNetworkPart[] {
  const ids = (resources: readonly Resource[]): string[] => resources.map((r) => r.id).sort(compareStrings);
  const members: Members = {
    stores: ids(network.stores),
    privateUnits: ids(network.placements.filter((p) => p.subnets === "private").map((p) => p.unit)),
    publicUnits: ids(network.placements.filter((p) => p.subnets === "public").map((p) => p.unit)),
  };
  return [...addressParts(members), ...securityGroupParts(members, network.stores, input), ...endpointParts(network.endpoints)];
}

function part(name: ExplainNetworkPart["name"], creates: string, why: string, resources: readonly string[], hourly = false): ExplainNetworkPart {
  return { name, creates, why, hourly, resources: [...resources].sort(compareStrings) };
}

/** The VPC with its private subnets, and the public subnets of ECS units. */
function addressParts({ stores, privateUnits, publicUnits }: Members): ExplainNetworkPart[] {
  const runs = (units: readonly string[]): string => (units.length === 1 ? "runs" : "run");
  const why = [
    ...(stores.length > 0 ? [`the private subnets hold the databases and caches (${andList(stores)}), out of the internet's reach`] : []),
    ...(privateUnits.length > 0 ? [`${counted("the function", "the functions", privateUnits)} ${runs(privateUnits)} there to reach them`] : []),
    ...(publicUnits.length > 0 ? [`${counted("the ECS unit", "the ECS units", publicUnits)} ${runs(publicUnits)} in the VPC`] : []),
  ];
  const vpc = part("vpc", `a VPC (10.0.0.0/16) with two private subnets, one in each of ${String(AVAILABILITY_ZONES)} availability zones`, `${why.join("; ")}.`, [...stores, ...privateUnits, ...publicUnits]);
  if (publicUnits.length === 0) return [vpc];
  const ecs = `the tasks and load balancers of ${counted("the ECS unit", "the ECS units", publicUnits)} run there, and reach the internet through the gateway.`;
  return [vpc, part("public-subnets", "an internet gateway, a public route table and two public subnets", ecs, publicUnits)];
}

/** A security group per unit in the VPC (and per ECS load balancer), and a subnet group and security group per store. */
function securityGroupParts({ stores, privateUnits, publicUnits }: Members, storeResources: readonly Resource[], input: NetworkInput): ExplainNetworkPart[] {
  const units = [...privateUnits, ...publicUnits].sort(compareStrings);
  const ecs = publicUnits.length > 0;
  return [
    ...(units.length > 0
      ? [
          part(
            "unit-security-groups",
            `a security group for each unit in the VPC (${andList(units)})${ecs ? ", and one for each ECS unit's load balancer" : ""}`,
            `the databases' and caches' security groups admit these groups${ecs ? "; an ECS unit's tasks admit only its load balancer" : ""}.`,
            units,
          ),
        ]
      : []),
    ...(stores.length > 0 ? [part("store-security-groups", `a subnet group and a security group for each database and cache (${andList(stores)})`, `${storeAdmissions(storeResources, input)}.`, stores)] : []),
  ];
}

/** The gateway endpoints (free) and the interface endpoints (billed by the hour), each group with the edges it exists for. */
function endpointParts(endpoints: readonly NetworkEndpoint[]): ExplainNetworkPart[] {
  const users = (group: readonly NetworkEndpoint[]): string[] => [...new Set(group.flatMap((e) => e.edges.map((edge) => edge.source)))];
  const because = (group: readonly NetworkEndpoint[]): string => `the functions in the private subnets have no route to the internet; ${endpointReasons(group)}.`;
  const gateway = endpoints.filter((e) => e.type === "Gateway");
  const interfaces = endpoints.filter((e) => e.type === "Interface");
  const services = (group: readonly NetworkEndpoint[]): string => andList(group.map((e) => e.service));
  const billed = `Each interface endpoint is billed per hour in each of the ${String(AVAILABILITY_ZONES)} availability zones, and per GB, whether or not it is used.`;
  return [
    ...(gateway.length > 0 ? [part("gateway-endpoints", `a route table for the private subnets, with gateway endpoints for ${services(gateway)} (free)`, because(gateway), users(gateway))] : []),
    ...(interfaces.length > 0
      ? [part("interface-endpoints", `interface endpoints for ${services(interfaces)} in the private subnets, and a security group admitting the units that use them`, `${because(interfaces)} ${billed}`, users(interfaces), true)]
      : []),
  ];
}

/** `persist_orm:db admits exec_unit:a and exec_unit:b; persist_redis_node:cache admits no unit`. */
function storeAdmissions(stores: readonly Resource[], input: NetworkInput): string {
  const units = new Set(input.resources.filter((r) => r.kind === "exec_unit").map((r) => r.id));
  return stores
    .map((store) => {
      const clients = input.edges.filter((e) => e.target === store.id && units.has(e.source)).map((e) => e.source);
      return `${store.id} admits ${clients.length > 0 ? andList(clients) : "no unit"}`;
    })
    .join("; ");
}

/** `exec_unit:a reaches DynamoDB through the dynamodb endpoint (for persist_kv:orders)`. */
function endpointReasons(endpoints: readonly NetworkEndpoint[]): string {
  return endpoints
    .map((e) => {
      const units = [...new Set(e.edges.map((edge) => edge.source))];
      return `${andList(units)} reach${units.length === 1 ? "es" : ""} ${serviceTitle(e.service)} through the ${e.service} endpoint (for ${andList(e.edges.map((edge) => edge.target))})`;
    })
    .join("; ");
}

/** `the function exec_unit:a`, `the functions exec_unit:a and exec_unit:b`. */
function counted(singular: string, plural: string, ids: readonly string[]): string {
  return `${ids.length === 1 ? singular : plural} ${andList(ids)}`;
}
