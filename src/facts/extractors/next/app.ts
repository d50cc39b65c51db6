import { isSpecial, objectWithTag, special, UNKNOWN } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";
import { NEXT_APP, nextHandler } from "./handler.js";
import { nextOptions } from "./options.js";

const NEXT_MODULE = "next";

/**
 * Next.js custom servers: `next({ dev, dir })` (however `next` is imported) is a Next app, its
 * `getRequestHandler()` a request handler, and `prepare()` a promise, so code in its `.then()` or
 * after `await app.prepare()` runs in order.
 */
export const nextApps: Extractor = {
  meta: { kind: "next_app", description: "Next.js apps (next({ dev, dir })) and their request handlers (app.getRequestHandler())." },
  packages: ["next"],
  module(specifier) {
    return specifier === "next" ? special(NEXT_MODULE) : undefined;
  },
  memberReads: { tags: [NEXT_MODULE] },
  member(object, property) {
    return isSpecial(object, NEXT_MODULE) && property === "default" ? object : undefined;
  },
  callees: { tags: [NEXT_MODULE] },
  call(callee, args, node, ctx) {
    if (!isSpecial(callee, NEXT_MODULE)) return undefined;
    const app = ctx.newObject(NEXT_APP, node);
    ctx.emit({ kind: "next_app", id: app.id, ...nextOptions(args, node, ctx.file), range: ctx.range(node) });
    return { kind: "object", ref: app };
  },
  methodCalls: { tags: [NEXT_APP] },
  method(object, method, _args, node, ctx) {
    const app = objectWithTag(object, NEXT_APP);
    if (!app) return undefined;
    if (method === "prepare") return { kind: "promise", value: UNKNOWN };
    if (method !== "getRequestHandler") return undefined;
    ctx.emit({ kind: "next_handler", app: app.id, range: ctx.range(node) });
    return nextHandler(app);
  },
};
