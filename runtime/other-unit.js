// @ts-check
"use strict";
/**
 * What a unit's copy of a shared file gets in place of a module that runs in another execution
 * unit: a stand-in that can be called, read and awaited without effect. Registering the other
 * unit's routes (`require("./routes/pugs")(app)`, `routes.register(app)`, `app.use(routes.router)`,
 * Koa's `app.use(router.allowedMethods())`, Fastify's `app.register(plugin)`, whose `length` is 0
 * so Fastify does not wait for it) then does nothing
 * here, instead of crashing the unit or loading the other unit's code.
 */
const { IncomingMessage } = require("node:http");
const { fileURLToPath } = require("node:url");

/**
 * A stand-in for the module `specifier`: every property is a stand-in too, and so is what calling it
 * returns (a factory such as `router.routes()` or `usersRoutes(db)` gives a router to mount), except that
 * a call's result has no `pipe` or `getReader`, so a framework handed it (Fastify sending what a handler
 * returns, Koa's `ctx.body`) does not take it for a stream; called as Express `(req, res, next)` or Koa
 * `(ctx, next)` middleware, it passes the request on with `next()`; handed a request without a `next`
 * (`metrics.track(req, res)` in a middleware, or a handler's `billing.pay(req, res)`), it does nothing
 * with it and never answers it (something else may), and says so on stderr once per function; called by
 * NestJS for a request (a global guard's `canActivate`, an interceptor's `intercept`, a filter's `catch`,
 * a pipe's `transform`), it throws, so the request fails at once instead of waiting for an answer that
 * cannot come; it is not a thenable, so `await` gives it back; as a string it names the module.
 * @param {string} specifier the import specifier, for messages
 * @returns {unknown}
 */
function otherUnit(specifier) {
  return standIn(specifier);
}

/** What a call's result lacks, so that no framework takes it for a node or web stream. */
const STREAM_KEYS = new Set(["pipe", "getReader"]);

/**
 * @param {string} specifier
 * @param {boolean} [called] whether it is a call's result, which has no stream-like properties
 * @returns {() => void} the stand-in (a proxy of a function)
 */
function standIn(specifier, called = false) {
  const description = `[klotho: '${specifier}' runs in another execution unit]`;
  /** @type {ProxyHandler<() => void>} */
  const handler = {
    get(_target, key) {
      if (key === Symbol.toPrimitive || key === "toString" || key === "toJSON") return () => description;
      if (typeof key === "symbol" || key === "then" || key === "__esModule") return undefined;
      if (called && STREAM_KEYS.has(key)) return undefined;
      // Its arity: Fastify (avvio) treats a plugin declaring fewer than 3 parameters as done once it returns.
      if (key === "length") return 0;
      return standIn(`${specifier}.${key}`);
    },
    apply(_target, _this, args) {
      const [request, second, next] = args;
      if (request instanceof IncomingMessage && typeof next === "function") next();
      else if (isKoaContext(request) && typeof second === "function") return second();
      else if (calledByNest(args)) throw new Error(nestRefusal(specifier));
      else if (carriesRequest(request)) explainOnce(specifier);
      // Another stand-in, not undefined: `usersRoutes(db)` (a factory of the other unit's router) may be
      // handed to `app.use()` beside this unit's own handlers, which Express refuses for undefined.
      return standIn(`${specifier}()`, true);
    },
    construct() {
      return standIn(specifier);
    },
  };
  return new Proxy(function klothoOtherUnit() {}, handler);
}

/** The functions whose call with a request was explained on stderr already. */
const explained = new Set();

/**
 * What a stand-in handed a request without a `next` does: nothing with the request, which it must not
 * answer (a middleware handing it to a helper, `metrics.track(req, res)`, goes on to `next()`), but,
 * the first time for each function, say on stderr that the function did not run here, in case the
 * request waits for it (a handler whose route this unit serves, which the compile warned about).
 * @param {string} specifier
 */
function explainOnce(specifier) {
  if (explained.has(specifier)) return;
  explained.add(specifier);
  console.error(`klotho: '${specifier}' runs in another execution unit; handed a request here, it does nothing with it and does not answer it. If it was to answer the request, the gateway should route the request to that unit (see the execution-unit/handler-in-other-unit warning of the compile).`);
}

/**
 * Whether NestJS is calling a stand-in for a request: the arguments of a guard's `canActivate(context)`,
 * an interceptor's `intercept(context, next)`, a filter's `catch(exception, host)` (a context or host
 * first or second) or a pipe's `transform(value, metadata)`. A stand-in in a global guard's place (its
 * class in a file another unit owns) would otherwise answer with a stand-in, which Nest takes for an
 * Observable that never emits: the request would wait until the function times out.
 * @param {readonly unknown[]} args
 */
function calledByNest(args) {
  return isNestContext(args[0]) || isNestContext(args[1]) || isArgumentMetadata(args[1]);
}

/**
 * A Nest `ExecutionContext` or `ArgumentsHost`: an object (a stand-in is a function) that switches to HTTP and gives its arguments.
 * @param {unknown} value
 */
function isNestContext(value) {
  if (typeof value !== "object" || value === null) return false;
  return "switchToHttp" in value && typeof value.switchToHttp === "function" && "getArgs" in value && typeof value.getArgs === "function" && "getType" in value && typeof value.getType === "function";
}

/** What a Nest pipe's `metadata` says the value is. */
const ARGUMENT_TYPES = new Set(["body", "query", "param", "custom"]);

/**
 * A Nest pipe's `ArgumentMetadata`: `{ type: "body", metatype, data }`.
 * @param {unknown} value
 */
function isArgumentMetadata(value) {
  return typeof value === "object" && value !== null && "metatype" in value && "type" in value && ARGUMENT_TYPES.has(String(value.type));
}

/**
 * What the error a stand-in called by Nest throws says.
 * @param {string} specifier
 */
function nestRefusal(specifier) {
  return `klotho: '${specifier}' runs in another execution unit, so this unit cannot run it for the request. A guard, interceptor, filter or pipe that Nest runs for the requests of every unit must be in a file every unit serving the app carries (see the compile's nestjs/foreign-global-provider error).`;
}

/**
 * Whether `value` is an HTTP request as a framework hands it over: Node's (Express), a Koa context
 * (`ctx.req`) or a Fastify request (`request.raw`).
 * @param {unknown} value
 */
function carriesRequest(value) {
  if (value instanceof IncomingMessage) return true;
  if (typeof value !== "object" || value === null) return false;
  return ("req" in value && value.req instanceof IncomingMessage) || ("raw" in value && value.raw instanceof IncomingMessage);
}

/**
 * A Koa context: an object whose `req` is the request.
 * @param {unknown} value
 */
function isKoaContext(value) {
  return typeof value === "object" && value !== null && "req" in value && value.req instanceof IncomingMessage;
}

/**
 * What `load(specifier)` gives, or, when the module is one of `foreign` (the files of other units the
 * analysis saw this call load) and missing from this unit's folder, its stand-in: the rewrite of a
 * `require(x)` or `import(x)` whose specifier is computed (`import(\`./routes/${name}.js\`)` in a loop).
 * Any other missing module (a config file the code probes for, one a module imports in turn) still
 * fails as it would have.
 * @param {unknown} specifier a path, or a `file:` URL (string or URL object)
 * @param {(specifier: any) => unknown} load the call as written, `(s) => import(s)` or `(s) => require(s)`
 * @param {readonly string[]} foreign project paths of the other units' modules this call may load
 * @returns {unknown}
 */
function loadOrOtherUnit(specifier, load, foreign) {
  const name = pathOf(specifier);
  /** @param {unknown} error */
  const standInIfMissing = (error) => {
    if (isMissingModule(error, name) && foreign.some((file) => sameModule(name, file))) return otherUnit(name);
    throw error;
  };
  try {
    const loaded = load(specifier);
    return loaded instanceof Promise ? loaded.catch(standInIfMissing) : loaded;
  } catch (error) {
    return standInIfMissing(error);
  }
}

/**
 * A specifier as a path: a `file:` URL's path, else the text.
 * @param {unknown} specifier
 */
function pathOf(specifier) {
  const text = String(specifier);
  return text.startsWith("file:") ? fileURLToPath(text) : text;
}

/**
 * Whether the path `specifier` (relative to its file, or absolute) names the project file `file`: one ends
 * with the other, extensions aside (TypeScript is emitted as .js), and a folder naming its `index` file.
 * @param {string} specifier
 * @param {string} file
 */
function sameModule(specifier, file) {
  // `./handlers/billing` names handlers/billing/index.js as well.
  const strip = (/** @type {string} */ text) => text.replace(/\.[cm]?[jt]sx?$/, "").replace(/\/index$/, "");
  const named = `/${strip(specifier).replace(/^(\.\.?\/)+/, "").replace(/^\/+/, "")}`;
  const project = `/${strip(file)}`;
  return named.endsWith(project) || project.endsWith(named);
}

/**
 * Whether `error` says that the module `specifier` names cannot be found: `require`'s message names the
 * specifier as written; an ES module's error has the URL of the missing file, which ends with its path.
 * @param {unknown} error
 * @param {string} specifier
 */
function isMissingModule(error, specifier) {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  if (error.code === "MODULE_NOT_FOUND") return "message" in error && String(error.message).startsWith(`Cannot find module '${specifier}'`);
  if (error.code !== "ERR_MODULE_NOT_FOUND" || !("url" in error) || typeof error.url !== "string") return false;
  const tail = specifier.startsWith("/") ? specifier : `/${specifier.replace(/^(\.\.?\/)+/, "")}`;
  return fileURLToPath(error.url).endsWith(tail);
}

module.exports = { otherUnit, loadOrOtherUnit };
