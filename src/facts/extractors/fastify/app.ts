import { isSpecial, objectWithTag, setProperty, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import type { Extractor } from "../extractor.js";

/** The `fastify` module: the factory, however it is imported. */
export const FASTIFY = "fastify";
/** A root Fastify instance, made by the factory. */
export const FASTIFY_APP = "fastify.app";
/** The encapsulated instance a plugin registered with `register()` receives. */
export const FASTIFY_INSTANCE = "fastify.instance";

/** Instance methods that return the instance, so chains such as `app.addHook(...).get(...)` keep it. */
const CHAINABLE = new Set(["addHook", "addSchema", "addContentTypeParser", "decorateRequest", "decorateReply", "setErrorHandler", "setNotFoundHandler", "setValidatorCompiler", "setSerializerCompiler"]);

/** The tags of Fastify instances, root or plugin. */
export const FASTIFY_INSTANCES: readonly string[] = [FASTIFY_APP, FASTIFY_INSTANCE];

/** The Fastify instance (root or plugin) behind `value`, if it is one. */
export function fastifyInstance(value: Value): ObjectRef | undefined {
  return objectWithTag(value, ...FASTIFY_INSTANCES);
}

/** `fastify()` instances: `require("fastify")({ logger })`, `import Fastify from "fastify"`, `import { fastify } from "fastify"`. */
export const fastifyApps: Extractor = {
  meta: { kind: "http_app", description: "Fastify instances (fastify(), Fastify(), require('fastify')(options)) and their decorations." },
  packages: ["fastify"],
  module(specifier) {
    return specifier === "fastify" ? special(FASTIFY) : undefined;
  },
  memberReads: { tags: [FASTIFY] },
  member(object, property) {
    if (!isSpecial(object, FASTIFY)) return undefined;
    return property === "default" || property === "fastify" ? object : undefined;
  },
  callees: { tags: [FASTIFY] },
  call(callee, _args, node, ctx) {
    if (!isSpecial(callee, FASTIFY)) return undefined;
    const app = ctx.newObject(FASTIFY_APP, node);
    ctx.emit({ kind: "http_app", framework: "fastify", id: app.id, range: ctx.range(node) });
    return { kind: "object", ref: app };
  },
  methodCalls: { tags: FASTIFY_INSTANCES },
  method(object, method, args) {
    const instance = fastifyInstance(object);
    if (!instance) return undefined;
    // `decorate(name, value)` makes `instance.name` (and the plugins registered after it) see the value.
    const [name, value] = args;
    if (method === "decorate" && name?.kind === "string" && value) setProperty(instance, name.value, value);
    return method === "decorate" || CHAINABLE.has(method) ? object : undefined;
  },
};
