// @ts-check
"use strict";
/** Reads `klotho_runtime/unit.json`, the settings the compiler writes beside the runtime. */
const fs = require("node:fs");
const path = require("node:path");

/**
 * @typedef {object} KvSettings directives of one `@klotho::persist` kv map
 * @property {number} [ttl] seconds an entry lives after its last write
 * @property {boolean} [versioned] optimistic locking on writes
 */

/**
 * @typedef {object} UnitConfig
 * @property {string} unit execution unit id
 * @property {string} app app name
 * @property {string} entrypoint file the dispatcher loads, relative to the unit folder
 * @property {string[]} [load] the unit's other annotated files, which the dispatcher (or an ECS unit's start.js) loads after the entrypoint
 * @property {"cjs" | "esm"} moduleKind how the entrypoint is loaded (`require` or `import()`)
 * @property {boolean} gateway whether an API gateway routes HTTP requests to this unit
 * @property {boolean} [startsApp] whether loading the entrypoint starts the exposed app although no gateway routes to the unit (a NestJS app whose providers listen to events): the dispatcher starts it before delivering SNS records
 * @property {Record<string, KvSettings>} kv kv maps of the unit by map id
 */

/** Where the compiler writes the unit's settings. */
const UNIT_FILE = path.join(__dirname, "unit.json");

/** @type {UnitConfig | undefined} */
let cached;

/**
 * The unit's settings, read once per process; throws when the file is missing or malformed.
 * @returns {UnitConfig}
 */
function readUnitConfig() {
  if (cached) return cached;
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(UNIT_FILE, "utf8"));
  } catch (error) {
    throw new Error(`klotho: cannot read ${UNIT_FILE}; klotho writes it when it compiles the unit`, { cause: error });
  }
  cached = validateUnitConfig(parsed);
  return cached;
}

/**
 * The unit's settings, or undefined when the runtime runs outside a compiled unit (no unit.json).
 * @returns {UnitConfig | undefined}
 */
function unitConfigIfPresent() {
  return cached ?? (fs.existsSync(UNIT_FILE) ? readUnitConfig() : undefined);
}

/**
 * Checks the shape of a parsed unit.json.
 * @param {unknown} value
 * @returns {UnitConfig}
 */
function validateUnitConfig(value) {
  /** @param {string} problem @returns {never} */
  const fail = (problem) => {
    throw new Error(`klotho: ${UNIT_FILE} is invalid: ${problem}`);
  };
  if (!isRecord(value)) return fail("expected a JSON object");
  /** @param {string} name @returns {string} */
  const text = (name) => {
    const field = value[name];
    return typeof field === "string" && field !== "" ? field : fail(`"${name}" must be a non-empty string`);
  };
  const { moduleKind, gateway, startsApp, kv = {}, load } = value;
  if (moduleKind !== "cjs" && moduleKind !== "esm") return fail(`"moduleKind" must be "cjs" or "esm"`);
  if (typeof gateway !== "boolean") return fail(`"gateway" must be true or false`);
  if (startsApp !== undefined && typeof startsApp !== "boolean") return fail(`"startsApp" must be true or false`);
  if (!isRecord(kv)) return fail(`"kv" must be an object`);
  if (load !== undefined && !(Array.isArray(load) && load.every((file) => typeof file === "string" && file !== ""))) return fail(`"load" must be a list of file paths`);
  /** @type {UnitConfig} */
  const base = { unit: text("unit"), app: text("app"), entrypoint: text("entrypoint"), moduleKind, gateway, ...(startsApp === true ? { startsApp } : {}), kv: validateKv(kv, fail) };
  return load === undefined ? base : { ...base, load: /** @type {string[]} */ (load) };
}

/**
 * @param {Record<string, unknown>} kv
 * @param {(problem: string) => never} fail
 * @returns {Record<string, KvSettings>}
 */
function validateKv(kv, fail) {
  /** @type {Record<string, KvSettings>} */
  const out = {};
  for (const [id, settings] of Object.entries(kv)) {
    if (!isRecord(settings)) return fail(`"kv.${id}" must be an object`);
    const { ttl, versioned } = settings;
    if (ttl !== undefined && (typeof ttl !== "number" || !(ttl > 0))) fail(`"kv.${id}.ttl" must be a positive number of seconds`);
    if (versioned !== undefined && typeof versioned !== "boolean") fail(`"kv.${id}.versioned" must be true or false`);
    out[id] = {
      ...(typeof ttl === "number" ? { ttl } : {}),
      ...(typeof versioned === "boolean" ? { versioned } : {}),
    };
  }
  return out;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

module.exports = { UNIT_FILE, readUnitConfig, unitConfigIfPresent, validateUnitConfig, isRecord };
