import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { databaseConfigKey, databaseName, logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { usedByContainers } from "../refs.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";
import { storeNetwork } from "./store-network.js";

/** An ORM client's database as an RDS PostgreSQL instance in the private subnets. */
export const persistOrmRdsPostgres: ResourceRenderer = {
  meta: {
    kind: "persist_orm",
    type: "rds_postgres",
    description: "an RDS PostgreSQL instance with a subnet group and a security group admitting its units; credentials from stack config",
  },
  render(store: Resource, context: ProgramContext) {
    const params = checkedParams(context, store);
    const skipFinalSnapshot = params["skipFinalSnapshot"] ?? true;
    const model = {
      id: store.id,
      logical: logicalName([store.name]),
      description: `klotho persist_orm ${store.name}`,
      network: storeNetwork(context, store, "postgres", 5432),
      instance: context.variable(store, "instance"),
      username: context.variable(store, "username"),
      password: context.variable(store, "password"),
      connectionString: context.variable(store, "connectionString"),
      // For container units, which read it through their task definition's `secrets`.
      connectionStringParameter: usedByContainers(context, store) ? context.variable(store, "connectionStringParameter") : undefined,
      usernameKey: databaseConfigKey(store.name, "username"),
      passwordKey: databaseConfigKey(store.name, "password"),
      databaseName: databaseName(store.name),
      engineVersion: params["engineVersion"] ?? "13.7",
      instanceClass: params["instanceClass"] ?? "db.t4g.micro",
      allocatedStorage: params["allocatedStorage"] ?? 20,
      skipFinalSnapshot,
      // Its identifier is made in the program from the subnet group's name (see the template).
      finalSnapshot: skipFinalSnapshot === false,
    };
    return { blocks: [{ template: "persist_orm-rds_postgres.njk", order: BLOCK_ORDER.store, key: store.id, model }] };
  },
};
