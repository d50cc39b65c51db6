import { readPathOf } from "../../interpreter/file-paths.js";
import { UNKNOWN, objectWithTag, stringOf } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";
import { NEST_APP } from "./metadata.js";

/**
 * `app.useStaticAssets(folder, { prefix })` of a NestJS app on Express: Nest serves the folder with
 * express.static under `prefix`, so it is what `app.use(prefix, express.static(folder))` is: a
 * folder read (its files go to the units holding the call) and static files the gateway must route.
 */
export const nestjsStaticAssets: Extractor = {
  meta: { kind: "http_static", description: "Folders a NestJS app serves with useStaticAssets(), and their prefix." },
  methodCalls: { tags: [NEST_APP] },
  method(object, method, args, node, ctx) {
    const app = objectWithTag(object, NEST_APP);
    if (!app || method !== "useStaticAssets") return undefined;
    const folder = readPathOf(args[0] ?? UNKNOWN);
    const options = args[1];
    const prefix = options?.kind === "object" ? stringOf(options.ref.props.get("prefix") ?? UNKNOWN) : undefined;
    const range = ctx.range(node);
    if (folder !== undefined) ctx.emit({ kind: "file_read", path: folder, folder: true, method: "useStaticAssets", range });
    ctx.emit({ kind: "http_static", server: "useStaticAssets", parent: app.id, prefix: prefix ?? "/", ...(folder !== undefined ? { folder } : {}), range });
    return object;
  },
};
