import type { Node } from "@babel/types";
import { isSpecial, objectWithTag, special, type Value } from "../interpreter/values.js";
import type { Extractor, ExtractorContext } from "./extractor.js";

/** Redis clients: node-redis `createClient()` / `createCluster()` and ioredis `new Redis()` / `new Redis.Cluster()`. */
export const redisClients: Extractor = {
  meta: { kind: "redis_client", description: "Redis clients from node-redis and ioredis, and the calls made on them." },
  packages: ["redis", "@redis/client", "ioredis"],
  module(specifier) {
    if (specifier === "redis" || specifier === "@redis/client") return special("redis");
    if (specifier === "ioredis") return special("ioredis");
    return undefined;
  },
  memberReads: { tags: ["redis", "ioredis"] },
  member(object, property) {
    if (isSpecial(object, "redis") && (property === "createClient" || property === "createCluster")) return special(`redis.${property}`);
    if (isSpecial(object, "ioredis")) {
      if (property === "Cluster") return special("ioredis.Cluster");
      if (property === "Redis" || property === "default") return object;
    }
    return undefined;
  },
  callees: { tags: ["redis.createClient", "redis.createCluster"] },
  call(callee, _args, node, ctx) {
    if (isSpecial(callee, "redis.createClient")) return client(node, ctx, "redis", false);
    if (isSpecial(callee, "redis.createCluster")) return client(node, ctx, "redis", true);
    return undefined;
  },
  construct(callee, _args, node, ctx) {
    if (isSpecial(callee, "ioredis")) return client(node, ctx, "ioredis", false);
    if (isSpecial(callee, "ioredis.Cluster")) return client(node, ctx, "ioredis", true);
    return undefined;
  },
  methodCalls: { tags: ["redis.client"] },
  method(object, method, _args, node, ctx) {
    const redis = objectWithTag(object, "redis.client");
    if (!redis) return undefined;
    ctx.emit({ kind: "object_use", target: redis.id, method, range: ctx.range(node) });
    return method === "on" || method === "once" ? object : { kind: "unknown" };
  },
};

function client(node: Node, ctx: ExtractorContext, library: "redis" | "ioredis", cluster: boolean): Value {
  const ref = ctx.newObject("redis.client", node);
  ctx.emit({ kind: "redis_client", id: ref.id, library, cluster, range: ctx.range(node) });
  return { kind: "object", ref };
}
