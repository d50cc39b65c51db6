// Fastify end to end: the fixtures compiled by the real CLI, each unit's dispatcher answering real
// API Gateway v1 and v2 events through real fastify. esm-two-units: `pugs` (a plugin whose routes
// keep pugs in a persisted Map, DynamoDB through dynalite) and `main` (the app, another plugin);
// ts-esm: TypeScript emitted as ES modules, a plugin from import(), `const address = await listen()`.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { lines } from "../helpers/program.js";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { compileFiles, jsonOf, useShopAndOther, v1Result, v2Result, type CompiledProject } from "./support.js";

const projects = useShopAndOther("fastify", "ts-esm", "notes");

const json = { "Content-Type": ["application/json"] };

describe("the compiled Fastify shop (two units)", () => {
  it("stores pugs in DynamoDB through the pugs plugin's persisted Map and reads them back", async () => {
    const pugs = projects.shop().handler("pugs");
    const saved = v1Result(await pugs(v1Event({ method: "PUT", path: "/pugs/bruno", headers: json, body: JSON.stringify({ age: 3 }) })));
    expect(saved.statusCode).toBe(200);
    expect(jsonOf(saved)).toEqual({ name: "bruno", age: 3 });
    await pugs(v2Event({ method: "PUT", path: "/pugs/otto", headers: json, body: JSON.stringify({ age: 5 }) }));

    const read = v2Result(await pugs(v2Event({ path: "/pugs/bruno" })));
    expect([read.statusCode, read.headers["content-type"]]).toEqual([200, "application/json; charset=utf-8"]);
    expect(jsonOf(read)).toEqual({ name: "bruno", age: 3 });
    expect(jsonOf(v1Result(await pugs(v1Event({ path: "/pugs" }))))).toEqual([{ name: "bruno", age: 3 }, { name: "otto", age: 5 }]);

    const missing = v2Result(await pugs(v2Event({ path: "/pugs/rex" })));
    expect(missing.statusCode).toBe(404);
    expect(jsonOf(missing)).toEqual({ error: "no such pug" });
  });

  it("serves the app's own route and the orders plugin from the main unit, with query strings and statuses", async () => {
    const main = projects.shop().handler("main");
    expect(jsonOf(v2Result(await main(v2Event({ path: "/" }))))).toEqual({ shop: "pugs" });
    const queued = v1Result(await main(v1Event({ method: "POST", path: "/orders", headers: json, body: "{}" })));
    expect([queued.statusCode, jsonOf(queued)]).toEqual([202, { queued: true }]);
    const order = v2Result(await main(v2Event({ path: "/orders/7", query: [["express", "yes"], ["gift", "a"], ["gift", "b"]] })));
    expect(jsonOf(order)).toEqual({ id: "7", status: "queued", query: { express: "yes", gift: ["a", "b"] } });
  });

  it("answers Fastify's 404 in the main unit for the routes of the pugs unit, whose plugin it does not register", async () => {
    const result = v1Result(await projects.shop().handler("main")(v1Event({ path: "/pugs/bruno" })));
    expect(result.statusCode).toBe(404);
    expect(jsonOf(result)).toEqual({ message: "Route GET:/pugs/bruno not found", error: "Not Found", statusCode: 404 });
  });
});

describe("the compiled Fastify TypeScript app", () => {
  it("serves a plugin with options, a parameter constrained by a regular expression, and a plugin loaded with import()", async () => {
    const main = projects.other().handler("main");
    expect(jsonOf(v2Result(await main(v2Event({ path: "/api/notes" }))))).toEqual({ greeting: "hello", notes: [] });
    const created = v1Result(await main(v1Event({ method: "POST", path: "/api/notes", headers: json, body: JSON.stringify({ text: "walk" }) })));
    expect([created.statusCode, jsonOf(created)]).toEqual([201, { id: "1", text: "walk" }]);
    expect(jsonOf(v2Result(await main(v2Event({ path: "/api/notes/1" }))))).toEqual({ id: "1", text: "walk" });
    expect(v2Result(await main(v2Event({ path: "/api/notes/one" }))).statusCode).toBe(404);
    const settings = v1Result(await main(v1Event({ method: "PATCH", path: "/admin/settings/theme", headers: json, body: "{}" })));
    // The admin plugin's enum and parameter properties, written as tsc writes them, run in the unit.
    expect(jsonOf(settings)).toEqual({ saved: true, how: "yes" });
    expect(jsonOf(v2Result(await main(v2Event({ path: "/health", query: [["verbose", "1"]] }))))).toEqual({ ok: true, verbose: true });
  });
});

// A handler that does more than hand its request to another unit's function keeps its route in the gateway's
// unit (with a compile warning), where that function is a stand-in: what it returns must not crash Fastify.
describe("a compiled Fastify handler returning what another unit's function gives", () => {
  let project: CompiledProject | undefined;
  beforeAll(async () => {
    project = await compileFiles({
      "package.json": JSON.stringify({ name: "fmin", main: "app.js" }),
      "app.js": lines(
        `const fastify = require("fastify")();`,
        `const orders = require("./orders");`,
        `fastify.get("/summary", async (request, reply) => {`,
        `  request.log.info("summary");`,
        `  return orders.summary(request, reply);`,
        `});`,
        `fastify.get("/health", async () => ({ ok: true }));`,
        `/* @klotho::expose { id = "api", target = "public" } */`,
        `fastify.listen({ port: 3000 });`,
      ),
      "orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, "exports.summary = async (request, reply) => ({ summary: 1 });"),
    }, "fmin");
  }, 60_000);
  afterAll(() => project?.remove());

  it("answers with the stand-in's text, says why on stderr, and keeps serving", async () => {
    if (!project) throw new Error("the project is compiled before the tests");
    const main = project.handler("main");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const summary = v2Result(await main(v2Event({ path: "/summary" })));
      expect([summary.statusCode, jsonOf(summary)]).toEqual([200, "[klotho: './orders.summary()' runs in another execution unit]"]);
      expect(errors.mock.calls.map(([text]) => String(text).split(";")[0])).toEqual(["klotho: './orders.summary' runs in another execution unit"]);
    } finally {
      errors.mockRestore();
    }
    expect(jsonOf(v1Result(await main(v1Event({ path: "/health" }))))).toEqual({ ok: true });
  });
});
