// The Lambda dispatcher serving Fastify and Koa units: real fastify, koa and @koa/router apps whose
// annotated listen klotho replaced by registerApp, invoked with real-shaped API Gateway v1 and v2
// events (path parameters, query strings, JSON bodies, statuses, headers and cookies, 404s).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { V1Result, V2Result } from "../fixtures/runtime-types/apigateway.js";
import { v1Event, v2Event, type RequestSpec } from "./api-gateway-events.js";
import { createUnitFolder, type UnitFolder } from "./unit-folder.js";

const FASTIFY_CJS = {
  "index.js": `
const fastify = require("fastify")({ logger: false });
const { registerApp } = require("./klotho_runtime/app-registry.js");

fastify.register(async function pugs(api) {
  api.get("/pugs/:name", async (request) => ({ name: request.params.name, query: request.query, url: request.url }));
  api.post("/pugs", async (request, reply) => {
    reply.code(201).header("x-created", request.body.name);
    return { saved: request.body };
  });
}, { prefix: "/v1" });
fastify.get("/cookies", async (request, reply) => {
  reply.header("set-cookie", ["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
  reply.header("x-list", ["one", "two"]);
  return { cookie: request.headers.cookie ?? null };
});
fastify.get("/teapot", async (request, reply) => reply.code(418).type("text/plain").send("short and stout"));
let address;
fastify.get("/address", async () => ({ address }));
/** @klotho::expose { id = "api" } */
const start = async () => {
  address = await registerApp(fastify, { port: 3000, host: "0.0.0.0" });
};
start();
`,
};

const FASTIFY_ESM = {
  "package.json": JSON.stringify({ name: "shop", type: "module" }),
  "index.js": `
import Fastify from "fastify";
import { registerApp } from "./klotho_runtime/app-registry.js";

const app = Fastify();
let listened = null;
app.route({ method: ["GET", "HEAD"], url: "/listened", handler: async () => ({ listened }) });
/** @klotho::expose { id = "api" } */
registerApp(app, { port: 8080 }, (err, address) => {
  if (err) throw err;
  listened = address;
});
`,
};

const KOA_CJS = {
  "index.js": `
const Koa = require("koa");
const Router = require("@koa/router");
const { registerApp } = require("./klotho_runtime/app-registry.js");

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

const app = new Koa();
const router = new Router({ prefix: "/api" });
router.get("/pugs/:name", (ctx) => { ctx.body = { name: ctx.params.name, query: ctx.query, url: ctx.url }; });
router.post("/pugs", async (ctx) => {
  const body = await readJson(ctx.req);
  ctx.status = 201;
  ctx.set("x-created", body.name);
  ctx.body = { saved: body };
});
router.get("/cookies", (ctx) => {
  ctx.cookies.set("a", "1");
  ctx.cookies.set("b", "2", { httpOnly: false });
  ctx.body = { cookie: ctx.get("cookie") || null };
});
router.get("/login", (ctx) => { ctx.redirect("/api/dashboard"); });
const nested = new Router();
nested.get("/:id", (ctx) => { ctx.body = { team: ctx.params.team, id: ctx.params.id }; });
router.use("/teams/:team/members", nested.routes());
app.use(router.routes()).use(router.allowedMethods());

let listened = false;
/** @klotho::expose { id = "api" } */
const server = registerApp(app, 3000, () => { listened = true; });
router.get("/server", (ctx) => { ctx.body = { listened, port: server.address().port }; });
`,
};

let fastifyCjs: UnitFolder;
let fastifyEsm: UnitFolder;
let koaCjs: UnitFolder;

beforeAll(() => {
  process.env["KLOTHO_APP_WAIT_MS"] = "2000";
  fastifyCjs = createUnitFolder({ unit: "pugs", app: "pugs", entrypoint: "index.js", moduleKind: "cjs", gateway: true }, FASTIFY_CJS);
  fastifyEsm = createUnitFolder({ unit: "shop", app: "shop", entrypoint: "index.js", moduleKind: "esm", gateway: true }, FASTIFY_ESM);
  koaCjs = createUnitFolder({ unit: "pugs", app: "pugs", entrypoint: "index.js", moduleKind: "cjs", gateway: true }, KOA_CJS);
});

afterAll(() => {
  for (const unit of [fastifyCjs, fastifyEsm, koaCjs]) unit.folder.remove();
});

function isV1Result(value: unknown): value is V1Result {
  return typeof value === "object" && value !== null && "statusCode" in value && "multiValueHeaders" in value;
}

function isV2Result(value: unknown): value is V2Result {
  return typeof value === "object" && value !== null && "statusCode" in value && !("multiValueHeaders" in value);
}

async function viaV1(unit: UnitFolder, spec: RequestSpec): Promise<V1Result> {
  const result = await unit.invoke(v1Event(spec));
  if (!isV1Result(result)) throw new Error(`not a v1 result: ${JSON.stringify(result)}`);
  return result;
}

async function viaV2(unit: UnitFolder, spec: RequestSpec): Promise<V2Result> {
  const result = await unit.invoke(v2Event(spec));
  if (!isV2Result(result)) throw new Error(`not a v2 result: ${JSON.stringify(result)}`);
  return result;
}

function json(result: V1Result | V2Result): unknown {
  expect(result.isBase64Encoded).toBe(false);
  return JSON.parse(result.body);
}

type Send = (unit: UnitFolder, spec: RequestSpec) => Promise<V1Result | V2Result>;
const PAYLOADS: [string, Send][] = [
  ["v1", viaV1],
  ["v2", viaV2],
];
const QUERY: RequestSpec["query"] = [["tag", "a b"], ["tag", "c&d"], ["one", "1"]];

describe("the dispatcher of a Fastify unit", () => {
  it.each(PAYLOADS)("serves a plugin's route with path parameters and a multi-value query string (%s)", async (_payload, send) => {
    const result = await send(fastifyCjs, { path: "/v1/pugs/rex", query: QUERY });
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(json(result)).toEqual({ name: "rex", query: { tag: ["a b", "c&d"], one: "1" }, url: "/v1/pugs/rex?tag=a+b&tag=c%26d&one=1" });
  });

  it.each(PAYLOADS)("parses a JSON body and returns the status and headers the route set (%s)", async (_payload, send) => {
    const body = JSON.stringify({ name: "rex", age: 3 });
    const result = await send(fastifyCjs, { method: "POST", path: "/v1/pugs", body, headers: { "Content-Type": ["application/json"] } });
    expect(result.statusCode).toBe(201);
    expect(result.headers["x-created"]).toBe("rex");
    expect(json(result)).toEqual({ saved: { name: "rex", age: 3 } });
  });

  it("takes cookies in and gives every set-cookie out (v1 multi-value headers, v2 cookies)", async () => {
    const v1 = await viaV1(fastifyCjs, { path: "/cookies", cookies: ["session=abc", "theme=dark"] });
    expect(json(v1)).toEqual({ cookie: "session=abc; theme=dark" });
    expect(v1.multiValueHeaders["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    expect(v1.multiValueHeaders["x-list"]).toEqual(["one", "two"]);
    const v2 = await viaV2(fastifyCjs, { path: "/cookies", cookies: ["session=abc"] });
    expect(json(v2)).toEqual({ cookie: "session=abc" });
    expect(v2.cookies).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    expect(v2.headers["x-list"]).toBe("one, two");
  });

  it("keeps a text response's status and body", async () => {
    expect(await viaV2(fastifyCjs, { path: "/teapot" })).toMatchObject({ statusCode: 418, body: "short and stout", isBase64Encoded: false });
  });

  it.each(PAYLOADS)("answers an unknown route with Fastify's 404 (%s)", async (_payload, send) => {
    const result = await send(fastifyCjs, { method: "DELETE", path: "/v1/nope" });
    expect(result.statusCode).toBe(404);
    expect(json(result)).toEqual({ message: "Route DELETE:/v1/nope not found", error: "Not Found", statusCode: 404 });
  });

  it("resolves `await registerApp(app, { port })` with the address, as `await fastify.listen()` does", async () => {
    expect(json(await viaV2(fastifyCjs, { path: "/address" }))).toEqual({ address: "http://127.0.0.1:3000" });
  });

  it("runs a listen callback with (null, address) in an ES module unit", async () => {
    const result = await viaV1(fastifyEsm, { path: "/listened" });
    expect(json(result)).toEqual({ listened: "http://127.0.0.1:8080" });
  });
});

describe("the dispatcher of a Koa unit", () => {
  it.each(PAYLOADS)("serves a prefixed router's route with path parameters and a multi-value query string (%s)", async (_payload, send) => {
    const result = await send(koaCjs, { path: "/api/pugs/rex", query: QUERY });
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(json(result)).toEqual({ name: "rex", query: { tag: ["a b", "c&d"], one: "1" }, url: "/api/pugs/rex?tag=a+b&tag=c%26d&one=1" });
  });

  it.each(PAYLOADS)("reads a JSON body and returns the status and headers the route set (%s)", async (_payload, send) => {
    const body = JSON.stringify({ name: "rex", age: 3 });
    const result = await send(koaCjs, { method: "POST", path: "/api/pugs", body, headers: { "Content-Type": ["application/json"] } });
    expect(result.statusCode).toBe(201);
    expect(result.headers["x-created"]).toBe("rex");
    expect(json(result)).toEqual({ saved: { name: "rex", age: 3 } });
  });

  it("serves a nested router's route with the parameters of its mount path", async () => {
    expect(json(await viaV2(koaCjs, { path: "/api/teams/red/members/7" }))).toEqual({ team: "red", id: "7" });
  });

  it("takes cookies in and gives every set-cookie out (v1 multi-value headers, v2 cookies)", async () => {
    const v1 = await viaV1(koaCjs, { path: "/api/cookies", cookies: ["session=abc", "theme=dark"] });
    expect(json(v1)).toEqual({ cookie: "session=abc; theme=dark" });
    expect(v1.multiValueHeaders["set-cookie"]).toEqual(["a=1; path=/; httponly", "b=2; path=/"]);
    const v2 = await viaV2(koaCjs, { path: "/api/cookies" });
    expect(json(v2)).toEqual({ cookie: null });
    expect(v2.cookies).toEqual(["a=1; path=/; httponly", "b=2; path=/"]);
  });

  it.each(PAYLOADS)("answers an unknown route with Koa's 404 and a wrong method with allowedMethods' 405 (%s)", async (_payload, send) => {
    const missing = await send(koaCjs, { path: "/api/nope" });
    expect([missing.statusCode, missing.body]).toEqual([404, "Not Found"]);
    const wrongMethod = await send(koaCjs, { method: "DELETE", path: "/api/pugs" });
    expect([wrongMethod.statusCode, wrongMethod.headers["allow"]]).toEqual([405, "POST"]);
  });

  it("keeps a REST API's stage in ctx.redirect's root-relative Location (v1)", async () => {
    const result = await viaV1(koaCjs, { path: "/api/login", stage: "api" });
    expect(result.statusCode).toBe(302);
    expect(result.headers["location"]).toBe("/api/api/dashboard");
    expect((await viaV2(koaCjs, { path: "/api/login" })).headers["location"]).toBe("/api/dashboard");
  });

  it("keeps the stub server that replaced listen working, its callback run", async () => {
    expect(json(await viaV2(koaCjs, { path: "/api/server" }))).toEqual({ listened: true, port: 3000 });
  });
});
