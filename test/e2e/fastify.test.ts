// Fastify end to end: the fixtures compiled by the real CLI, each unit's dispatcher answering real
// API Gateway v1 and v2 events through real fastify. esm-two-units: `pugs` (a plugin whose routes
// keep pugs in a persisted Map, DynamoDB through dynalite) and `main` (the app, another plugin);
// ts-esm: TypeScript emitted as ES modules, a plugin from import(), `const address = await listen()`.
import { describe, expect, it } from "vitest";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { jsonOf, useShopAndOther, v1Result, v2Result } from "./support.js";

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
    expect(jsonOf(settings)).toEqual({ saved: true });
    expect(jsonOf(v2Result(await main(v2Event({ path: "/health", query: [["verbose", "1"]] }))))).toEqual({ ok: true, verbose: true });
  });
});
