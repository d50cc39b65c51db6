import type { HttpMethod } from "../../fact.js";
import { HTTP_VERB_METHODS, joinPaths } from "../../http-paths.js";
import { objectWithTag, type ObjectRef } from "../../interpreter/values.js";
import type { CallNode, Extractor, ExtractorContext } from "../extractor.js";
import { prefixesOf } from "../express/mounts.js";
import { handsToNext } from "./handler.js";

const VERBS = HTTP_VERB_METHODS;
/** Paths that match every request: `*`, `/*`, and Express 5's named wildcards `/*splat`, `/{*splat}`. */
const EVERY_PATH = /^\/?(\*|\*\w+|\{\*\w+\})$/;
/** The wildcard route of a catch-all, as the catch-all rule names it. */
const PROXY = "/:proxy*";

/**
 * The catch-all of a Next.js custom server on Express: `server.all("*", (req, res) => handle(req, res))`
 * (any verb, `*` or `/*`) becomes `/` and `/:proxy*` with the route's method, in place of Express's
 * `/:rest*`; `server.use((req, res) => handle(req, res))` (or `use(handle)`, or `use("/blog", ...)`)
 * becomes `ANY` at its prefix and below. Explicit routes beside them stay as Express records them.
 */
export const nextRoutes: Extractor = {
  meta: { kind: "http_route", description: "Express routes and middleware that hand every request to a Next.js request handler." },
  methodCalls: { tags: ["express.app", "express.router"] },
  method(object, method, args, node, ctx) {
    const owner = objectWithTag(object, "express.app", "express.router");
    if (!owner) return undefined;
    if (method === "use") {
      const prefixes = prefixesOf(args[0]);
      const handlers = prefixes ? args.slice(1) : args;
      // Returns nothing: Express's own extractor still records the routers mounted in the same call.
      if (handlers.some((handler) => handsToNext(handler))) for (const prefix of prefixes ?? ["/"]) recordCatchAll(owner, "ANY", prefix, node, ctx);
      return undefined;
    }
    const verb = VERBS[method];
    const path = args[0];
    if (!verb || path?.kind !== "string" || !EVERY_PATH.test(path.value)) return undefined;
    if (!args.slice(1).some((handler) => handsToNext(handler))) return undefined;
    recordCatchAll(owner, verb, "/", node, ctx);
    return object;
  },
};

function recordCatchAll(owner: ObjectRef, method: HttpMethod, prefix: string, node: CallNode, ctx: ExtractorContext): void {
  const whole = ctx.range(node);
  // From the method's name to the end of the call, like the Express routes beside it.
  const callee = node.callee;
  const range = callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression" ? { ...whole, start: ctx.range(callee.property).start } : whole;
  for (const path of [joinPaths(prefix, "/"), joinPaths(prefix, PROXY)]) ctx.emit({ kind: "http_route", owner: owner.id, method, path, range });
}
