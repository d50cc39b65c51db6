// @ts-check
"use strict";
/**
 * Loads a unit's code as its container starts it: the entrypoint (`require` for CommonJS, `import()`
 * for an ES module), then the unit's other annotated files (unit.json's `load`) the entrypoint may not
 * import, with `import()`, which runs a file the entrypoint already loaded no second time. Used by the
 * Lambda dispatcher on its first event and by `start.js`, an ECS unit's command.
 */
const path = require("node:path");
const { pathToFileURL } = require("node:url");

/** @typedef {import("./unit-config.js").UnitConfig} UnitConfig */

/** @type {Promise<void> | undefined} */
let loaded;

/**
 * Loads the unit's files once per process; later calls return the same promise.
 * @param {UnitConfig} unit
 * @returns {Promise<void>}
 */
function loadUnit(unit) {
  loaded ??= (async () => {
    const file = path.resolve(__dirname, "..", unit.entrypoint);
    if (unit.moduleKind === "esm") await import(pathToFileURL(file).href);
    else require(file);
    for (const other of unit.load ?? []) await import(pathToFileURL(path.resolve(__dirname, "..", other)).href);
  })();
  return loaded;
}

module.exports = { loadUnit };
