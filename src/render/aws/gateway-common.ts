import { createDiagnostic } from "../../diagnostics/diagnostic.js";
import type { PlanRoute, Resource } from "../../plan/index.js";
import type { SourceRange } from "../../util/source-range.js";
import { Code } from "../code.js";
import type { ProgramContext } from "../context.js";
import { compareStrings } from "../../util/compare.js";
import { LONG_SLUG, PERMISSION_NAME_LIMIT, cappedName, logicalName } from "../names.js";
import { functionVariable } from "../refs.js";
import { gatewayRoutes, type GatewayRoute } from "../routes.js";
import { sha256 } from "../../util/sha256.js";

/** Where a route goes: a unit's Lambda function, or the load balancer of an ECS unit. */
export type RouteTarget = { readonly kind: "lambda"; readonly fn: string } | { readonly kind: "ecs"; readonly loadBalancer: string };

/** A gateway route with its target, resolved. */
export interface ResolvedRoute extends GatewayRoute {
  readonly target: RouteTarget;
  /** `GET /pugs/:name (pugs.js:27)`, the code it comes from. */
  readonly origin: string;
}

/** The gateway's routes as API Gateway declares them; widened routes and conflicts are reported. */
export function resolveRoutes(context: ProgramContext, gateway: Resource): ResolvedRoute[] {
  const { routes, widened, conflicts } = gatewayRoutes(gateway.routes ?? []);
  const range = gateway.source[0];
  for (const w of widened) {
    const extras = { range: routeRange(gateway, w.route) ?? range };
    context.diagnostics.push(createDiagnostic("render/widened-route", extras, `${w.route.method} ${w.route.path}`, gateway.name, `${w.route.method} ${w.path}`, w.route.unit, w.absorbed));
  }
  for (const c of conflicts) context.diagnostics.push(createDiagnostic("render/route-conflict", { range }, gateway.name, `${c.method} ${c.path}`, c.units.join(", ")));
  return routes.flatMap((route) => {
    const unit = context.unit(route.unit);
    if (!unit) return [];
    const target: RouteTarget = unit.type === "ecs" ? { kind: "ecs", loadBalancer: context.variable(unit, "loadBalancer") } : { kind: "lambda", fn: functionVariable(context, unit) };
    const origin = route.sources.map((s) => `${s.method} ${s.path}${s.file !== undefined ? ` (${s.file}:${s.line ?? "?"})` : ""}`).join("; ");
    return [{ ...route, target, origin }];
  });
}

/**
 * Where a route is written: the code fact of the gateway's decisions at the route's file and line
 * (the routes the expose annotation serves); undefined for a route no fact records (one a rule adds).
 */
function routeRange(gateway: Resource, route: PlanRoute): SourceRange | undefined {
  if (route.file === undefined || route.line === undefined) return undefined;
  const facts = gateway.provenance.flatMap((decision) => decision.facts);
  return facts.find((fact) => fact.file === route.file && fact.start.line === route.line);
}

/**
 * The gateway's invoke permissions: one for each Lambda unit it routes to, for any of its routes
 * (`<api>/*`). API Gateway invokes a function only through the integrations that name it, which are
 * the unit's own routes, so one statement grants what one per route would; and a function's
 * resource policy holds 20 KB, about sixty statements, which one per route outgrows.
 */
export function invokePermissions(context: ProgramContext, gateway: Resource, routes: readonly ResolvedRoute[], executionArn: Code): InvokePermission[] {
  const units = new Map<string, string>();
  for (const route of routes) if (route.target.kind === "lambda") units.set(route.unit, route.target.fn);
  return [...units]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([unit, fn]) => ({ unit, fn, logical: cappedName(logicalName([gateway.name, unit], "invoke", LONG_SLUG), PERMISSION_NAME_LIMIT), sourceArn: Code.concat(executionArn, "/*") }));
}

/** An invoke permission of a gateway for a unit's function. */
export interface InvokePermission {
  readonly unit: string;
  /** The function's variable. */
  readonly fn: string;
  readonly logical: string;
  readonly sourceArn: Code;
}

/** A hash of the routes and their targets: a new one redeploys the REST API's stage. */
export function routesHash(routes: readonly ResolvedRoute[]): string {
  const text = JSON.stringify(routes.map((r) => [r.method, r.path, r.unit, r.target.kind]));
  return sha256(text).slice(0, 16);
}

/** The path of an HTTP integration to a load balancer: parameters as `{name}` (greedy ones too). */
export function proxyPath(route: GatewayRoute): string {
  return `/${route.segments.map((s) => (s.parameter === undefined ? s.text : `{${s.parameter}}`)).join("/")}`;
}
