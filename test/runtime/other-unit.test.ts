// The stand-in a unit's copy of a shared file gets for a module that runs in another unit: the usual
// ways of registering that module's routes must do nothing, not crash, and not stall requests.
import express from "express";
import Fastify from "fastify";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import { Socket } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import { RUNTIME_DIR, requireRuntime } from "./runtime-modules.js";

const { otherUnit } = requireRuntime("other-unit.js");

/** The stand-in as the function it is (its declared type is unknown on purpose: user code is untyped). */
function fn(value: unknown): (...args: unknown[]) => unknown {
  if (typeof value !== "function") throw new TypeError(`not a function: ${typeof value}`);
  return (...args) => {
    const result: unknown = Reflect.apply(value, undefined, args);
    return result;
  };
}

/** Property `key` of the stand-in. */
function prop(value: unknown, key: string): unknown {
  if (typeof value !== "function") throw new TypeError(`not a function: ${typeof value}`);
  return Reflect.get(value, key);
}

describe("the other-unit stand-in", () => {
  it("can be called and read at any depth, calls giving stand-ins too", () => {
    const routes = otherUnit("./routes/pugs");
    const app = express();
    expect(fn(routes)(app)).toBeTypeOf("function");
    expect(String(fn(prop(prop(routes, "admin"), "register"))(app))).toBe("[klotho: './routes/pugs.admin.register()' runs in another execution unit]");
    const Service = prop(routes, "Service");
    if (typeof Service !== "function") throw new TypeError("not a constructor");
    expect(Reflect.construct(Service, [])).toBeTypeOf("function");
  });

  it("is not a thenable, so awaiting it (or a dynamic import of it) gives it back", async () => {
    const routes = otherUnit("./routes/pugs.js");
    expect(await Promise.resolve(routes)).toBe(routes);
    expect(prop(routes, "then")).toBeUndefined();
  });

  it("names the module when turned into a string or JSON", () => {
    const value = prop(otherUnit("./adopt.js"), "LIMIT");
    expect(String(value)).toBe("[klotho: './adopt.js.LIMIT' runs in another execution unit]");
    expect(JSON.stringify({ value })).toBe('{"value":"[klotho: \'./adopt.js.LIMIT\' runs in another execution unit]"}');
  });

  it("gives from a factory call (`usersRoutes(db)`) a router Express mounts beside this unit's handlers, which passes requests on", async () => {
    const app = express();
    const usersRoutes = fn(otherUnit("./users.js"));
    const router = usersRoutes({ db: true });
    if (typeof router !== "function") throw new TypeError("the factory gave no router");
    app.use("/api", (_request, _response, next) => { next(); }, router as express.RequestHandler);
    app.get("/api/me", (_request, response) => response.json({ me: true }));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const response = await fetch(`http://127.0.0.1:${address.port}/api/me`);
    expect(await response.json()).toEqual({ me: true });
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  });

  it("passes requests on when an app uses it as middleware", async () => {
    const app = express();
    const standIn = fn(otherUnit("./adopt.js"));
    app.use((request, response, next) => standIn(request, response, next));
    app.get("/", (_request, response) => response.json({ served: true }));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const response = await fetch(`http://127.0.0.1:${address.port}/`);
    expect(await response.json()).toEqual({ served: true });
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  });

  it("does nothing with a request handed to it without `next` and never answers it, saying so on stderr once per function", async () => {
    const app = express();
    const metrics = otherUnit("./metrics");
    const billing = otherUnit("./billing");
    // A middleware handing the request to a helper of another unit, then passing it on.
    app.use((request, response, next) => { fn(prop(metrics, "track"))(request, response); next(); });
    app.get("/", (_request, response) => response.json({ served: true }));
    // A handler handing it on, then answering itself a little later: the stand-in must not have answered.
    app.post("/pay", (request, response) => {
      fn(prop(billing, "pay"))(request, response);
      setTimeout(() => response.status(202).json({ queued: true }), 5);
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const base = `http://127.0.0.1:${address.port}`;
      for (let round = 0; round < 2; round++) {
        const served = await fetch(`${base}/`, { signal: AbortSignal.timeout(2000) });
        expect([served.status, await served.json()]).toEqual([200, { served: true }]);
        const paid = await fetch(`${base}/pay`, { method: "POST", signal: AbortSignal.timeout(2000) });
        expect([paid.status, await paid.json()]).toEqual([202, { queued: true }]);
      }
      expect(errors.mock.calls.map(([text]) => String(text).split(";")[0])).toEqual([
        "klotho: './metrics.track' runs in another execution unit",
        "klotho: './billing.pay' runs in another execution unit",
      ]);
      expect(String(errors.mock.calls[0]?.[0])).toContain("does nothing with it and does not answer it");
    } finally {
      errors.mockRestore();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    }
  });

  it("gives from a call a stand-in that is no stream, so Fastify sends what a handler returns from it, and awaiting it gives it back", async () => {
    const orders = otherUnit("./orders");
    const summary = fn(prop(orders, "summary"))();
    expect([prop(summary, "pipe"), prop(summary, "getReader"), prop(summary, "then")]).toEqual([undefined, undefined, undefined]);
    expect(await Promise.resolve(summary)).toBe(summary);
    // The module's own properties stay stand-ins: another unit's `pipe` export can still be called.
    expect(prop(orders, "pipe")).toBeTypeOf("function");
    const app = Fastify();
    app.get("/summary", async (request, reply) => fn(prop(orders, "summary"))(request, reply));
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await fetch(`http://127.0.0.1:${address.port}/summary`, { signal: AbortSignal.timeout(2000) });
      expect([response.status, await response.json()]).toEqual([200, "[klotho: './orders.summary()' runs in another execution unit]"]);
      expect(errors.mock.calls.map(([text]) => String(text).split(";")[0])).toEqual(["klotho: './orders.summary' runs in another execution unit"]);
    } finally {
      errors.mockRestore();
      await app.close();
    }
  });

  it("says on stderr why a Koa handler handing its context to it answers 404", async () => {
    const payments = otherUnit("./payments");
    // koa ships no TypeScript types, so it is loaded untyped.
    const Koa: unknown = createRequire(import.meta.url)("koa");
    if (typeof Koa !== "function") throw new TypeError("koa does not export its Application class");
    const app = Reflect.construct(Koa, []) as { use(middleware: (ctx: unknown) => unknown): unknown; callback(): http.RequestListener };
    app.use((ctx) => fn(prop(payments, "status"))(ctx));
    const server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await fetch(`http://127.0.0.1:${address.port}/status`, { signal: AbortSignal.timeout(2000) });
      expect(response.status).toBe(404);
      expect(errors.mock.calls.map(([text]) => String(text).split(";")[0])).toEqual(["klotho: './payments.status' runs in another execution unit"]);
    } finally {
      errors.mockRestore();
      await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    }
  });

  it("gives a stand-in middleware from a call without arguments, which passes Koa requests on", async () => {
    const users = otherUnit("./users.js");
    const routes = fn(prop(users, "routes"))();
    const allowedMethods = fn(prop(users, "allowedMethods"))();
    expect(routes).toBeTypeOf("function");
    expect(allowedMethods).toBeTypeOf("function");
    const ctx = { req: new http.IncomingMessage(new Socket()) };
    const calls: string[] = [];
    const next = (): Promise<string> => {
      calls.push("next");
      return Promise.resolve("downstream");
    };
    expect(await fn(routes)(ctx, next)).toBe("downstream");
    expect(await fn(allowedMethods)(ctx, next)).toBe("downstream");
    expect(calls).toEqual(["next", "next"]);
    expect(fn(routes)({ req: {} }, next)).toBeTypeOf("function");
  });

  it("registers as a Fastify plugin that does nothing", async () => {
    const app = Fastify();
    // The stand-in itself (fastify reads its `default` and its arity), not a wrapper of it.
    const registered: unknown = Reflect.apply(app.register, app, [otherUnit("./admin.js"), { prefix: "/admin" }]);
    expect(registered).toBe(app);
    app.get("/", (_request, reply) => reply.send({ served: true }));
    const response = await app.inject({ method: "GET", url: "/" });
    expect(response.json()).toEqual({ served: true });
    expect((await app.inject({ method: "GET", url: "/admin" })).statusCode).toBe(404);
    await app.close();
  });
});

// A computed require or import() (route modules loaded in a loop) gets a stand-in only for a module of another
// unit the analysis saw it load, and only when that module is missing from the unit's folder.
describe("loadOrOtherUnit", () => {
  const { loadOrOtherUnit } = requireRuntime("other-unit.js");
  const folder = mkdtempSync(path.join(os.tmpdir(), "klotho-other-unit-"));
  writeFileSync(path.join(folder, "here.cjs"), "module.exports = { here: true };");
  writeFileSync(path.join(folder, "broken.cjs"), `require("./gone-too.cjs");`);
  const require = createRequire(path.join(folder, "index.cjs"));
  const load = (specifier: string): unknown => require(specifier);
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it("loads a module the unit holds, and stands in for another unit's that it does not", () => {
    expect(loadOrOtherUnit("./here.cjs", load, ["routes/orders.js"])).toEqual({ here: true });
    expect(String(loadOrOtherUnit("./routes/orders.js", load, ["routes/orders.js"]))).toBe("[klotho: './routes/orders.js' runs in another execution unit]");
    // A TypeScript module of another unit, emitted as .js, named without its extension; a folder, by its index file.
    expect(typeof loadOrOtherUnit("./routes/orders", load, ["src/routes/orders.ts"])).toBe("function");
    expect(typeof loadOrOtherUnit("./handlers/billing", load, ["handlers/billing/index.js"])).toBe("function");
  });

  it("lets any other missing module fail as it would have: a probed config file, a module missing inside one that exists", () => {
    expect(() => loadOrOtherUnit("./config.local.json", load, ["routes/orders.js"])).toThrow(/Cannot find module '.\/config.local.json'/);
    expect(() => loadOrOtherUnit("./broken.cjs", load, ["gone-too.cjs"])).toThrow(/Cannot find module '.\/gone-too.cjs'/);
  });

  it("stands in for an ES module named by a file: URL that is missing (in Node's own ESM loader)", () => {
    const runtime = pathToFileURL(path.join(RUNTIME_DIR, "other-unit.js")).href;
    const missing = pathToFileURL(path.join(folder, "routes", "users.mjs")).href;
    const code = `import m from ${JSON.stringify(runtime)}; const u = await m.loadOrOtherUnit(new URL(${JSON.stringify(missing)}), (s) => import(s), ["routes/users.mjs"]); console.log(String(u));`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    expect([run.status, run.stdout.trim()]).toEqual([0, `[klotho: '${path.join(folder, "routes", "users.mjs")}' runs in another execution unit]`]);
  });
});
