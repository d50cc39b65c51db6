// @ts-check
"use strict";
/**
 * The command of an ECS unit whose code is in several annotated files (`node klotho_runtime/start.js`):
 * runs the entrypoint, which starts the server, then the unit's other files, as the Lambda dispatcher
 * does. A unit of one file runs its entrypoint directly.
 */
const { loadUnit } = require("./load-unit.js");
const { readUnitConfig } = require("./unit-config.js");

// A file failing to load ends the container even when the entrypoint's server is already listening:
// serving without that file's code (its routes, its listeners) would hide the failure.
loadUnit(readUnitConfig()).catch((error) => {
  console.error(error);
  process.exit(1);
});
