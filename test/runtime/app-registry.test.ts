// registerApp / waitForApp: what the compiler puts where the user's annotated listen was.
import { Module } from "@nestjs/common";
import { NestFactory } from "@nestjs/core";
import Fastify from "fastify";
import { createRequire } from "node:module";
import http from "node:http";
import { describe, expect, it } from "vitest";
import { freshRuntime } from "./runtime-modules.js";

/** A Koa application (koa ships no TypeScript types, so it is loaded untyped). */
function newKoaApp(): unknown {
  const Koa: unknown = createRequire(import.meta.url)("koa");
  if (typeof Koa !== "function") throw new TypeError("koa does not export its Application class");
  return Reflect.construct(Koa, []);
}

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
    const server = registerApp(listener);
    expect("then" in server).toBe(false);
    expect(await Promise.resolve(server)).toBeInstanceOf(RegisteredServer);
    expect(server.address().port).toBe(0);
  });

  it("lets a listen callback read the address of the server listen returned (`const server = app.listen(port, cb)`)", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    const ports: number[] = [];
    const server = registerApp(listener, 3000, () => ports.push(server.address().port));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ports).toEqual([3000]);
  });
});

describe("registerApp with an http.Server", () => {
  it("makes the server answer as a listening one: listen's callback reads server.address()", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    const server = http.createServer(listener);
    const seen: unknown[] = [];
    const returned = registerApp(server, "3000", function (this: unknown) {
      seen.push({ callbackThis: this === server, address: server.address() });
    });
    expect(returned).toBe(server);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([{ callbackThis: true, address: { address: "127.0.0.1", family: "IPv4", port: 3000 } }]);
    expect(server.listening).toBe(true);
  });

  it("emits listening on the server, as express-generator's bin/www waits for (server.on('listening', onListening))", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    const server = http.createServer(listener);
    const logged: string[] = [];
    registerApp(server, 3000);
    server.on("error", (error) => logged.push(String(error)));
    server.on("listening", () => {
      const address = server.address();
      logged.push(typeof address === "string" ? `pipe ${address}` : `port ${address?.port ?? "none"}`);
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(logged).toEqual(["port 3000"]);
  });

  it("closes like a listening server: the callback gets no error", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    const server = registerApp(http.createServer(listener), { port: 8080 });
    const closed = await new Promise((resolve) => server.close(resolve));
    expect(closed).toBeUndefined();
    expect(server.listening).toBe(false);
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
    }).toThrow(
      "registerApp expects an Express app, a (req, res) listener, an http.Server, a NestJS app, a Fastify instance or a Koa app; got [object Object]",
    );
    class Config {
      readonly name = "config";
    }
    expect(() => {
      Reflect.apply(registerApp, undefined, [new Config()]);
    }).toThrow("got [object Config]");
  });
});

describe("registerApp with a NestJS app", () => {
  it("lets `await app.getUrl()` after the listen answer the address, as Nest does once listening", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- a Nest module is an empty class its decorator describes
    class AppModule {}
    Module({})(AppModule);
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- Nest's options are declared as a class but read as plain objects
    const app = await NestFactory.create(AppModule, { logger: false });
    try {
      registerApp(app, 3000);
      expect(await app.getUrl()).toBe("http://127.0.0.1:3000");
    } finally {
      await app.close();
    }
  });
});

describe("registerApp with a Fastify instance", () => {
  it("answers like fastify.listen: a promise of the address once the instance is ready", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    const app = Fastify();
    let loaded = false;
    void app.register((_instance, _options, done) => {
      loaded = true;
      done();
    });
    const listening = registerApp(app, { port: 3000, host: "0.0.0.0" });
    expect(listening).toBeInstanceOf(Promise);
    expect(await listening).toBe("http://127.0.0.1:3000");
    expect(loaded).toBe(true);
    await app.close();
  });

  it("runs a listen callback with (null, address), or with the error of a plugin that fails to load", async () => {
    const registry = freshRuntime("app-registry.js");
    const app = Fastify();
    const address = await new Promise((resolve) => {
      const returned = registry.registerApp(app, 8080, (error: unknown, value: unknown) => {
        resolve([error, value]);
      });
      expect(returned).toBeUndefined();
    });
    expect(address).toEqual([null, "http://127.0.0.1:8080"]);
    await app.close();

    const broken = Fastify();
    void broken.register((_instance, _options, done) => {
      done(new Error("plugin failed"));
    });
    const failure = await new Promise((resolve) => {
      void freshRuntime("app-registry.js").registerApp(broken, { port: 3000 }, resolve);
    });
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toContain("plugin failed");
  });

  it("makes fastify.server answer as listening, so fastify.server.address() and fastify.addresses() work after listen", async () => {
    const { registerApp } = freshRuntime("app-registry.js");
    const app = Fastify();
    await registerApp(app, { port: 3000, host: "0.0.0.0" });
    expect(app.server.address()).toEqual({ address: "127.0.0.1", family: "IPv4", port: 3000 });
    expect(app.addresses()).toEqual([{ address: "127.0.0.1", family: "IPv4", port: 3000 }]);
    await app.close();
  });

  it("tells Fastify instances and Koa apps from other apps", () => {
    const { isFastifyApp, isKoaApp } = freshRuntime("app-registry.js");
    const koa = newKoaApp();
    const fastify = Fastify();
    expect([isFastifyApp(fastify), isKoaApp(fastify)]).toEqual([true, false]);
    expect([isFastifyApp(koa), isKoaApp(koa)]).toEqual([false, true]);
    expect([isFastifyApp(listener), isKoaApp(http.createServer(listener))]).toEqual([false, false]);
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
