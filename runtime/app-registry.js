// @ts-check
"use strict";
/**
 * Where a Lambda unit's app waits for the dispatcher. The compiler replaces the user's annotated
 * `app.listen(...)` with `registerApp(app, ...listenArgs)`; the dispatcher loads the entrypoint and
 * then asks `waitForApp()` for the app.
 */
const { EventEmitter } = require("node:events");

/** @import { IncomingMessage, ServerResponse } from "node:http" */

/**
 * What can be registered: an Express app or any `(req, res)` listener, a server made with
 * `http.createServer(app)`, or a NestJS application (it is `init()`-ed by the dispatcher).
 * @typedef {((req: IncomingMessage, res: ServerResponse) => void) | EventEmitter | NestApp} RegisteredApp
 */

/**
 * The part of a NestJS application the dispatcher uses.
 * @typedef {{ init(): Promise<unknown>, getHttpServer(): unknown }} NestApp
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
 * Records the unit's app for the dispatcher and returns a stub of the server `listen` returns.
 * `listenArgs` are the original `listen` arguments: a leading port is reported by `address()`, a
 * trailing callback runs as the stub's "listening" handler.
 * @param {RegisteredApp} app
 * @param {...unknown} listenArgs
 * @returns {RegisteredServer}
 */
function registerApp(app, ...listenArgs) {
  if (!isRegistrable(app)) {
    throw new TypeError(
      `klotho: registerApp expects an Express app, a (req, res) listener, an http.Server or a NestJS app; got ${describe(app)}`,
    );
  }
  if (registered !== undefined && registered !== app) {
    throw new Error("klotho: a second app was registered in this execution unit; a Lambda unit serves one exposed app");
  }
  registered = app;
  for (const resolve of waiting.splice(0)) resolve(app);
  const callback = listenArgs.at(-1);
  const port = Number(listenArgs[0]);
  const server = new RegisteredServer(Number.isInteger(port) && port > 0 ? port : 0);
  if (typeof callback === "function") server.once("listening", () => Reflect.apply(callback, server, []));
  process.nextTick(() => server.emit("listening"));
  return server;
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
  if (typeof app === "function" || app instanceof EventEmitter) return true;
  return typeof app === "object" && app !== null && "init" in app && "getHttpServer" in app;
}

/** @param {unknown} value */
function describe(value) {
  return value === null || typeof value !== "object" ? String(value) : Object.prototype.toString.call(value);
}

module.exports = { registerApp, waitForApp, RegisteredServer };
