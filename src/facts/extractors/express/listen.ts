import type { Node } from "@babel/types";
import { isSpecial, objectWithTag, special, type Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";

const SERVER = "http.server";
/** The app of a plain `http.createServer((req, res) => ...)`: framework `node`. */
const NODE_APP = "node.app";
/** The tag of a `(req, res)` listener a library makes (Next.js `getRequestHandler()`), which `http.createServer` accepts like a function. */
export const REQUEST_LISTENER = "http.listener";

/**
 * Servers that listen: `app.listen()`, `http.createServer(app).listen()` (also https), and
 * `http.createServer(listener).listen()` with a plain `(req, res)` function, which is an app of its own.
 */
export const expressListen: Extractor = {
  meta: { kind: "http_listen", description: "Calls that start an Express app or a plain Node http server listening." },
  packages: ["http", "https", "http2"],
  module(specifier) {
    return specifier === "http" || specifier === "https" || specifier === "http2" ? special(`node:${specifier}`) : undefined;
  },
  memberReads: { tags: ["node:http", "node:https", "node:http2"] },
  member(object, property) {
    const http = isSpecial(object, "node:http") || isSpecial(object, "node:https") || isSpecial(object, "node:http2");
    if (http && property === "createServer") return special("http.createServer");
    if (http && property === "default") return object;
    return undefined;
  },
  callees: { tags: ["http.createServer"] },
  call(callee, args, node, ctx) {
    if (!isSpecial(callee, "http.createServer")) return undefined;
    const app = [...args].reverse().find((a) => objectWithTag(a, "express.app"));
    if (app) return special(SERVER, { app });
    return special(SERVER, args.some(isRequestListener) ? { app: nodeApp(node, ctx) } : {});
  },
  methodCalls: { tags: ["express.app", NODE_APP, SERVER] },
  method(object, method, _args, node, ctx) {
    if (method !== "listen") return undefined;
    const app = objectWithTag(serverApp(object), "express.app", NODE_APP);
    if (!app) return undefined;
    ctx.emit({ kind: "http_listen", app: app.id, range: ctx.range(node) });
    return special(SERVER, { app: { kind: "object", ref: app } });
  },
};

function serverApp(object: Value): Value {
  if (object.kind === "special" && object.tag === SERVER) return object.data?.["app"] ?? { kind: "unknown" };
  return object;
}

function isRequestListener(value: Value): boolean {
  return value.kind === "function" || isSpecial(value, REQUEST_LISTENER);
}

function nodeApp(node: Node, ctx: ExtractorContext): Value {
  const app = ctx.newObject(NODE_APP, node);
  ctx.emit({ kind: "http_app", framework: "node", id: app.id, range: ctx.range(node) });
  return { kind: "object", ref: app };
}
