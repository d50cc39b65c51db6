// The Lambda dispatcher of a compiled unit, invoked with real-shaped API Gateway v1 and v2 events and
// SNS records; the apps are small Express apps whose annotated listen klotho replaced by registerApp.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { V1Result, V2Result } from "../fixtures/runtime-types/apigateway.js";
import { snsEvent, v1Event, v2Event, type RequestSpec } from "./api-gateway-events.js";
import { requireUnitFile } from "./runtime-modules.js";
import { createUnitFolder, type UnitFolder } from "./unit-folder.js";

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:pugs-events-pug-adopted";

const CJS_APP = {
  "package.json": JSON.stringify({ name: "pugs", main: "index.js" }),
  "events.js": `
const { createEmitter } = require("./klotho_runtime/emitter.js");
/** @klotho::pubsub { id = "events" } */
exports.events = createEmitter({ id: "events", topics: ["pug-adopted"] });
`,
  "index.js": `
const express = require("express");
const { registerApp } = require("./klotho_runtime/app-registry.js");
const { events } = require("./events.js");

const PNG = Buffer.from("${PNG.toString("hex")}", "hex");
const received = [];
events.on("pug-adopted", async (pug, by) => {
  await new Promise((resolve) => setTimeout(resolve, 5));
  received.push({ pug, by });
});

const app = express();
app.use(express.json());
app.use(express.raw({ type: "application/octet-stream" }));
app.get("/pugs/:name", (req, res) => res.json({ name: req.params.name, query: req.query, ip: req.ip, url: req.originalUrl }));
app.post("/pugs", (req, res) => res.status(201).set("x-created", req.body.name).json({ saved: req.body }));
app.get("/headers", (req, res) => res.json({ multi: req.headers["x-multi"], accept: req.headers.accept, host: req.headers.host }));
app.get("/cookies", (req, res) => {
  res.cookie("a", "1");
  res.cookie("b", "2", { httpOnly: true });
  res.append("x-list", ["one", "two"]);
  res.json({ cookie: req.headers.cookie ?? null });
});
app.post("/reverse", (req, res) => res.type("application/octet-stream").send(Buffer.from(req.body).reverse()));
app.get("/image.png", (req, res) => res.type("png").send(PNG));
app.get("/teapot", (req, res) => res.status(418).type("text").send("short and stout"));
app.get("/events", (req, res) => res.json(received));
app.get("/login", (req, res) => res.redirect("/dashboard"));
app.get("/latin1", (req, res) => res.type("text/plain; charset=iso-8859-1").send(Buffer.from("café crème", "latin1")));
app.get("/report", (req, res) => {
  // A long export, and what NestJS's @Sse does: socket settings that mean nothing in memory.
  req.setTimeout(60000);
  res.setTimeout(60000, () => {});
  res.json({ same: req.socket.setKeepAlive(true).setNoDelay(true).setTimeout(0).ref().unref() === req.socket });
});

let listened = false;
/** @klotho::expose { id = "api" } */
const server = registerApp(app, 3000, () => { listened = true; });
app.get("/server", (req, res) => res.json({ listened, listening: server.listening, port: server.address().port }));
`,
};

const ESM_APP = {
  "package.json": JSON.stringify({ name: "shop", type: "module" }),
  "catalog.js": `export const catalog = new Map([["42", { id: "42", name: "harness" }]]);\n`,
  "index.js": `
import express from "express";
import { registerApp } from "./klotho_runtime/app-registry.js";

const { catalog } = await import("./catalog.js");
const greeting = await new Promise((resolve) => setTimeout(() => resolve("hello"), 10));

async function createApp() {
  await new Promise((resolve) => setTimeout(resolve, 30));
  const app = express();
  app.get("/items/:id", (req, res) => {
    const item = catalog.get(req.params.id);
    if (!item) return res.status(404).json({ error: "no such item" });
    res.json({ ...item, colors: req.query.color, greeting });
  });
  app.post("/items", express.json(), (req, res) => res.status(201).location("/items/" + req.body.id).json(req.body));
  app.get("/items/:id/thumbnail", (req, res) => res.type("image/gif").send(Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0xff, 0x00])));
  return app;
}

// The app exists only once a promise settles: the dispatcher must wait for registerApp.
/** @klotho::expose { id = "api" } */
createApp().then((app) => registerApp(app));
`,
};

const WORKER_APP = {
  "index.js": `
const { createEmitter } = require("./klotho_runtime/emitter.js");
const events = createEmitter({ id: "events", topics: ["pug-adopted"] });
exports.received = [];
events.on("pug-adopted", (pug) => { exports.received.push(pug); });
`,
};

const SERVER_APPS = {
  "index.js": `
const http = require("node:http");
const { registerApp } = require("./klotho_runtime/app-registry.js");
// A Next.js-style custom server: http.createServer around a request handler.
const server = http.createServer((req, res) => {
  res.setHeader("content-type", "text/plain");
  res.end(req.method + " " + req.url);
});
/** @klotho::expose { id = "api" } */
registerApp(server, 3000);
`,
  "nest.js": `
const http = require("node:http");
const { registerApp } = require("./klotho_runtime/app-registry.js");
// The part of a NestJS application the dispatcher uses: init() before getHttpServer() serves.
let ready = false;
const server = http.createServer((req, res) => res.end(ready ? "nest ready" : "not initialized"));
const app = { init: async () => { ready = true; return app; }, getHttpServer: () => server };
/** @klotho::expose { id = "api" } */
(async () => { await registerApp(app, 3000); })();
`,
  "www.js": `
// express-generator's bin/www, and a listen callback that reads the server's address.
const http = require("node:http");
const express = require("express");
const { registerApp } = require("./klotho_runtime/app-registry.js");
const app = express();
const logged = [];
app.get("/logged", (req, res) => res.json(logged));
const port = Number(process.env.PORT || "3000");
const server = http.createServer(app);
/** @klotho::expose { id = "api" } */
registerApp(server, port, () => logged.push("listening on " + server.address().port));
server.on("error", (error) => { throw error; });
server.on("listening", function onListening() {
  const address = server.address();
  logged.push(typeof address === "string" ? "pipe " + address : "port " + address.port);
});
`,
};

let pugs: UnitFolder;
let shop: UnitFolder;
let worker: UnitFolder;
let broken: UnitFolder;
let silent: UnitFolder;
let custom: UnitFolder;
let nest: UnitFolder;
let www: UnitFolder;

beforeAll(() => {
  process.env["KLOTHO_APP_WAIT_MS"] = "500";
  process.env["KLOTHO_PUBSUB_EVENTS_PUG_ADOPTED_ARN"] = TOPIC_ARN;
  pugs = createUnitFolder({ unit: "pugs", app: "pugs", entrypoint: "index.js", moduleKind: "cjs", gateway: true }, CJS_APP);
  shop = createUnitFolder({ unit: "shop", app: "shop", entrypoint: "index.js", moduleKind: "esm", gateway: true }, ESM_APP);
  worker = createUnitFolder({ unit: "worker", app: "pugs", entrypoint: "index.js", moduleKind: "cjs", gateway: false }, WORKER_APP);
  broken = createUnitFolder({ unit: "broken", app: "pugs", entrypoint: "index.js", moduleKind: "cjs", gateway: true }, {
    "index.js": `throw new Error("the entrypoint must not be loaded");\n`,
  });
  custom = createUnitFolder({ unit: "custom", app: "pugs", entrypoint: "index.js", moduleKind: "cjs", gateway: true }, SERVER_APPS);
  nest = createUnitFolder({ unit: "nest", app: "pugs", entrypoint: "nest.js", moduleKind: "cjs", gateway: true }, SERVER_APPS);
  www = createUnitFolder({ unit: "www", app: "pugs", entrypoint: "www.js", moduleKind: "cjs", gateway: true }, SERVER_APPS);
  silent = createUnitFolder({ unit: "silent", app: "pugs", entrypoint: "server.js", moduleKind: "cjs", gateway: true }, {
    "server.js": `require("express")(); // never reaches the annotated listen\n`,
  });
});

afterAll(() => {
  for (const unit of [pugs, shop, worker, broken, silent, custom, nest, www]) unit.folder.remove();
});

function isV1Result(value: unknown): value is V1Result {
  return typeof value === "object" && value !== null && "statusCode" in value && "multiValueHeaders" in value;
}

function isV2Result(value: unknown): value is V2Result {
  return typeof value === "object" && value !== null && "statusCode" in value && !("multiValueHeaders" in value);
}

async function viaV1(unit: UnitFolder, spec: RequestSpec, options: { httpApi?: boolean } = {}): Promise<V1Result> {
  const result = await unit.invoke(v1Event(spec, options));
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

describe("the dispatcher of a CommonJS Express unit", () => {
  it.each([
    ["v1", (spec: RequestSpec) => viaV1(pugs, spec)],
    ["v2", (spec: RequestSpec) => viaV2(pugs, spec)],
  ])("serves path and multi-value query parameters (%s)", async (_payload, send) => {
    const result = await send({ path: "/pugs/rex", query: [["tag", "a b"], ["tag", "c&d"], ["one", "1"]] });
    expect(result.statusCode).toBe(200);
    expect(result.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(json(result)).toEqual({ name: "rex", query: { tag: ["a b", "c&d"], one: "1" }, ip: "203.0.113.9", url: "/pugs/rex?tag=a+b&tag=c%26d&one=1" });
  });

  it.each([
    ["v1", (spec: RequestSpec) => viaV1(pugs, spec)],
    ["v2", (spec: RequestSpec) => viaV2(pugs, spec)],
  ])("passes a JSON body in and a status and headers out (%s)", async (_payload, send) => {
    const body = JSON.stringify({ name: "rex", age: 3 });
    const result = await send({ method: "POST", path: "/pugs", body, headers: { "Content-Type": ["application/json"] } });
    expect(result.statusCode).toBe(201);
    expect(result.headers["x-created"]).toBe("rex");
    expect(json(result)).toEqual({ saved: { name: "rex", age: 3 } });
  });

  it("joins a v1 multi-value request header as Node does", async () => {
    const result = await viaV1(pugs, { path: "/headers", headers: { "X-Multi": ["a", "b"] } });
    expect(json(result)).toEqual({ multi: "a, b", accept: "*/*", host: "abc123xyz.execute-api.eu-west-1.amazonaws.com" });
  });

  it("returns v1 multi-value response headers and cookies as set-cookie values", async () => {
    const result = await viaV1(pugs, { path: "/cookies", cookies: ["session=abc", "theme=dark"] });
    expect(json(result)).toEqual({ cookie: "session=abc; theme=dark" });
    expect(result.multiValueHeaders["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    expect(result.multiValueHeaders["x-list"]).toEqual(["one", "two"]);
    expect(result.headers["set-cookie"]).toBeUndefined();
    expect(result.multiValueHeaders["connection"]).toBeUndefined();
  });

  it("takes v2 cookies in and gives them out as the cookies array", async () => {
    const result = await viaV2(pugs, { path: "/cookies", cookies: ["session=abc", "theme=dark"] });
    expect(json(result)).toEqual({ cookie: "session=abc; theme=dark" });
    expect(result.cookies).toEqual(["a=1; Path=/", "b=2; Path=/; HttpOnly"]);
    expect(result.headers["x-list"]).toBe("one, two");
    expect(result.headers["set-cookie"]).toBeUndefined();
  });

  it.each([
    ["v1", (spec: RequestSpec) => viaV1(pugs, spec)],
    ["v2", (spec: RequestSpec) => viaV2(pugs, spec)],
  ])("decodes base64 request bodies and base64-encodes binary responses (%s)", async (_payload, send) => {
    const bytes = Buffer.from([0, 1, 2, 250, 255, 128]);
    const result = await send({ method: "POST", path: "/reverse", body: bytes, headers: { "Content-Type": ["application/octet-stream"] } });
    expect(result.statusCode).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, "base64")).toEqual(Buffer.from(bytes).reverse());
    const image = await send({ path: "/image.png" });
    expect(image.headers["content-type"]).toBe("image/png");
    expect(image.isBase64Encoded).toBe(true);
    expect(Buffer.from(image.body, "base64")).toEqual(PNG);
  });

  it.each([
    ["v1", (spec: RequestSpec) => viaV1(pugs, spec)],
    ["v2", (spec: RequestSpec) => viaV2(pugs, spec)],
  ])("keeps the bytes of a text response in another charset, sending them as base64 (%s)", async (_payload, send) => {
    const result = await send({ path: "/latin1" });
    expect(result.headers["content-type"]).toBe("text/plain; charset=iso-8859-1");
    expect(result.isBase64Encoded).toBe(true);
    expect(Buffer.from(result.body, "base64")).toEqual(Buffer.from("café crème", "latin1"));
  });

  it("lets the app set a request's timeout and its socket's options (keep-alive, no delay)", async () => {
    const result = await viaV2(pugs, { path: "/report" });
    expect(result.statusCode, result.body).toBe(200);
    expect(json(result)).toEqual({ same: true });
  });

  it("keeps text responses as text, with their status", async () => {
    const result = await viaV2(pugs, { path: "/teapot" });
    expect(result).toMatchObject({ statusCode: 418, body: "short and stout", isBase64Encoded: false });
  });

  it.each([
    ["v1", (spec: RequestSpec) => viaV1(pugs, spec)],
    ["v2", (spec: RequestSpec) => viaV2(pugs, spec)],
  ])("answers an unknown route with Express's 404 (%s)", async (_payload, send) => {
    const result = await send({ method: "DELETE", path: "/nope/again" });
    expect(result.statusCode).toBe(404);
    expect(result.isBase64Encoded).toBe(false);
    expect(result.body).toContain("Cannot DELETE /nope/again");
  });

  it("strips a named stage from HTTP API paths, and leaves REST paths alone", async () => {
    const rest = await viaV1(pugs, { path: "/pugs/rex", stage: "prod" });
    const httpApiV1 = await viaV1(pugs, { path: "/pugs/rex", stage: "prod" }, { httpApi: true });
    const httpApiV2 = await viaV2(pugs, { path: "/pugs/rex", stage: "prod" });
    for (const result of [rest, httpApiV1, httpApiV2]) expect(json(result)).toMatchObject({ name: "rex", url: "/pugs/rex" });
  });

  it("gives a route parameter holding % as the client sent it: decoded by an HTTP API, still encoded by a REST API", async () => {
    // GET /pugs/100%25%20sure: a REST API passes the path on as sent, an HTTP API decodes it first.
    const rest = await viaV1(pugs, { path: "/pugs/100%25%20sure" });
    const httpApiV1 = await viaV1(pugs, { path: "/pugs/100% sure", stage: "prod" }, { httpApi: true });
    const httpApiV2 = await viaV2(pugs, { path: "/pugs/100% sure" });
    for (const result of [rest, httpApiV1, httpApiV2]) expect(json(result)).toMatchObject({ name: "100% sure", url: "/pugs/100%25%20sure" });
  });

  it("keeps a REST API's stage in a root-relative redirect, where the client's path has it (v1)", async () => {
    const rest = await viaV1(pugs, { path: "/login", stage: "api" });
    expect(rest.statusCode).toBe(302);
    expect(rest.headers["location"]).toBe("/api/dashboard");
    expect(rest.multiValueHeaders["location"]).toEqual(["/api/dashboard"]);
    expect((await viaV2(pugs, { path: "/login" })).headers["location"]).toBe("/dashboard");
  });

  it("keeps the stub server that replaced listen working", async () => {
    expect(json(await viaV2(pugs, { path: "/server" }))).toEqual({ listened: true, listening: true, port: 3000 });
  });

  it("re-emits SNS records from other units on the unit's emitter, once, and skips its own", async () => {
    const fromAdopt = { "klotho.emitter": "events", "klotho.topic": "pug-adopted", "klotho.unit": "adopt", "klotho.container": "c-1" };
    const result = await pugs.invoke(snsEvent(
      { topicArn: TOPIC_ARN, message: JSON.stringify([{ name: "rex" }, "ana"]), attributes: fromAdopt },
      { topicArn: TOPIC_ARN, message: JSON.stringify([{ name: "own" }, "pugs"]), attributes: { ...fromAdopt, "klotho.unit": "pugs" } },
      { topicArn: TOPIC_ARN, message: JSON.stringify({ name: "bella" }) },
    ));
    expect(result).toEqual({ delivered: 2, skipped: 1 });
    expect(json(await viaV1(pugs, { path: "/events" }))).toEqual([{ pug: { name: "rex" }, by: "ana" }, { pug: { name: "bella" } }]);
  });

  it("fails an SNS record for an emitter the unit does not have", async () => {
    const event = snsEvent({ topicArn: TOPIC_ARN, message: "[]", attributes: { "klotho.emitter": "orders", "klotho.topic": "placed" } });
    await expect(pugs.invoke(event)).rejects.toThrow("this unit created no emitter 'orders'");
  });

  it("answers a warm-up ping", async () => {
    expect(await pugs.invoke({ klotho: "warmup" })).toEqual({ klotho: "warmup" });
  });

  it("rejects events it does not know, naming their keys", async () => {
    await expect(pugs.invoke({ Records: [{ eventSource: "aws:sqs", body: "{}" }] })).rejects.toThrow(
      "cannot handle an event with keys [Records]; expected an API Gateway REST (v1) or HTTP API (v2) proxy event",
    );
  });
});

describe("the dispatcher of an ES module unit with top-level await", () => {
  it.each([
    ["v1", (spec: RequestSpec) => viaV1(shop, spec)],
    ["v2", (spec: RequestSpec) => viaV2(shop, spec)],
  ])("waits for an app registered in a promise and serves it (%s)", async (_payload, send) => {
    const result = await send({ path: "/items/42", query: [["color", "red"], ["color", "blue"]] });
    expect(json(result)).toEqual({ id: "42", name: "harness", colors: ["red", "blue"], greeting: "hello" });
    expect((await send({ path: "/items/7" })).statusCode).toBe(404);
  });

  it("serves JSON and binary bodies", async () => {
    const created = await viaV2(shop, { method: "POST", path: "/items", body: JSON.stringify({ id: "43" }), headers: { "content-type": ["application/json"] } });
    expect(created).toMatchObject({ statusCode: 201, headers: { location: "/items/43" } });
    const thumbnail = await viaV1(shop, { path: "/items/42/thumbnail" });
    expect(thumbnail.isBase64Encoded).toBe(true);
    expect(Buffer.from(thumbnail.body, "base64").subarray(0, 6).toString("latin1")).toBe("GIF89a");
  });
});

describe("the dispatcher of units that register a server", () => {
  it("serves an http.Server made with createServer", async () => {
    const result = await viaV2(custom, { method: "PUT", path: "/a b/ü", query: [["q", "1"]] });
    expect(result).toMatchObject({ statusCode: 200, body: "PUT /a%20b/%C3%BC?q=1", isBase64Encoded: false });
  });

  it("runs express-generator's bin/www: the listen callback and the listening listener read server.address()", async () => {
    expect(json(await viaV1(www, { path: "/logged" }))).toEqual(["listening on 3000", "port 3000"]);
  });

  it("initializes a NestJS app before serving it", async () => {
    expect(await viaV1(nest, { path: "/" })).toMatchObject({ statusCode: 200, body: "nest ready" });
  });
});

describe("units without a gateway, and units that fail", () => {
  it("throws the 'not configured' error for HTTP events to a unit without a gateway", async () => {
    await expect(worker.invoke(v1Event({ path: "/" }))).rejects.toThrow("execution unit not configured to receive webserver payloads");
    await expect(worker.invoke(v2Event({ path: "/" }))).rejects.toThrow("execution unit not configured to receive webserver payloads");
  });

  it("still delivers SNS records to a unit without a gateway", async () => {
    const result = await worker.invoke(snsEvent({ topicArn: TOPIC_ARN, message: JSON.stringify([{ name: "luna" }]), attributes: { "klotho.emitter": "events", "klotho.topic": "pug-adopted", "klotho.unit": "pugs" } }));
    expect(result).toEqual({ delivered: 1, skipped: 0 });
    expect(requireUnitFile(worker.folder.dir, "index.js")).toEqual({ received: [{ name: "luna" }] });
  });

  it("loads the unit's other annotated files after its entrypoint, so their listeners hear their events", async () => {
    const twoFiles = createUnitFolder({ unit: "notify", app: "pugs", entrypoint: "email.js", load: ["sms.mjs"], moduleKind: "cjs", gateway: false }, {
      "bus.js": `const { createEmitter } = require("./klotho_runtime/emitter.js");\nexports.bus = createEmitter({ id: "events", topics: ["email", "sms"] });\nexports.sent = [];\n`,
      "email.js": `const { bus, sent } = require("./bus.js");\nbus.on("email", (to) => sent.push(\`email \${to}\`));\n`,
      "sms.mjs": `import { createRequire } from "node:module";\nconst { bus, sent } = createRequire(import.meta.url)("./bus.js");\nbus.on("sms", (to) => sent.push(\`sms \${to}\`));\n`,
    });
    try {
      const event = (topic: string) => snsEvent({ topicArn: TOPIC_ARN, message: JSON.stringify(["luna"]), attributes: { "klotho.emitter": "events", "klotho.topic": topic, "klotho.unit": "pugs" } });
      expect(await twoFiles.invoke(event("sms"))).toEqual({ delivered: 1, skipped: 0 });
      expect(await twoFiles.invoke(event("email"))).toEqual({ delivered: 1, skipped: 0 });
      expect(requireUnitFile(twoFiles.folder.dir, "bus.js")).toMatchObject({ sent: ["sms luna", "email luna"] });
    } finally {
      twoFiles.folder.remove();
    }
  });

  it("answers warm-up pings without loading the entrypoint, then surfaces the entrypoint's error", async () => {
    expect(await broken.invoke({ klotho: "warmup" })).toEqual({ klotho: "warmup" });
    await expect(broken.invoke(v2Event({ path: "/" }))).rejects.toThrow("the entrypoint must not be loaded");
  });

  it("names the entrypoint when it never registers an app", async () => {
    await expect(silent.invoke(v1Event({ path: "/" }))).rejects.toThrow("no app was registered 500 ms after loading server.js");
  });
});
