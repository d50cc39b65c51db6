// @ts-check
"use strict";
/**
 * Where a Lambda unit's app waits for the dispatcher. The compiler replaces the user's annotated
 * `app.listen(...)` with `registerApp(app, ...listenArgs)`; the dispatcher loads the entrypoint and
 * then asks `waitForApp()` for the app.
 */
const { EventEmitter } = require("node:events");
const net = require("node:net");

/** @import { IncomingMessage, ServerResponse } from "node:http" */

/**
 * What can be registered: an Express app or any `(req, res)` listener, a server made with
 * `http.createServer(app)`, a NestJS application (it is `init()`-ed by the dispatcher), a Fastify
 * instance (made `ready()` first) or a Koa application (served through its `callback()`).
 * @typedef {((req: IncomingMessage, res: ServerResponse) => void) | EventEmitter | NestApp | FastifyApp | KoaApp} RegisteredApp
 */

/**
 * The part of a NestJS application the dispatcher uses.
 * @typedef {{ init(): Promise<unknown>, getHttpServer(): unknown }} NestApp
 */

/**
 * The part of a Fastify instance the runtime uses: `ready()` loads its plugins, `routing` is the
 * `(req, res)` handler Fastify's own server calls.
 * @typedef {{ ready(): PromiseLike<unknown>, routing(req: IncomingMessage, res: ServerResponse): void, register(...args: never[]): unknown }} FastifyApp
 */

/**
 * The part of a Koa application the runtime uses (it is an EventEmitter, like an http.Server).
 * @typedef {EventEmitter & { callback(): (req: IncomingMessage, res: ServerResponse) => unknown, middleware: unknown[] }} KoaApp
 */

/** @type {RegisteredApp | undefined} */
let registered;
/** @type {Array<(app: RegisteredApp) => void>} */
const waiting = [];

/** Stands in for the server `listen` would have returned, so `server.on(...)` / `server.close()` keep working. */
class RegisteredServer extends EventEmitter {
  /** @type {number} */
  #port;

  /** @param {number} port the port the user asked for (0 when none) */
  constructor(port) {
    super();
    this.#port = port;
    this.listening = true;
  }

  /** Like `net.Server#address()`; no socket is really bound inside Lambda. */
  address() {
    return { address: "127.0.0.1", family: "IPv4", port: this.#port };
  }

  /**
   * Marks the stub closed and calls `callback` like `net.Server#close` does.
   * @param {(error?: Error) => void} [callback]
   * @returns {this}
   */
  close(callback) {
    this.listening = false;
    process.nextTick(() => {
      this.emit("close");
      callback?.();
    });
    return this;
  }
}

/**
 * Records the unit's app for the dispatcher and returns what its `listen` would have returned.
 * `listenArgs` are the original `listen` arguments: a leading port (or `{ port }`) is reported as
 * the address, a trailing callback runs once "listening". For a Fastify instance, as Fastify's
 * `listen` does: a promise of the address (`http://127.0.0.1:<port>`) once the instance is ready,
 * or, given a callback, `callback(null, address)` (or the error of `ready()`) and `undefined`.
 * An `http.Server` (any `net.Server`) is returned itself, as its `listen` returns it, made to answer
 * as a listening server (`standInListening`), so its callback and `listening` listeners can read
 * `server.address()`. For any other app, a stub server.
 * @overload
 * @param {FastifyApp} app
 * @param {...unknown} listenArgs
 * @returns {Promise<string> | undefined}
 */
/**
 * @template {net.Server} S
 * @overload
 * @param {S} app
 * @param {...unknown} listenArgs
 * @returns {S}
 */
/**
 * @overload
 * @param {RegisteredApp} app
 * @param {...unknown} listenArgs
 * @returns {RegisteredServer}
 */
/**
 * @param {RegisteredApp} app
 * @param {...unknown} listenArgs
 * @returns {RegisteredServer | net.Server | Promise<string> | undefined}
 */
function registerApp(app, ...listenArgs) {
  if (!isRegistrable(app)) {
    throw new TypeError(
      "klotho: registerApp expects an Express app, a (req, res) listener, an http.Server, a NestJS app, a Fastify instance or a Koa app; " +
        `got ${describe(app)}`,
    );
  }
  if (registered !== undefined && registered !== app) {
    throw new Error("klotho: a second app was registered in this execution unit; a Lambda unit serves one exposed app");
  }
  registered = app;
  for (const resolve of waiting.splice(0)) resolve(app);
  const callback = listenArgs.at(-1);
  const port = listenPort(listenArgs[0]);
  const userServer = serverOf(app);
  if (userServer !== undefined) standInListening(userServer, port);
  if (isFastifyApp(app)) return fastifyListening(app, port, callback);
  answerNestUrl(app, port);
  const server = userServer === app ? userServer : new RegisteredServer(port);
  if (typeof callback === "function") server.once("listening", () => Reflect.apply(callback, server, []));
  if (server !== userServer) process.nextTick(() => server.emit("listening"));
  return server;
}

/**
 * The user's own server object, which the dispatcher feeds requests without it ever listening: the
 * registered `net.Server`, a Fastify instance's `server`, a NestJS app's `getHttpServer()`.
 * @param {RegisteredApp} app
 * @returns {net.Server | undefined}
 */
function serverOf(app) {
  if (app instanceof net.Server) return app;
  if (isFastifyApp(app)) return "server" in app && app.server instanceof net.Server ? app.server : undefined;
  if (typeof app === "object" && "getHttpServer" in app && typeof app.getHttpServer === "function") {
    const server = app.getHttpServer();
    return server instanceof net.Server ? server : undefined;
  }
  return undefined;
}

/**
 * Makes a server that never listens answer as a listening one, as the stub does: `address()` gives
 * the port asked for (0 when none), `listening` is true until `close(callback)`, which calls back
 * without the "not running" error; it emits `listening` on the next tick, as `listen` does.
 * @param {net.Server} server
 * @param {number} port
 */
function standInListening(server, port) {
  let listening = true;
  Object.defineProperties(server, {
    address: { configurable: true, writable: true, value: () => ({ address: "127.0.0.1", family: "IPv4", port }) },
    listening: { configurable: true, get: () => listening },
    close: {
      configurable: true,
      writable: true,
      value: (/** @type {((error?: Error) => void) | undefined} */ callback) => {
        listening = false;
        process.nextTick(() => {
          server.emit("close");
          callback?.();
        });
        return server;
      },
    },
  });
  process.nextTick(() => server.emit("listening"));
}

/**
 * Makes a NestJS app's `getUrl()` answer as after its listen: Nest rejects it ("app.listen() needs to be
 * called before calling app.getUrl()") until its own listen resolves, which never runs here, so the
 * startup log line `Application is running on: ${await app.getUrl()}` would crash the unit. It answers
 * the address the stub server reports. Other apps are left alone.
 * @param {RegisteredApp} app
 * @param {number} port
 */
function answerNestUrl(app, port) {
  if (typeof app !== "object" || !("getHttpServer" in app) || !("getUrl" in app) || typeof app.getUrl !== "function") return;
  const url = `http://127.0.0.1:${port}`;
  // On the app itself: NestFactory's proxy forwards definitions (but not assignments) to it.
  Object.defineProperty(app, "getUrl", { configurable: true, writable: true, value: async () => url });
}

/**
 * The port a listen call asked for: `listen(3000)`, `listen("3000")`, `listen({ port: 3000 })`; 0 when none.
 * @param {unknown} first the first listen argument
 * @returns {number}
 */
function listenPort(first) {
  const given = typeof first === "object" && first !== null && "port" in first ? first.port : first;
  const port = Number(given);
  return Number.isInteger(port) && port > 0 ? port : 0;
}

/**
 * What Fastify's `listen` gives, once the instance is ready (its plugins loaded): the address as a
 * promise, or through `callback(error, address)`.
 * @param {FastifyApp} app
 * @param {number} port
 * @param {unknown} callback
 * @returns {Promise<string> | undefined}
 */
function fastifyListening(app, port, callback) {
  const address = `http://127.0.0.1:${port}`;
  const ready = Promise.resolve(app.ready()).then(() => address);
  if (typeof callback !== "function") return ready;
  ready.then(
    (value) => Reflect.apply(callback, app, [null, value]),
    (/** @type {unknown} */ error) => Reflect.apply(callback, app, [error]),
  );
  return undefined;
}

/**
 * The registered app; waits up to `timeoutMs` for it, then rejects with an error naming the entrypoint.
 * @param {number} timeoutMs
 * @param {string} [entrypoint] the file the dispatcher loaded, for the error message
 * @returns {Promise<RegisteredApp>}
 */
function waitForApp(timeoutMs, entrypoint = "the unit's entrypoint") {
  if (registered !== undefined) return Promise.resolve(registered);
  return new Promise((resolve, reject) => {
    /** @param {RegisteredApp} app */
    const onRegistered = (app) => {
      clearTimeout(timer);
      resolve(app);
    };
    const timer = setTimeout(() => {
      waiting.splice(waiting.indexOf(onRegistered), 1);
      reject(
        new Error(
          `klotho: no app was registered ${timeoutMs} ms after loading ${entrypoint}. ` +
            `Loading ${entrypoint} must reach the @klotho::expose-annotated listen(...) call (which klotho replaced by registerApp); ` +
            "check that the entrypoint (or a file it imports) creates the app and calls listen when it is loaded.",
        ),
      );
    }, timeoutMs);
    waiting.push(onRegistered);
  });
}

/**
 * @param {unknown} app
 * @returns {app is RegisteredApp}
 */
function isRegistrable(app) {
  if (typeof app === "function" || app instanceof EventEmitter || isFastifyApp(app)) return true;
  return typeof app === "object" && app !== null && "init" in app && "getHttpServer" in app;
}

/**
 * A Fastify instance: `ready()`, `register()` and the `routing` request handler.
 * @param {unknown} app
 * @returns {app is FastifyApp}
 */
function isFastifyApp(app) {
  return typeof app === "object" && app !== null && "routing" in app && typeof app.routing === "function" &&
    "ready" in app && typeof app.ready === "function" && "register" in app && typeof app.register === "function";
}

/**
 * A Koa application: `callback()` and its `middleware` list.
 * @param {unknown} app
 * @returns {app is KoaApp}
 */
function isKoaApp(app) {
  return app instanceof EventEmitter && "callback" in app && typeof app.callback === "function" && "middleware" in app && Array.isArray(app.middleware);
}

/**
 * What was given, for the error message: a primitive's value, an object's class (`[object Foo]`).
 * @param {unknown} value
 */
function describe(value) {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return String(value);
  const name = Object.getPrototypeOf(value)?.constructor?.name;
  return typeof name === "string" && name !== "" ? `[object ${name}]` : Object.prototype.toString.call(value);
}

module.exports = { registerApp, waitForApp, isFastifyApp, isKoaApp, RegisteredServer };
