import { createDiagnostic } from "../../diagnostics/diagnostic.js";
import type { Resource } from "../../plan/index.js";
import { Code } from "../code.js";
import type { ProgramContext } from "../context.js";
import { LONG_SLUG, logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { pathOf } from "../routes.js";
import { invokePermissions, proxyPath, resolveRoutes, routesHash, type ResolvedRoute } from "./gateway-common.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";

/** The stage of a REST API: its URL is `<api>/api/...`. */
export const REST_STAGE = "api";

/** A gateway as an API Gateway REST API (or, with `apiType: HTTP`, an HTTP API). */
export const gatewayApigateway: ResourceRenderer = {
  meta: {
    kind: "gateway",
    type: "apigateway",
    description:
      "REST API: a resource per path segment, a method and integration per route (HEAD beside GET), an invoke permission per unit, a deployment redeployed when the routes change, a stage; HTTP API (apiType HTTP): an integration and invoke permission per unit, a route per route, the $default stage",
  },
  render(gateway: Resource, context: ProgramContext) {
    const params = checkedParams(context, gateway);
    const routes = resolveRoutes(context, gateway);
    return params["apiType"] === "HTTP" ? httpApi(context, gateway, routes) : restApi(context, gateway, routes);
  },
};

/** A REST API resource: one per path prefix, under its parent (the API's root for the first segment). */
interface RestResource {
  readonly variable: string;
  readonly logical: string;
  readonly pathPart: string;
  readonly parentId: Code;
  readonly path: string;
}

function restApi(context: ProgramContext, gateway: Resource, routes: readonly ResolvedRoute[]) {
  const api = context.variable(gateway, "restApi");
  const resources = new Map<string, RestResource>();
  const resourceId = (segments: ResolvedRoute["segments"]): Code => {
    let parent = Code.ref(api, "rootResourceId");
    for (let i = 1; i <= segments.length; i++) {
      const path = pathOf(segments.slice(0, i));
      let known = resources.get(path);
      if (!known) {
        known = { variable: context.variable(gateway, `${path} resource`), logical: logicalName([gateway.name, path], undefined, LONG_SLUG), pathPart: segments[i - 1]?.text ?? "", parentId: parent, path };
        resources.set(path, known);
      }
      parent = Code.ref(known.variable, "id");
    }
    return parent;
  };
  const restRoutes = routes.map((route) => restRoute(context, gateway, route, resourceId(route.segments)));
  warnOverQuota(context, gateway, resources.size, "resources (one per path segment)");
  const stage = context.variable(gateway, "stage");
  const model = {
    id: gateway.id,
    api,
    logical: logicalName([gateway.name]),
    routes: restRoutes,
    permissions: invokePermissions(context, gateway, routes, Code.ref(api, "executionArn")),
    resources: [...resources.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    deployment: context.variable(gateway, "deployment"),
    stage,
    stageName: REST_STAGE,
    hash: routesHash(routes),
  };
  return {
    blocks: [{ template: "gateway-apigateway.njk", order: BLOCK_ORDER.gateway, key: gateway.id, model }],
    outputs: [{ name: context.variable(gateway, "url"), value: Code.ref(stage, "invokeUrl"), description: `${gateway.id}: the REST API's URL` }],
  };
}

/** A REST route's method and integration; an ECS target gets its path parameters mapped onto the load balancer's URL. */
function restRoute(context: ProgramContext, gateway: Resource, route: ResolvedRoute, resourceId: Code) {
  const key = `${route.method.toLowerCase()} ${route.path}`;
  const parameters = route.segments.flatMap((s) => (s.parameter === undefined ? [] : [s.parameter]));
  const ecs = route.target.kind === "ecs";
  return {
    method: route.method,
    path: route.path,
    unit: route.unit,
    origin: route.origin,
    resourceId,
    methodVariable: context.variable(gateway, `${key} method`),
    integrationVariable: context.variable(gateway, `${key} integration`),
    logical: logicalName([gateway.name, `${route.method} ${route.path}`], undefined, LONG_SLUG),
    target: route.target,
    requestParameters: ecs ? Object.fromEntries(parameters.map((p) => [`method.request.path.${p}`, true])) : undefined,
    integrationParameters: ecs ? Object.fromEntries(parameters.map((p) => [`integration.request.path.${p}`, `method.request.path.${p}`])) : undefined,
    proxyPath: proxyPath(route),
  };
}

function httpApi(context: ProgramContext, gateway: Resource, routes: readonly ResolvedRoute[]) {
  const api = context.variable(gateway, "httpApi");
  const units = [...new Set(routes.map((r) => r.unit))].sort();
  const integrations = units.flatMap((name) => {
    const target = routes.find((r) => r.unit === name)?.target;
    return target ? [{ unit: name, variable: context.variable(gateway, `${name} integration`), logical: logicalName([gateway.name, name], undefined, LONG_SLUG), target }] : [];
  });
  const models = routes.map((route) => ({
    routeKey: `${route.method} ${route.path}`,
    origin: route.origin,
    unit: route.unit,
    logical: logicalName([gateway.name, `${route.method} ${route.path}`], undefined, LONG_SLUG),
    integration: integrations.find((i) => i.unit === route.unit)?.variable ?? "",
  }));
  warnOverQuota(context, gateway, models.length, "routes");
  const stage = context.variable(gateway, "stage");
  const permissions = invokePermissions(context, gateway, routes, Code.ref(api, "executionArn"));
  const model = { id: gateway.id, api, logical: logicalName([gateway.name]), integrations, routes: models, permissions, stage };
  return {
    blocks: [{ template: "gateway-apigateway-http.njk", order: BLOCK_ORDER.gateway, key: gateway.id, model }],
    outputs: [{ name: context.variable(gateway, "url"), value: Code.ref(stage, "invokeUrl"), description: `${gateway.id}: the HTTP API's URL` }],
  };
}

/** API Gateway's default quota of REST resources and HTTP routes per API. */
const API_QUOTA = 300;

/** Over the default quota the deployment fails until AWS raises it: said before, at the gateway. */
function warnOverQuota(context: ProgramContext, gateway: Resource, count: number, what: string): void {
  if (count <= API_QUOTA) return;
  const range = gateway.source[0];
  context.diagnostics.push(createDiagnostic("render/api-quota", range ? { range } : {}, gateway.name, count, what));
}
