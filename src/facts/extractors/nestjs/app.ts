import type { Node } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import { UNKNOWN, isSpecial, objectWithTag, special, type ObjectRef, type Value } from "../../interpreter/values.js";
import { recordCors } from "../cors.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { joinPaths } from "../../http-paths.js";
import { nestMetadata, NEST_APP, classIdentity } from "./metadata.js";
import { nestPaths } from "./paths.js";
import { readVersioning } from "./versions.js";
import { pushTo } from "../../../util/lists.js";

const CORE = "nestjs.core";
const FACTORY = "nestjs.NestFactory";
const ROUTER_MODULE = "nestjs.RouterModule";

/**
 * NestJS applications: `NestFactory.create(AppModule, ...)` (a promise of the app, however it is
 * awaited, assigned or returned), the global prefix `app.setGlobalPrefix("api")` gives every route,
 * and the URI versioning `app.enableVersioning(...)` sets up (applied when the app listens).
 */
export const nestjsApps: Extractor = {
  meta: { kind: "http_app", description: "NestJS applications made by NestFactory.create(AppModule), their global prefix and URI versioning." },
  packages: ["@nestjs/core"],
  module(specifier) {
    return specifier === "@nestjs/core" ? special(CORE) : undefined;
  },
  memberReads: { tags: [CORE] },
  member(object, property) {
    if (!isSpecial(object, CORE)) return undefined;
    if (property === "NestFactory") return special(FACTORY);
    if (property === "RouterModule") return special(ROUTER_MODULE);
    return property === "default" ? object : undefined;
  },
  methodCalls: { tags: [FACTORY, ROUTER_MODULE, NEST_APP] },
  method(object, method, args, node, ctx) {
    if (isSpecial(object, FACTORY) && method === "create") return { kind: "promise", value: createApp(args, node, ctx) };
    if (isSpecial(object, ROUTER_MODULE) && method === "register") {
      registerRoutes(args[0], "/", node, ctx);
      return special(ROUTER_MODULE);
    }
    const app = objectWithTag(object, NEST_APP);
    const info = app && nestMetadata(ctx).nestApps.get(app);
    if (!info) return undefined;
    if (method === "enableCors") {
      recordCors(app.id, "/", node, ctx);
      return object;
    }
    if (method === "enableVersioning") {
      info.uriVersioning = readVersioning(args[0], node, ctx.range(node));
      return object;
    }
    if (method !== "setGlobalPrefix") return undefined;
    const prefix = args[0];
    if (prefix?.kind === "string") info.globalPrefixes = nestPaths(prefix.value);
    else {
      ctx.report(createDiagnostic("nestjs/dynamic-prefix", { range: ctx.range(node) }, "the global prefix"));
      info.globalPrefixes = undefined;
    }
    if (args[1]?.kind === "object" && args[1].ref.props.has("exclude")) ctx.report(createDiagnostic("nestjs/prefix-exclude", { range: ctx.range(node) }));
    return object;
  },
};

/**
 * Records the paths of `RouterModule.register(routes)`: each `{ path, module }` gives that module's own
 * controllers the path (joined with its parents'); `children` are route objects or module classes (which
 * take their parent's path). A path or module that is not known is a warning, and its subtree is skipped.
 */
function registerRoutes(routes: Value | undefined, parent: string, node: Node, ctx: ExtractorContext): void {
  if (routes?.kind !== "array") {
    ctx.report(createDiagnostic("nestjs/dynamic-prefix", { range: ctx.range(node) }, "RouterModule.register's routes"));
    return;
  }
  for (const route of routes.items) {
    const module = classIdentity(route);
    if (module) {
      addModulePath(module, parent, ctx);
      continue;
    }
    const path = route.kind === "object" ? route.ref.props.get("path") : undefined;
    if (route.kind !== "object" || path?.kind !== "string") {
      ctx.report(createDiagnostic("nestjs/dynamic-prefix", { range: ctx.range(node) }, "a RouterModule route"));
      continue;
    }
    const joined = joinPaths(parent, path.value);
    const target = classIdentity(route.ref.props.get("module") ?? UNKNOWN);
    if (target) addModulePath(target, joined, ctx);
    const children = route.ref.props.get("children");
    if (children !== undefined) registerRoutes(children, joined, node, ctx);
  }
}

/** Adds `path` to those RouterModule gives the module `module`'s controllers. */
function addModulePath(module: ObjectRef, path: string, ctx: ExtractorContext): void {
  const { routerModulePaths } = nestMetadata(ctx);
  pushTo(routerModulePaths, module, path);
}

/** `NestFactory.create(AppModule, [adapter,] options)`: the app; `{ cors: true }` or `{ cors: { ... } }` in its options enables CORS. */
function createApp(args: readonly Value[], node: Node, ctx: ExtractorContext): Value {
  const app = ctx.newObject(NEST_APP, node);
  nestMetadata(ctx).nestApps.set(app, { root: args[0] ?? UNKNOWN, globalPrefixes: ["/"] });
  ctx.emit({ kind: "http_app", framework: "nestjs", id: app.id, range: ctx.range(node) });
  if (args.slice(1).some((options) => options.kind === "object" && options.ref.props.has("cors")) && !corsWrittenFalse(node)) recordCors(app.id, "/", node, ctx);
  return { kind: "object", ref: app };
}

/** `create(AppModule, { cors: false })`: the option written as `false`. */
function corsWrittenFalse(node: Node): boolean {
  if (node.type !== "CallExpression") return false;
  return node.arguments.some(
    (argument) =>
      argument.type === "ObjectExpression" &&
      argument.properties.some((p) => p.type === "ObjectProperty" && p.key.type === "Identifier" && p.key.name === "cors" && p.value.type === "BooleanLiteral" && !p.value.value),
  );
}
