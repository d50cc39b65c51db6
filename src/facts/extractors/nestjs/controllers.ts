import type { Decorator } from "@babel/types";
import { createDiagnostic } from "../../../diagnostics/diagnostic.js";
import type { HttpMethod } from "../../fact.js";
import type { Value } from "../../interpreter/values.js";
import type { DecoratorTarget, Extractor, ExtractorContext } from "../extractor.js";
import { appliedDecorators, classIdentity, controllerClasses, rawPaths, routeVersions, type RouteVersion } from "./metadata.js";
import { nestPaths } from "./paths.js";
import { readVersions } from "./versions.js";

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
  controllerClasses.set(identity, {
    prefixes: raw?.flatMap(nestPaths),
    range,
    ...(target.className !== undefined ? { name: target.className } : {}),
    ...(version !== undefined ? { version: readVersions(version) } : {}),
  });
  ctx.emit({ kind: "http_router", framework: "nestjs", id: identity.id, ...(target.className !== undefined ? { name: target.className } : {}), range });
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
  for (const path of raw.flatMap(nestPaths)) ctx.emit({ kind: "http_route", owner: identity.id, method, path, range });
}

function recordRouteVersion(argument: Value | undefined, target: DecoratorTarget, node: Decorator, ctx: ExtractorContext): void {
  const identity = classIdentity(target.owner);
  if (!identity) return;
  const version: RouteVersion = { versions: argument === undefined ? "unknown" : readVersions(argument), range: ctx.range(node) };
  routeVersions.set(identity, [...(routeVersions.get(identity) ?? []), version]);
}
