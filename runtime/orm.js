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

module.exports = { connectionString };
