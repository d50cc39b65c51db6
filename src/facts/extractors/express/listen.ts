import { isSpecial, objectWithTag, special, type Value } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";

const SERVER = "http.server";

/** Servers that listen: `app.listen()`, and `http.createServer(app).listen()` (also https). */
export const expressListen: Extractor = {
  meta: { kind: "http_listen", description: "Calls that start an Express server listening." },
  module(specifier) {
    return specifier === "http" || specifier === "https" || specifier === "http2" ? special(`node:${specifier}`) : undefined;
  },
  member(object, property) {
    const http = isSpecial(object, "node:http") || isSpecial(object, "node:https") || isSpecial(object, "node:http2");
    if (http && property === "createServer") return special("http.createServer");
    if (http && property === "default") return object;
    return undefined;
  },
  call(callee, args) {
    if (!isSpecial(callee, "http.createServer")) return undefined;
    const app = [...args].reverse().find((a) => objectWithTag(a, "express.app"));
    return special(SERVER, app ? { app } : {});
  },
  method(object, method, _args, node, ctx) {
    if (method !== "listen") return undefined;
    const app = objectWithTag(serverApp(object), "express.app");
    if (!app) return undefined;
    ctx.emit({ kind: "http_listen", app: app.id, range: ctx.range(node) });
    return special(SERVER, { app: { kind: "object", ref: app } });
  },
};

function serverApp(object: Value): Value {
  if (object.kind === "special" && object.tag === SERVER) return object.data?.["app"] ?? { kind: "unknown" };
  return object;
}
