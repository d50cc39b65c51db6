import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";
import { storeNetwork } from "./store-network.js";

/** A single-node redis client's server as an ElastiCache for Redis cluster. */
export const persistRedisNodeElasticache: ResourceRenderer = {
  meta: { kind: "persist_redis_node", type: "elasticache", description: "an ElastiCache for Redis cluster with a subnet group and a security group admitting its units" },
  render(store: Resource, context: ProgramContext) {
    const params = checkedParams(context, store);
    const model = {
      id: store.id,
      logical: logicalName([store.name]),
      description: `klotho persist_redis_node ${store.name}`,
      network: storeNetwork(context, store, "redis", 6379),
      cluster: context.variable(store, "cluster"),
      host: context.variable(store, "host"),
      port: context.variable(store, "port"),
      nodeType: params["nodeType"] ?? "cache.t3.micro",
      numCacheNodes: params["numCacheNodes"] ?? 1,
      engineVersion: params["engineVersion"],
    };
    return { blocks: [{ template: "persist_redis_node-elasticache.njk", order: BLOCK_ORDER.store, key: store.id, model }] };
  },
};
