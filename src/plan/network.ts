import { edgeEnd } from "../engine/event-params.js";
import { compareRanges, type SourceRange } from "../util/source-range.js";
import type { Edge, Plan, Resource } from "./plan.js";

/**
 * The network a plan needs on AWS, decided once from its resources and edges: the Pulumi renderer
 * creates what this says, and `klotho explain` explains it, so the two never disagree.
 *
 * Databases and caches live in private subnets of a VPC; a Lambda function with an edge to one runs
 * in those subnets too, with no route to the internet (there is no NAT gateway). It reaches the AWS
 * services klotho's runtime calls through VPC endpoints, made only for the services such functions use.
 * ECS units run in public subnets of the VPC, with public addresses, behind their load balancers.
 */

/** Kinds of store that live inside a VPC: the units using them must be in it too. */
export const VPC_STORE_KINDS: ReadonlySet<string> = new Set(["persist_orm", "persist_redis_node", "persist_redis_cluster"]);

/** An AWS service a function in the private subnets reaches through a VPC endpoint, and the kind of store it serves. */
interface EndpointService {
  /** The end of the service name, `com.amazonaws.<region>.<service>`. */
  readonly service: string;
  /** Gateway endpoints are free; interface endpoints are billed per hour in each availability zone (and per GB). */
  readonly type: "Gateway" | "Interface";
  readonly kind: string;
  /** The service as users know it. */
  readonly title: string;
}

/** The services klotho's runtime calls, in the order the program creates their endpoints. */
export const ENDPOINT_SERVICES: readonly EndpointService[] = [
  { service: "s3", type: "Gateway", kind: "persist_fs", title: "S3" },
  { service: "dynamodb", type: "Gateway", kind: "persist_kv", title: "DynamoDB" },
  { service: "secretsmanager", type: "Interface", kind: "persist_secret", title: "Secrets Manager" },
  { service: "sns", type: "Interface", kind: "pubsub", title: "SNS" },
];

/** How many availability zones the VPC's subnets span: an interface endpoint is billed in each. */
export const AVAILABILITY_ZONES = 2;

/** A VPC endpoint the program creates, with the edges it exists for. */
export interface NetworkEndpoint extends EndpointService {
  /** Edges from units in the private subnets to stores of the endpoint's kind, in plan order. */
  readonly edges: readonly Edge[];
}

/** Where an execution unit runs. */
export interface UnitPlacement {
  readonly unit: Resource;
  /** `private`: a Lambda function in the private subnets, with no route to the internet; `public`: an ECS service's tasks in the public subnets; `none`: outside the VPC. */
  readonly subnets: "private" | "public" | "none";
  /** For a Lambda function in the private subnets: its edges to databases and caches, which put it there. */
  readonly because: readonly Edge[];
  /** For a Lambda function in the private subnets: the endpoints it reaches AWS services through (for its own edges). */
  readonly endpoints: readonly NetworkEndpoint[];
}

/** What the program creates for the network; `needed` false means no VPC at all. */
export interface NetworkPlan {
  readonly needed: boolean;
  /** Public subnets, a route table and an internet gateway, for ECS services and their load balancers. */
  readonly publicSubnets: boolean;
  /** Every Lambda and ECS unit, in plan order, with where it runs. */
  readonly placements: readonly UnitPlacement[];
  /** The databases and caches in the private subnets, in plan order. */
  readonly stores: readonly Resource[];
  /** The endpoints, in the order of {@link ENDPOINT_SERVICES}, each only when a function in the private subnets uses its service. */
  readonly endpoints: readonly NetworkEndpoint[];
}

/** The resources and edges a network is decided from: a plan, or the trace `klotho explain` reads. */
export type NetworkInput = Pick<Plan, "resources" | "edges">;

/** Decides the network of `input`: the VPC only when a unit or a store needs one, and the endpoints its functions need. */
export function planNetwork(input: NetworkInput): NetworkPlan {
  const byId = new Map(input.resources.map((r) => [r.id, r]));
  const edgesFrom = (id: string): { edge: Edge; target: Resource }[] =>
    input.edges.flatMap((edge) => {
      const target = edge.source === id ? byId.get(edge.target) : undefined;
      return target ? [{ edge, target }] : [];
    });
  const units = input.resources.filter((r) => r.kind === "exec_unit" && (r.type === "lambda" || r.type === "ecs"));
  const placed = units.map((unit) => {
    const uses = edgesFrom(unit.id);
    const because = uses.filter((use) => VPC_STORE_KINDS.has(use.target.kind)).map((use) => use.edge);
    const subnets: UnitPlacement["subnets"] = unit.type === "ecs" ? "public" : because.length > 0 ? "private" : "none";
    return { unit, subnets, because: subnets === "private" ? because : [], uses };
  });
  const inPrivate = placed.filter((p) => p.subnets === "private");
  const endpoints = ENDPOINT_SERVICES.flatMap((service): NetworkEndpoint[] => {
    const edges = inPrivate.flatMap((p) => p.uses.filter((use) => use.target.kind === service.kind).map((use) => use.edge));
    return edges.length > 0 ? [{ ...service, edges }] : [];
  });
  const stores = input.resources.filter((r) => VPC_STORE_KINDS.has(r.kind));
  const placements = placed.map(({ unit, subnets, because }) => ({
    unit,
    subnets,
    because,
    endpoints: endpoints.filter((endpoint) => endpoint.edges.some((edge) => edge.source === unit.id)),
  }));
  return {
    needed: placements.some((p) => p.subnets !== "none") || stores.length > 0,
    publicSubnets: placements.some((p) => p.subnets === "public"),
    placements,
    stores,
    endpoints,
  };
}

/** The service of an endpoint as users know it (`dynamodb` → DynamoDB). */
export function serviceTitle(service: string): string {
  return ENDPOINT_SERVICES.find((s) => s.service === service)?.title ?? service;
}

/** Where unit `id` runs, or undefined for a resource that is not a Lambda or ECS unit. */
export function placementOf(network: NetworkPlan, id: string): UnitPlacement | undefined {
  return network.placements.find((p) => p.unit.id === id);
}

/** Where the code makes the edge from `source` to `target`: the facts of the rule decisions that added it, in file order, each once. */
export function edgeSources(source: Resource | undefined, target: string): SourceRange[] {
  const added = (source?.provenance ?? []).filter((d) => d.event.type === "add-edge" && targetOf(d.event.params) === target);
  const unique = new Map(added.flatMap((d) => d.facts).map((range) => [`${range.file}\u0000${String(range.start.offset)}\u0000${String(range.end.offset)}`, range]));
  return [...unique.values()].sort(compareRanges);
}

/** The target id of an add-edge event, as the engine read it. */
function targetOf(params: Readonly<Record<string, unknown>>): string | undefined {
  const end = edgeEnd(params, "target");
  return "value" in end ? end.value : undefined;
}
