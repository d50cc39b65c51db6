import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";

/** A persisted fs/promises import as a private S3 bucket. */
export const persistFsS3: ResourceRenderer = {
  meta: { kind: "persist_fs", type: "s3", description: "a private S3 bucket" },
  render(store: Resource, context: ProgramContext) {
    checkedParams(context, store);
    const model = { id: store.id, bucket: context.variable(store, "bucket"), logical: logicalName([store.name], "fs") };
    return { blocks: [{ template: "persist_fs-s3.njk", order: BLOCK_ORDER.store, key: store.id, model }] };
  },
};
