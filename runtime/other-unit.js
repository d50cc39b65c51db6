// @ts-check
"use strict";
/**
 * What a unit's copy of a shared file gets in place of a module that runs in another execution
 * unit: a stand-in that can be called, read and awaited without effect. Registering the other
 * unit's routes (`require("./routes/pugs")(app)`, `routes.register(app)`, `app.use(routes.router)`)
 * then does nothing here, instead of crashing the unit or loading the other unit's code.
 */
const { IncomingMessage } = require("node:http");

/**
 * A stand-in for the module `specifier`: every property is a stand-in too; calling it returns
 * undefined (called as middleware, it passes the request on with `next()`); it is not a thenable,
 * so `await` gives it back; as a string it names the module.
 * @param {string} specifier the import specifier, for messages
 * @returns {unknown}
 */
function otherUnit(specifier) {
  return standIn(specifier);
}

/**
 * @param {string} specifier
 * @returns {() => void} the stand-in (a proxy of a function)
 */
function standIn(specifier) {
  const description = `[klotho: '${specifier}' runs in another execution unit]`;
  /** @type {ProxyHandler<() => void>} */
  const handler = {
    get(_target, key) {
      if (key === Symbol.toPrimitive || key === "toString" || key === "toJSON") return () => description;
      if (typeof key === "symbol" || key === "then" || key === "__esModule") return undefined;
      return standIn(`${specifier}.${key}`);
    },
    apply(_target, _this, args) {
      const [request, , next] = args;
      if (request instanceof IncomingMessage && typeof next === "function") next();
      return undefined;
    },
    construct() {
      return standIn(specifier);
    },
  };
  return new Proxy(function klothoOtherUnit() {}, handler);
}

module.exports = { otherUnit };
