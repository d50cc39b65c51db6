// @ts-check
"use strict";
/** The ORM runtime: the database connection string for a `@klotho::persist` ORM client (Sequelize, TypeORM, Prisma). */
const { envName, requireEnv } = require("./env-names.js");

/**
 * The connection string of ORM `id`, from env KLOTHO_ORM_<ID>_CONNECTION_STRING.
 * @param {string} id
 * @returns {string}
 */
function connectionString(id) {
  return requireEnv(envName("orm", id, "connection_string"), `the connection string of the database of ORM '${id}'`);
}

/**
 * The options among a Sequelize constructor's arguments, for the rewrite to spread: the value when it
 * is an object, else none. `new Sequelize(db, user)` and `new Sequelize(url)` pass strings where
 * `new Sequelize(url, options)` and `new Sequelize(options)` pass objects.
 * @param {unknown} value
 * @returns {object}
 */
function optionsOf(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

module.exports = { connectionString, optionsOf };
