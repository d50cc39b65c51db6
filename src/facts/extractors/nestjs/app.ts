import type { Node } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import { UNKNOWN, isSpecial, objectWithTag, special, type Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { NEST_APP, nestApps } from "./metadata.js";
import { nestPaths } from "./paths.js";

const CORE = "nestjs.core";
const FACTORY = "nestjs.NestFactory";

/**
 * NestJS applications: `NestFactory.create(AppModule, ...)` (a promise of the app, however it is
 * awaited, assigned or returned) and the global prefix `app.setGlobalPrefix("api")` gives every route.
 */
export const nestjsApps: Extractor = {
  meta: { kind: "http_app", description: "NestJS applications made by NestFactory.create(AppModule), and their global prefix." },
  module(specifier) {
    return specifier === "@nestjs/core" ? special(CORE) : undefined;
  },
  member(object, property) {
    if (!isSpecial(object, CORE)) return undefined;
    if (property === "NestFactory") return special(FACTORY);
    return property === "default" ? object : undefined;
  },
  method(object, method, args, node, ctx) {
    if (isSpecial(object, FACTORY) && method === "create") return { kind: "promise", value: createApp(args[0] ?? UNKNOWN, node, ctx) };
    const app = objectWithTag(object, NEST_APP);
    const info = app && nestApps.get(app);
    if (!info || method !== "setGlobalPrefix") return undefined;
    const prefix = args[0];
    if (prefix?.kind === "string") info.globalPrefixes = nestPaths(prefix.value);
    else {
      ctx.report(createDiagnostic("nestjs/dynamic-prefix", { range: ctx.range(node) }, "the global prefix"));
      info.globalPrefixes = undefined;
    }
    return object;
  },
};

function createApp(root: Value, node: Node, ctx: ExtractorContext): Value {
  const app = ctx.newObject(NEST_APP, node);
  nestApps.set(app, { root, globalPrefixes: ["/"] });
  ctx.emit({ kind: "http_app", framework: "nestjs", id: app.id, range: ctx.range(node) });
  return { kind: "object", ref: app };
}
