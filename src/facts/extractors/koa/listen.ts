import { isSpecial, objectWithTag, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";
import { KOA_APP } from "./app.js";

/** `app.callback()`: the `(req, res)` listener of a Koa app. */
const CALLBACK = "koa.callback";
/** A server serving a Koa app: what `app.listen()` and `http.createServer(app.callback())` return. */
const SERVER = "koa.server";

/**
 * Servers that listen: `app.listen(3000)` and `http.createServer(app.callback()).listen(3000)`
 * (also https). Consulted before the Express listen extractor, which would otherwise take the
 * `http.createServer` call (its value is the special `http.createServer` that extractor defines).
 */
export const koaListen: Extractor = {
  meta: { kind: "http_listen", description: "Calls that start a Koa application listening." },
  callees: { tags: ["http.createServer"] },
  call(callee, args) {
    if (!isSpecial(callee, "http.createServer")) return undefined;
    const callback = args.find((a) => a.kind === "special" && a.tag === CALLBACK);
    const app = callback?.kind === "special" ? callback.data?.["app"] : undefined;
    return app ? special(SERVER, { app }) : undefined;
  },
  methodCalls: { tags: [KOA_APP, SERVER] },
  method(object, method, _args, node, ctx) {
    const app = objectWithTag(object, KOA_APP);
    if (app && method === "callback") return special(CALLBACK, { app: object });
    const served = app ?? servedApp(object);
    if (!served || method !== "listen") return undefined;
    ctx.emit({ kind: "http_listen", app: served.id, range: ctx.range(node) });
    return special(SERVER, { app: { kind: "object", ref: served } });
  },
};

function servedApp(object: Value): ObjectRef | undefined {
  return object.kind === "special" && object.tag === SERVER ? objectWithTag(object.data?.["app"] ?? { kind: "unknown" }, KOA_APP) : undefined;
}
