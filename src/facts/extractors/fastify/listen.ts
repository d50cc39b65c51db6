import { UNKNOWN, objectWithTag } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";
import { FASTIFY_APP } from "./app.js";

/** `app.listen({ port, host })`, `await app.listen(...)`, `app.listen(3000, callback)` on a root Fastify instance. */
export const fastifyListen: Extractor = {
  meta: { kind: "http_listen", description: "Calls that start a Fastify server listening." },
  methodCalls: { tags: [FASTIFY_APP] },
  method(object, method, _args, node, ctx) {
    const app = objectWithTag(object, FASTIFY_APP);
    if (!app || method !== "listen") return undefined;
    ctx.emit({ kind: "http_listen", app: app.id, range: ctx.range(node) });
    // Fastify's listen resolves to the address it listens on.
    return { kind: "promise", value: UNKNOWN };
  },
};
