import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { checkedParams } from "../params.js";
import { KV_TABLE } from "../refs.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";

/** Every kv map of the app as one partition (`pk` = map id) of one DynamoDB table. */
export const persistKvDynamodb: ResourceRenderer = {
  meta: {
    kind: "persist_kv",
    type: "dynamodb",
    description: "the app's one DynamoDB table (pk/sk string keys, on demand, TTL attribute expiresAt), shared by every kv map",
  },
  render(resource: Resource, context: ProgramContext) {
    checkedParams(context, resource);
    const maps = context.plan.resources.filter((r) => r.kind === "persist_kv").map((r) => r.id);
    return { blocks: [{ template: "persist_kv-dynamodb.njk", order: BLOCK_ORDER.store, key: "persist_kv", model: { maps, table: KV_TABLE } }] };
  },
};
