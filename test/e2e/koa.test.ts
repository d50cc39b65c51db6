// Koa end to end: the fixtures compiled by the real CLI, each unit's dispatcher answering real API
// Gateway v1 and v2 events through real koa and @koa/router. esm-two-units: `pugs` (a router whose
// routes keep pugs in a persisted Map, DynamoDB through dynalite) and `main` (the app, whose use()
// chain loses the pugs router but keeps its allowedMethods() stand-in); cjs-routers: prefixes set
// three ways, a router nested under a path with a parameter, a wildcard, plain middleware.
import { describe, expect, it } from "vitest";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { jsonOf, useShopAndOther, v1Result, v2Result } from "./support.js";

const projects = useShopAndOther("koa", "cjs-routers", "shelter");

const json = { "Content-Type": ["application/json"] };

describe("the compiled Koa shop (two units)", () => {
  it("stores pugs in DynamoDB through the pugs router's persisted Map and reads them back", async () => {
    const pugs = projects.shop().handler("pugs");
    const saved = v2Result(await pugs(v2Event({ method: "PUT", path: "/pugs/bruno", headers: json, body: JSON.stringify({ age: 3 }) })));
    expect(saved.statusCode).toBe(200);
    expect(jsonOf(saved)).toEqual({ name: "bruno", age: 3 });
    await pugs(v1Event({ method: "PUT", path: "/pugs/otto", headers: json, body: JSON.stringify({ age: 5 }) }));

    const read = v1Result(await pugs(v1Event({ path: "/pugs/bruno" })));
    expect([read.statusCode, read.headers["content-type"]]).toEqual([200, "application/json; charset=utf-8"]);
    expect(jsonOf(read)).toEqual({ name: "bruno", age: 3 });
    expect(jsonOf(v2Result(await pugs(v2Event({ path: "/pugs" }))))).toEqual([{ name: "bruno", age: 3 }, { name: "otto", age: 5 }]);

    const missing = v2Result(await pugs(v2Event({ path: "/pugs/rex" })));
    expect([missing.statusCode, jsonOf(missing)]).toEqual([404, { error: "no such pug" }]);
    const wrongMethod = v1Result(await pugs(v1Event({ method: "POST", path: "/pugs/rex" })));
    expect([wrongMethod.statusCode, wrongMethod.headers["allow"]]).toEqual([405, "HEAD, GET, PUT"]);
  });

  it("serves the root and orders routers from the main unit, with query strings and statuses", async () => {
    const main = projects.shop().handler("main");
    expect(jsonOf(v1Result(await main(v1Event({ path: "/" }))))).toEqual({ shop: "pugs" });
    const queued = v2Result(await main(v2Event({ method: "POST", path: "/orders" })));
    expect([queued.statusCode, jsonOf(queued)]).toEqual([202, { queued: true }]);
    const order = v1Result(await main(v1Event({ path: "/orders/7", query: [["express", "yes"], ["gift", "a"], ["gift", "b"]] })));
    expect(jsonOf(order)).toEqual({ id: "7", status: "queued", query: { express: "yes", gift: ["a", "b"] } });
  });

  it("answers Koa's 404 in the main unit for the routes of the pugs unit", async () => {
    const result = v2Result(await projects.shop().handler("main")(v2Event({ path: "/pugs/bruno" })));
    expect([result.statusCode, result.body]).toEqual([404, "Not Found"]);
  });
});

describe("the compiled Koa shelter (nested routers)", () => {
  it("serves routes under router prefixes, nested mount paths with parameters and wildcards, through the app's middleware", async () => {
    const main = projects.other().handler("main");
    const home = v2Result(await main(v2Event({ path: "/api" })));
    expect(jsonOf(home)).toEqual({ hello: "shelter" });
    expect(home.headers["x-response-time"]).toMatch(/^\d+ms$/);
    expect(jsonOf(v1Result(await main(v1Event({ path: "/api/pugs" }))))).toEqual([{ name: "otto" }]);
    expect(jsonOf(v2Result(await main(v2Event({ path: "/api/pugs/otto" }))))).toEqual({ name: "otto" });
    expect(v1Result(await main(v1Event({ method: "DELETE", path: "/api/pugs/otto" }))).statusCode).toBe(204);
    expect(v2Result(await main(v2Event({ method: "PATCH", path: "/api/pugs/otto/adopt" }))).statusCode).toBe(202);
    expect(jsonOf(v1Result(await main(v1Event({ path: "/api/pugs/otto/photos" }))))).toEqual([]);
    expect(jsonOf(v2Result(await main(v2Event({ path: "/api/pugs/otto/photos/2024/beach.jpg" }))))).toEqual({ file: "2024/beach.jpg" });
    expect(v1Result(await main(v1Event({ path: "/pugs" }))).statusCode).toBe(404);
  });
});
