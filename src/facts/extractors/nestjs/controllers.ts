import type { Decorator } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import type { HttpMethod } from "../../fact.js";
import type { Value } from "../../interpreter/values.js";
import type { DecoratorTarget, Extractor, ExtractorContext } from "../extractor.js";
import type { ObjectRef } from "../../interpreter/values.js";
import { nestMetadata, appliedDecorators, classIdentity, rawPaths, type MethodRoutes, type RouteVersion } from "./metadata.js";
import { nestPaths } from "./paths.js";
import { readVersions } from "./versions.js";
import { pushTo } from "../../../util/lists.js";

/** The route decorators of `@nestjs/common` and the method each registers (`@Sse` serves GET). */
const VERBS: Readonly<Record<string, HttpMethod>> = {
  Get: "GET",
  Post: "POST",
  Put: "PUT",
  Delete: "DELETE",
  Patch: "PATCH",
  Options: "OPTIONS",
  Head: "HEAD",
  All: "ANY",
  Sse: "GET",
};

/**
 * Controllers and their routes: a `@Controller(path)` class is a router named after the class,
 * and each instance method decorated with `@Get(path)`, `@Post()`, ... registers a route on it.
 * A controller also serves the route methods it inherits from its superclasses (`class CatsController
 * extends CrudController`), unless it overrides them, as Nest reads them off its prototype chain.
 * Paths are converted to the plan's syntax (paths.ts); where the controller is served (its
 * prefix, the app's global prefix, its version) is decided when an app listens (listen.ts), which
 * is also where the versions `@Version(...)` gives methods are checked.
 */
export const nestjsControllers: Extractor = {
  meta: { kind: "http_route", description: "NestJS controllers (@Controller classes) and their routes (@Get, @Post, ... on methods)." },
  decorate(decorator, target, node, ctx) {
    for (const { factory, args } of appliedDecorators(decorator)) {
      const method = VERBS[factory];
      if (factory === "Controller" && target.kind === "class") recordController(args[0], target, node, ctx);
      else if (method && target.kind === "method" && !target.static) recordRoutes(method, args[0], target, node, ctx);
      else if (factory === "Version" && target.kind === "method" && !target.static) recordRouteVersion(args[0], target, node, ctx);
    }
  },
};

function recordController(argument: Value | undefined, target: DecoratorTarget, node: Decorator, ctx: ExtractorContext): void {
  const identity = classIdentity(target.owner);
  if (!identity) return;
  const range = ctx.range(node);
  const raw = rawPaths(argument, true);
  if (!raw) ctx.report(createDiagnostic("nestjs/dynamic-prefix", { range }, `controller '${target.className ?? "anonymous"}'`));
  const version = argument?.kind === "object" ? argument.ref.props.get("version") : undefined;
  nestMetadata(ctx).controllerClasses.set(identity, {
    prefixes: raw?.flatMap(nestPaths),
    range,
    ...(target.className !== undefined ? { name: target.className } : {}),
    ...(version !== undefined ? { version: readVersions(version) } : {}),
  });
  ctx.emit({ kind: "http_router", framework: "nestjs", id: identity.id, ...(target.className !== undefined ? { name: target.className } : {}), range });
  inheritRoutes(identity, ctx);
}

/**
 * The routes of the methods a controller inherits: its instance object holds each method it has, its
 * own or, unless it overrides it, its superclass's (a method without route decorators overrides too).
 */
function inheritRoutes(identity: ObjectRef, ctx: ExtractorContext): void {
  for (const value of identity.props.values()) {
    const inherited = value.kind === "function" ? nestMetadata(ctx).methodRoutes.get(value.fn) : undefined;
    if (!inherited || inherited.owner === identity) continue;
    for (const route of inherited.routes) ctx.emit({ kind: "http_route", owner: identity.id, ...route });
    if (inherited.versions.length > 0) addRouteVersions(identity, inherited.versions, ctx);
  }
}

/** The record of the routes of a method (created on its first route decorator), kept for the classes that inherit it. */
function routesOfMethod(target: DecoratorTarget, owner: ObjectRef, ctx: ExtractorContext): MethodRoutes {
  const method = target.member === undefined ? undefined : owner.props.get(target.member);
  const created: MethodRoutes = { owner, routes: [], versions: [] };
  if (method?.kind !== "function") return created;
  const { methodRoutes } = nestMetadata(ctx);
  const known = methodRoutes.get(method.fn);
  if (known) return known;
  methodRoutes.set(method.fn, created);
  return created;
}

function recordRoutes(method: HttpMethod, argument: Value | undefined, target: DecoratorTarget, node: Decorator, ctx: ExtractorContext): void {
  const identity = classIdentity(target.owner);
  if (!identity) return;
  const range = ctx.range(node);
  const raw = rawPaths(argument, false);
  if (!raw) {
    ctx.report(createDiagnostic("nestjs/dynamic-path", { range }, method));
    return;
  }
  const routes = routesOfMethod(target, identity, ctx).routes;
  for (const path of raw.flatMap(nestPaths)) {
    routes.push({ method, path, range });
    ctx.emit({ kind: "http_route", owner: identity.id, method, path, range });
  }
}

function recordRouteVersion(argument: Value | undefined, target: DecoratorTarget, node: Decorator, ctx: ExtractorContext): void {
  const identity = classIdentity(target.owner);
  if (!identity) return;
  const version: RouteVersion = { versions: argument === undefined ? "unknown" : readVersions(argument), range: ctx.range(node) };
  addRouteVersions(identity, [version], ctx);
  routesOfMethod(target, identity, ctx).versions.push(version);
}

/** Adds `versions` to the `@Version(...)` decorators known for the controller `identity`. */
function addRouteVersions(identity: ObjectRef, versions: readonly RouteVersion[], ctx: ExtractorContext): void {
  const { routeVersions } = nestMetadata(ctx);
  pushTo(routeVersions, identity, ...versions);
}
