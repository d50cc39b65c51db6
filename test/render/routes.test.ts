// Express route paths as API Gateway paths, table-driven: parameters, greedy tails, optional
// parameters, widening of what API Gateway cannot write, sibling parameters, conflicts.
import { describe, expect, it } from "vitest";
import type { PlanRoute } from "../../src/plan/index.js";
import { gatewayRoutes } from "../../src/render/routes.js";

function route(spec: string, unit = "u"): PlanRoute {
  const [method = "GET", path = "/"] = spec.split(" ");
  return { method: method as PlanRoute["method"], path, unit, file: "app.js", line: 1 };
}

/** `METHOD path -> unit` for each gateway route but the HEAD a GET brings (tested on its own below). */
function summary(specs: readonly (string | PlanRoute)[]): string[] {
  const planned = specs.map((s) => (typeof s === "string" ? route(s) : s));
  return gatewayRoutes(planned)
    .routes.filter((r) => r.method !== "HEAD" || planned.some((p) => p.method === "HEAD"))
    .map((r) => `${r.method} ${r.path} -> ${r.unit}`);
}

describe("gatewayRoutes", () => {
  it("declares HEAD beside each GET, to the same unit, as the frameworks answer it; not where the code has HEAD or ANY", () => {
    const routes = gatewayRoutes([route("GET /pugs/:name", "pugs"), route("GET /files/:rest*", "files"), route("GET /health"), route("HEAD /health", "probe"), route("GET /any"), route("ANY /any"), route("POST /pugs")]).routes;
    expect(routes.map((r) => `${r.method} ${r.path} -> ${r.unit} (${r.sources.map((s) => s.method).join()})`)).toEqual([
      "ANY /any -> u (ANY)",
      "GET /any -> u (GET)",
      "GET /files/{rest+} -> files (GET)",
      "HEAD /files/{rest+} -> files (GET)",
      "GET /health -> u (GET)",
      "HEAD /health -> probe (HEAD)",
      "POST /pugs -> u (POST)",
      "GET /pugs/{name} -> pugs (GET)",
      "HEAD /pugs/{name} -> pugs (GET)",
    ]);
  });

  it.each([
    [["GET /"], ["GET / -> u"]],
    [["GET /pugs/:name"], ["GET /pugs/{name} -> u"]],
    [["ANY /", "ANY /:proxy*"], ["ANY / -> u", "ANY /{proxy+} -> u"]],
    [["GET /files/:rest*"], ["GET /files/{rest+} -> u"]],
    [["GET /files/:rest+"], ["GET /files/{rest+} -> u"]],
    [["GET /users/:id?"], ["GET /users -> u", "GET /users/{id} -> u"]],
    [["GET /users/"], ["GET /users -> u"]],
    [["GET /a.b_c-d/x"], ["GET /a.b_c-d/x -> u"]],
    // A parameter with a pattern that stays in its segment is the plain parameter; the unit's app checks the pattern.
    [["GET /users/:id(\\d+)"], ["GET /users/{id} -> u"]],
    [["GET /posts/:slug([a-z0-9-]+)/:year(\\d{4}|latest)"], ["GET /posts/{slug}/{year} -> u"]],
  ])("%j → %j", (routes, expected) => {
    expect(summary(routes)).toEqual(expected);
  });

  it.each([
    ["GET /files/:name.:ext", "/files/{proxy+}"],
    ["GET /caf\u00e9/menu", "/{proxy+}"],
    ["GET /a/:rest*/b", "/a/{proxy+}"],
    ['GET /q"uote/`${x}`', "/{proxy+}"],
    ["GET /proxy/:proxy/x.y!", "/proxy/{proxy}/{proxy2+}"],
    ["GET /files/:path(.*)", "/files/{proxy+}"],
    ["GET /files/:name([^/]+)", "/files/{proxy+}"],
    ["GET /tags/:tag(\\S+)", "/tags/{proxy+}"],
    ["GET /ids/:id(\\d*)", "/ids/{proxy+}"],
  ])("widens %s to %s: API Gateway sends a superset, Express matches the exact path", (spec, path) => {
    const result = gatewayRoutes([route(spec)]);
    expect(result.routes.map((r) => `${r.method} ${r.path}`)).toEqual([`GET ${path}`, `HEAD ${path}`]);
    expect(result.widened.map((w) => `${w.route.path} -> ${w.path} (absorbed: ${String(w.absorbed)})`)).toEqual([`${spec.slice(4)} -> ${path} (absorbed: false)`]);
  });

  it("routes a patterned parameter and a nested route of another unit without a conflict (both are {id} at that level)", () => {
    const result = gatewayRoutes([route("GET /users/:id(\\d+)", "users"), route("GET /users/:userId/posts", "posts")]);
    expect(result.conflicts).toEqual([]);
    expect(result.widened).toEqual([]);
    expect(result.routes.filter((r) => r.method === "GET").map((r) => `${r.path} -> ${r.unit}`)).toEqual(["/users/{id} -> users", "/users/{id}/posts -> posts"]);
  });

  it("gives sibling parameters one name (API Gateway allows one per level) and keeps names unique along a path", () => {
    expect(summary(["GET /pugs/:id", "DELETE /pugs/:name", "GET /pugs/:name/photo", "GET /a/:x/b/:x"])).toEqual([
      "GET /a/{x}/b/{x2} -> u",
      "DELETE /pugs/{id} -> u",
      "GET /pugs/{id} -> u",
      "GET /pugs/{id}/photo -> u",
    ]);
  });

  it("lets a greedy parameter absorb its plain siblings, reporting the absorbed routes as widened", () => {
    const result = gatewayRoutes([route("GET /x/:id"), route("POST /x/:rest*"), route("GET /x/lit")]);
    expect(result.routes.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /x/lit", "HEAD /x/lit", "GET /x/{rest+}", "HEAD /x/{rest+}", "POST /x/{rest+}"]);
    expect(result.widened.map((w) => `${w.route.method} ${w.route.path} -> ${w.path} (absorbed: ${String(w.absorbed)})`)).toEqual(["GET /x/:id -> /x/{rest+} (absorbed: true)"]);
  });

  it("does not depend on the order of the routes", () => {
    const routes = ["GET /pugs/:name", "GET /pugs/:id/x", "POST /pugs/:rest*", "GET /a", "ANY /:proxy*"].map((s) => route(s));
    const forward = gatewayRoutes(routes);
    const backward = gatewayRoutes([...routes].reverse());
    expect(backward.routes.map((r) => `${r.method} ${r.path}`)).toEqual(forward.routes.map((r) => `${r.method} ${r.path}`));
  });

  it("merges routes that become the same for one unit, and reports a conflict when units differ", () => {
    const same = gatewayRoutes([route("GET /f/:a.:b"), route("GET /f/:c-:d")]);
    expect(same.routes.map((r) => [r.method, r.path, r.sources.length])).toEqual([
      ["GET", "/f/{proxy+}", 2],
      ["HEAD", "/f/{proxy+}", 2],
    ]);
    expect(same.conflicts).toEqual([]);
    const clash = gatewayRoutes([route("GET /pugs/:id", "a"), route("GET /pugs/:name", "b")]);
    expect(clash.conflicts).toEqual([{ method: "GET", path: "/pugs/{id}", units: ["a", "b"] }]);
  });

  it("sends a preflight OPTIONS that units share to the first: every unit runs the app's CORS middleware, which answers it", () => {
    // The preflight routes of one `app.use(cors())` point at it; OPTIONS routes written in two places still conflict.
    const cors = (spec: string, unit: string): PlanRoute => ({ ...route(spec, unit), file: "app.js", line: 4 });
    const shared = gatewayRoutes([cors("OPTIONS /users/:id", "main"), cors("OPTIONS /users/:userId", "billing")]);
    expect([shared.conflicts, shared.routes.map((r) => `${r.method} ${r.path} -> ${r.unit}`)]).toEqual([[], ["OPTIONS /users/{id} -> billing"]]);
    const written = gatewayRoutes([{ ...route("OPTIONS /users/:id", "main"), line: 7 }, { ...route("OPTIONS /users/:userId", "billing"), line: 9 }]);
    expect(written.conflicts).toEqual([{ method: "OPTIONS", path: "/users/{id}", units: ["billing", "main"] }]);
  });
});
