import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { logicalName, type SecurityGroupRole } from "../names.js";

/** A store inside the VPC: its subnet group and a security group admitting only the units that use it. */
export interface StoreNetwork {
  readonly subnetGroup: string;
  readonly securityGroup: string;
  readonly securityGroupLogical: string;
  readonly port: number;
  /** Security groups of the units with an edge to the store. */
  readonly clients: readonly string[];
}

/** The network model of a database or cache listening on `port`. */
export function storeNetwork(context: ProgramContext, store: Resource, role: SecurityGroupRole, port: number): StoreNetwork {
  const clients = context
    .sources(store.id)
    .filter((r) => r.kind === "exec_unit")
    .map((unit) => context.variable(unit, "securityGroup"));
  return {
    subnetGroup: context.variable(store, "subnetGroup"),
    securityGroup: context.variable(store, "securityGroup"),
    securityGroupLogical: logicalName([store.name], role),
    port,
    clients,
  };
}
