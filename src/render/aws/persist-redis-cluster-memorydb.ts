import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";
import { storeNetwork } from "./store-network.js";

/** A redis cluster client's servers as a MemoryDB cluster. */
export const persistRedisClusterMemorydb: ResourceRenderer = {
  meta: { kind: "persist_redis_cluster", type: "memorydb", description: "a MemoryDB cluster with a subnet group and a security group admitting its units" },
  render(store: Resource, context: ProgramContext) {
    const params = checkedParams(context, store);
    const model = {
      id: store.id,
      logical: logicalName([store.name]),
      description: `klotho persist_redis_cluster ${store.name}`,
      network: storeNetwork(context, store, "memorydb", 6379),
      cluster: context.variable(store, "cluster"),
      host: context.variable(store, "host"),
      port: context.variable(store, "port"),
      nodeType: params["nodeType"] ?? "db.t4g.small",
      numShards: params["numShards"] ?? 2,
      numReplicasPerShard: params["numReplicasPerShard"] ?? 1,
      engineVersion: params["engineVersion"],
    };
    return { blocks: [{ template: "persist_redis_cluster-memorydb.njk", order: BLOCK_ORDER.store, key: store.id, model }] };
  },
};
