import type { Resource } from "../plan/index.js";
import type { ProgramContext } from "./context.js";
import { logicalName } from "./names.js";

/** Kinds of store that live inside a VPC: the units using them must be in it too. */
export const VPC_STORE_KINDS: ReadonlySet<string> = new Set(["persist_orm", "persist_redis_node", "persist_redis_cluster"]);

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
  /** ECS units: the load balancer's security group, the only source allowed to reach the tasks. */
  readonly alb?: { readonly securityGroup: string; readonly logical: string };
}

/** A VPC endpoint, so units in private subnets reach an AWS service without a NAT gateway. */
export interface Endpoint {
  readonly service: string;
  /** The end of the service name: `com.amazonaws.<region>.<service>`. */
  readonly suffix: string;
}

/** What the program's network block creates; `needed` false means no VPC at all. */
export interface Network {
  readonly needed: boolean;
  /** Public subnets and an internet gateway, for ECS services and their load balancers. */
  readonly publicSubnets: boolean;
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
  return unit.type === "ecs" || context.targets(unit.id).some((target) => VPC_STORE_KINDS.has(target.kind));
}

/** Decides the VPC: only when a unit or a store needs one, with the endpoints its Lambdas need. */
export function planNetwork(context: ProgramContext): Network {
  const units = context.plan.resources.filter((r) => r.kind === "exec_unit" && (r.type === "lambda" || r.type === "ecs") && isVpcUnit(context, r));
  const stores = context.plan.resources.filter((r) => VPC_STORE_KINDS.has(r.kind));
  const lambdas = units.filter((u) => u.type === "lambda");
  const uses = (unit: Resource, kind: string): boolean => context.targets(unit.id).some((t) => t.kind === kind);
  const endpoint = (service: string): Endpoint => ({ service, suffix: `.${service}` });
  const gatewayEndpoints = [
    ...(lambdas.some((u) => uses(u, "persist_fs")) ? [endpoint("s3")] : []),
    ...(lambdas.some((u) => uses(u, "persist_kv")) ? [endpoint("dynamodb")] : []),
  ];
  const needsInterface = (u: Resource): boolean => uses(u, "persist_secret") || uses(u, "pubsub");
  const interfaceEndpoints = [
    ...(lambdas.some((u) => uses(u, "persist_secret")) ? [endpoint("secretsmanager")] : []),
    ...(lambdas.some((u) => uses(u, "pubsub")) ? [endpoint("sns")] : []),
  ];
  return {
    needed: units.length > 0 || stores.length > 0,
    publicSubnets: units.some((u) => u.type === "ecs"),
    units: units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      securityGroup: context.variable(unit, "securityGroup"),
      logical: logicalName([unit.name], "unit"),
      description: `klotho exec_unit ${unit.name}`,
      albDescription: `klotho exec_unit ${unit.name} load balancer`,
      ...(unit.type === "ecs" ? { alb: { securityGroup: context.variable(unit, "albSecurityGroup"), logical: logicalName([unit.name], "alb") } } : {}),
    })),
    gatewayEndpoints,
    interfaceEndpoints,
    endpointClients: lambdas.filter(needsInterface).map((unit) => context.variable(unit, "securityGroup")),
  };
}
