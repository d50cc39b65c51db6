// registerApp / waitForApp: what the compiler puts where the user's annotated listen was.
import http from "node:http";
import { describe, expect, it } from "vitest";
import { freshRuntime } from "./runtime-modules.js";

const listener = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
  res.end("ok");
};

describe("registerApp", () => {
  it("returns a stub server that behaves like the one listen returns", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    const calls: string[] = [];
    const server = registerApp(listener, "8080", () => {
      calls.push("listen callback");
    });
    server.on("listening", () => calls.push("listening event"));
    expect(server.listening).toBe(true);
    expect(server.address()).toEqual({ address: "127.0.0.1", family: "IPv4", port: 8080 });
    await new Promise((resolve) => {
      process.nextTick(resolve);
    });
    expect(calls).toEqual(["listen callback", "listening event"]);
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    expect(server.listening).toBe(false);
  });

  it("can be awaited, as `await app.listen()` was: the stub is not a thenable, so await yields it", async () => {
    const { registerApp, RegisteredServer } = freshRuntime("app-registry.js");
    const server = registerApp(http.createServer(listener));
    expect("then" in server).toBe(false);
    expect(await Promise.resolve(server)).toBeInstanceOf(RegisteredServer);
    expect(server.address().port).toBe(0);
  });

  it("accepts the same app twice but not a second app", () => {
    const { registerApp } = freshRuntime("app-registry.js");
    registerApp(listener);
    expect(() => registerApp(listener)).not.toThrow();
    expect(() => registerApp(() => undefined)).toThrow("a second app was registered in this execution unit");
  });

  it("rejects values that cannot serve requests", () => {
    const { registerApp } = freshRuntime("app-registry.js");
    expect(() => {
      Reflect.apply(registerApp, undefined, [Object.create(null)]);
    }).toThrow("registerApp expects an Express app, a (req, res) listener, an http.Server or a NestJS app; got [object Object]");
  });
});

describe("waitForApp", () => {
  it("resolves with an app registered before or after the call", async () => {
    const registry = freshRuntime("app-registry.js");
    const waiting = registry.waitForApp(1_000);
    setTimeout(() => registry.registerApp(listener), 10);
    expect(await waiting).toBe(listener);
    expect(await registry.waitForApp(1_000)).toBe(listener);
  });

  it("rejects with an error that names the entrypoint when no app is registered in time", async () => {
    const { waitForApp } = freshRuntime("app-registry.js");
    await expect(waitForApp(20, "src/main.js")).rejects.toThrow(
      "klotho: no app was registered 20 ms after loading src/main.js. Loading src/main.js must reach the @klotho::expose-annotated listen(...) call",
    );
  });
});
