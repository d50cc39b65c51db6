// A NestJS app written in TypeScript (test/fixtures/nestjs/users-api), compiled by the real CLI and
// served through its unit's Lambda dispatcher with real @nestjs/core and @nestjs/platform-express:
// the dispatcher init()s the app the rewritten `listen` registered, routes carry the global prefix,
// the controller gets its service by constructor injection (the emitted decorator metadata must
// name the imported class), and the service's class-field Map is a DynamoDB table (dynalite).
import { GetItemCommand } from "@aws-sdk/client-dynamodb";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynalite, type LocalBackend } from "../helpers/local-backends.js";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { compileProject, createKvTable, dynamoClient, fixture, jsonOf, LOCAL_AWS, setEnv, v1Result, v2Result, type CompiledProject } from "./support.js";

const TABLE = "users-kv";
const JSON_HEADERS = { "Content-Type": ["application/json"] };
let project: CompiledProject;
let split: CompiledProject;
let paths: CompiledProject;
let dynamicPrefix: CompiledProject;
let carried: CompiledProject;
let dynalite: LocalBackend;
let restoreEnv: () => void;

beforeAll(async () => {
  [project, split, paths, dynamicPrefix, carried, dynalite] = await Promise.all([
    compileProject(fixture("nestjs", "users-api"), "users"),
    compileProject(fixture("nestjs", "units-split"), "shop"),
    compileProject(fixture("nestjs", "controller-paths"), "catalog"),
    compileProject(fixture("nestjs", "dynamic-prefix-one-unit"), "shop"),
    compileProject(fixture("nestjs", "use-global-carried"), "carried"),
    startDynalite(),
  ]);
  restoreEnv = setEnv({ ...LOCAL_AWS, AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint, KLOTHO_APP_NAME: "users", KLOTHO_KV_TABLE: TABLE, API_PREFIX: "v1" });
  await createKvTable(dynalite.endpoint, TABLE);
}, 60_000);

afterAll(async () => {
  restoreEnv();
  await dynalite.stop();
  project.remove();
  split.remove();
  paths.remove();
  dynamicPrefix.remove();
  carried.remove();
});

describe("a NestJS app behind the dispatcher", () => {
  it("creates a user from a JSON body (REST API event) through the injected service, into DynamoDB", async () => {
    const created = v1Result(await project.handler("main")(v1Event({ method: "POST", path: "/api/users", headers: JSON_HEADERS, body: JSON.stringify({ id: "ada", name: "Ada" }) })));
    expect(created.statusCode).toBe(201);
    expect(jsonOf(created)).toEqual({ id: "ada", name: "Ada", createdBy: "UsersService" });
    const client = dynamoClient(dynalite.endpoint);
    const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: "users-store" }, sk: { S: "s:ada" } } }));
    client.destroy();
    expect(JSON.parse(Item?.["value"]?.S ?? "null")).toEqual({ id: "ada", name: "Ada", createdBy: "UsersService" });
  });

  it("reads a user by path parameter (HTTP API event) and lists them all", async () => {
    const handler = project.handler("main");
    await handler(v2Event({ method: "POST", path: "/api/users", headers: JSON_HEADERS, body: JSON.stringify({ id: "bob", name: "Bob" }) }));
    const found = v2Result(await handler(v2Event({ path: "/api/users/bob" })));
    expect(found.statusCode).toBe(200);
    expect(jsonOf(found)).toEqual({ id: "bob", name: "Bob", createdBy: "UsersService" });
    const listed = jsonOf(v1Result(await handler(v1Event({ path: "/api/users" }))));
    expect(Array.isArray(listed) ? listed.map((user: { id: string }) => user.id).sort() : listed).toEqual(["ada", "bob"]);
  });

  it("answers Nest's own 404 for a missing user, and deletes one with the status its @HttpCode sets", async () => {
    const handler = project.handler("main");
    const missing = v2Result(await handler(v2Event({ path: "/api/users/nobody" })));
    expect(missing.statusCode).toBe(404);
    expect(jsonOf(missing)).toEqual({ statusCode: 404, message: "no user nobody", error: "Not Found" });
    await handler(v1Event({ method: "POST", path: "/api/users", headers: JSON_HEADERS, body: JSON.stringify({ id: "cy", name: "Cy" }) }));
    expect(v1Result(await handler(v1Event({ method: "DELETE", path: "/api/users/cy" }))).statusCode).toBe(204);
    expect(v1Result(await handler(v1Event({ path: "/api/users/cy" }))).statusCode).toBe(404);
  });

  it("serves server-sent events (@Sse) as one response", async () => {
    const answer = v2Result(await project.handler("main")(v2Event({ path: "/api/ticks" })));
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/event-stream");
    expect(answer.body).toContain(`data: {"n":2}`);
  });

  it("serves the root module's controller under the global prefix only", async () => {
    const handler = project.handler("main");
    expect(jsonOf(v2Result(await handler(v2Event({ path: "/api/health" }))))).toEqual({ status: "ok" });
    expect(v2Result(await handler(v2Event({ path: "/health" }))).statusCode).toBe(404);
  });
});

describe("a NestJS app split into units (test/fixtures/nestjs/units-split)", () => {
  it("serves the orders controller, its injected service and its store in the orders unit", async () => {
    const orders = split.handler("orders");
    const placed = v2Result(await orders(v2Event({ method: "POST", path: "/shop/orders", headers: JSON_HEADERS, body: JSON.stringify({ id: "o1", sku: "tea" }) })));
    expect(placed.statusCode).toBe(201);
    expect(jsonOf(placed)).toMatchObject({ id: "o1", sku: "tea" });
    // AppModule's consumer.apply(stampOrders).forRoutes(OrdersController) runs for the unit's own controller.
    expect(placed.headers["x-orders-middleware"]).toBe("ran");
    // The global interceptor's file, which no unit owns, is carried by every unit serving the app.
    expect(placed.headers["x-stamp"]).toBe("global");
    expect(jsonOf(v1Result(await orders(v1Event({ path: "/shop/orders/o1" }))))).toMatchObject({ sku: "tea" });
  });

  it("boots the orders unit without main's catalog controller, which it neither carries nor serves", async () => {
    // CatalogController answers only its routes, which main serves: the orders unit's AppModule leaves it out.
    expect(existsSync(join(split.unitDir("orders"), "src/catalog.controller.js"))).toBe(false);
    expect(existsSync(join(split.unitDir("main"), "src/catalog.controller.js"))).toBe(true);
    expect(v1Result(await split.handler("orders")(v1Event({ path: "/shop/products/tea" }))).statusCode).toBe(404);
  });

  it("boots the main unit without the orders unit's controller and provider, and serves its own routes", async () => {
    // forRoutes(OrdersController) names a class main does not hold: its stand-in is left out, or Nest refuses it.
    const main = split.handler("main");
    const product = v1Result(await main(v1Event({ path: "/shop/products/tea" })));
    expect(jsonOf(product)).toEqual({ name: "Tea", price: 4 });
    expect(product.multiValueHeaders["x-orders-middleware"]).toBeUndefined();
    expect(product.multiValueHeaders["x-stamp"]).toEqual(["global"]);
    expect(v1Result(await main(v1Event({ path: "/shop/orders/o1" }))).statusCode).toBe(404);
  });
});

describe("global interceptors registered with app.useGlobalInterceptors(new X()) (test/fixtures/nestjs/use-global-carried)", () => {
  it("runs them in every unit: one written in main.ts, one in a file no unit owns reached through a barrel", async () => {
    for (const [unit, path] of [["orders", "/orders"], ["api", "/health"]] as const) {
      const answer = v2Result(await carried.handler(unit)(v2Event({ path })));
      expect([unit, answer.statusCode, answer.headers["x-request-id"], answer.headers["x-stamp"]]).toEqual([unit, 200, "1", "global"]);
    }
  });
});

describe("the paths klotho lists are the ones Nest serves (test/fixtures/nestjs/controller-paths)", () => {
  // One request per route of the fixture's resources.json, with its parameters filled in. Nest
  // matches a path whose optional trailing wildcard is left out with its slash (`/files/tree/` for
  // `files/tree/{*rest}`); API Gateway routes that request as `/files/tree`, the path klotho lists.
  const served: readonly { method: string; path: string; host?: string }[] = [
    { method: "GET", path: "/plain" },
    { method: "GET", path: "/plain/x/1" },
    { method: "GET", path: "/v1/items/5" },
    { method: "GET", path: "/v2/items/5" },
    { method: "POST", path: "/v1/items" },
    { method: "POST", path: "/v2/items" },
    { method: "GET", path: "/admin/stats", host: "admin.example.com" },
    { method: "GET", path: "/" },
    { method: "GET", path: "/about" },
    { method: "GET", path: "/info" },
    { method: "GET", path: "/files/legacy/" },
    { method: "GET", path: "/files/legacy/a/b" },
    { method: "GET", path: "/files/raw/a/b" },
    { method: "GET", path: "/files/docs" },
    { method: "GET", path: "/files/docs/2" },
    { method: "GET", path: "/files/tree/" },
    { method: "GET", path: "/files/tree/a/b" },
    { method: "GET", path: "/cats" },
    { method: "GET", path: "/cats/7" },
    { method: "GET", path: "/cats/meow" },
  ];

  it.each(served)("$method $path is served", async ({ method, path, host }) => {
    const answer = v2Result(await paths.handler("main")(v2Event({ method, path, ...(host === undefined ? {} : { headers: { Host: [host] } }) })));
    expect(answer.statusCode, answer.body).toBeLessThan(300);
  });

  it("lists the routes a controller inherits from its superclass, as Nest serves them", () => {
    const plan = JSON.parse(readFileSync(join(paths.unitDir("main"), "..", "resources.json"), "utf8")) as { resources: { routes?: { method: string; path: string }[] }[] };
    const routes = plan.resources.flatMap((resource) => resource.routes ?? []).map((route) => `${route.method} ${route.path}`);
    expect(routes.filter((route) => route.includes("/cats")).sort()).toEqual(["GET /cats", "GET /cats/:id", "GET /cats/meow"]);
  });

  it.each([["/files/raw"], ["/empty"], ["/v3/items/5"]])("GET %s is not", async (path) => {
    expect(v2Result(await paths.handler("main")(v2Event({ path }))).statusCode).toBe(404);
  });
});

describe("a global prefix klotho cannot read (test/fixtures/nestjs/dynamic-prefix-one-unit)", () => {
  it("forwards every request to the one unit holding the controllers, which starts the app from main.ts", async () => {
    const shop = dynamicPrefix.handler("shop");
    expect(jsonOf(v2Result(await shop(v2Event({ path: "/v1/users" }))))).toEqual(["ada"]);
    expect(jsonOf(v2Result(await shop(v2Event({ path: "/v1/orders" }))))).toEqual(["o1"]);
  });
});
