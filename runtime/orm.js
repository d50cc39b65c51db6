// @ts-check
"use strict";
/**
 * The ORM runtime: the options a `@klotho::persist` ORM client (Sequelize, TypeORM, Prisma, knex) is
 * made with, pointing it at the unit's database, the connection string in env
 * KLOTHO_ORM_<ID>_CONNECTION_STRING, over TLS. The RDS PostgreSQL instance klotho creates refuses a
 * connection without TLS (`rds.force_ssl`, on by default from PostgreSQL 15), and `pg`, which
 * Sequelize, TypeORM and knex use, connects without TLS unless told. So the pg clients get
 * `ssl: { rejectUnauthorized: true }`: encrypted, and the server's certificate verified (its host
 * name too) against Node's CAs plus the file in NODE_EXTRA_CA_CERTS, which the unit's image sets to
 * Amazon's CA bundle. Prisma's engine reads neither: it gets `sslmode=require` in its URL, encrypted
 * but unverified (its `sslaccept` default). The user's own options are kept; so is their `ssl`
 * object, over klotho's defaults (`{ rejectUnauthorized: false }`, `ca`), but not an `ssl` that
 * turns TLS off, which the database would refuse. A connection string with `sslmode=disable` (a
 * local database for a local run) turns TLS off for every client.
 */
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
 * The value when it is a plain object, else an empty one: what a user's options argument may be.
 * @param {unknown} value
 * @returns {Record<string, unknown>}
 */
function objectOf(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : {};
}

/**
 * The `sslmode` query parameter of a connection string, if it has one.
 * @param {string} url
 * @returns {string | null}
 */
function sslModeOf(url) {
  try {
    return new URL(url).searchParams.get("sslmode");
  } catch {
    return null;
  }
}

/**
 * pg's `ssl` option for ORM `id`: TLS with the server's certificate verified, the user's `ssl`
 * object laid over it; `false` when the connection string says `sslmode=disable`.
 * @param {string} id
 * @param {unknown} userSsl
 * @returns {false | Record<string, unknown>}
 */
function tlsOptions(id, userSsl) {
  if (sslModeOf(connectionString(id)) === "disable") return false;
  return { rejectUnauthorized: true, ...objectOf(userSsl) };
}

/**
 * Sequelize's options (the constructor's last argument, or none when it is a user name or a URL):
 * the postgres dialect, and TLS in `dialectOptions.ssl`, where Sequelize hands it to pg.
 * @param {string} id
 * @param {unknown} [options]
 * @returns {Record<string, unknown>}
 */
function sequelizeOptions(id, options) {
  const given = objectOf(options);
  const dialectOptions = objectOf(given["dialectOptions"]);
  return { ...given, dialect: "postgres", dialectOptions: { ...dialectOptions, ssl: tlsOptions(id, dialectOptions["ssl"]) } };
}

/**
 * A TypeORM DataSource's options: postgres at the connection string, over TLS. An `ssl` in `extra`,
 * which TypeORM hands pg last, gets the same treatment.
 * @param {string} id
 * @param {unknown} [options]
 * @returns {Record<string, unknown>}
 */
function typeormOptions(id, options) {
  const given = objectOf(options);
  const extra = objectOf(given["extra"]);
  const extraSsl = "ssl" in extra ? { extra: { ...extra, ssl: tlsOptions(id, extra["ssl"]) } } : {};
  return { ...given, ...extraSsl, type: "postgres", url: connectionString(id), ssl: tlsOptions(id, given["ssl"]) };
}

/**
 * knex's configuration: the pg client, its `connection` the user's connection object (pool and
 * statement settings, `ssl`) with the connection string, whose host, port, user, password and
 * database pg takes over the object's, and TLS.
 * @param {string} id
 * @param {unknown} [config]
 * @returns {Record<string, unknown>}
 */
function knexConfig(id, config) {
  const given = objectOf(config);
  const connection = objectOf(given["connection"]);
  return { ...given, client: "pg", connection: { ...connection, connectionString: connectionString(id), ssl: tlsOptions(id, connection["ssl"]) } };
}

/**
 * A PrismaClient's options: the connection string, with `sslmode=require` unless it names a mode,
 * as `datasourceUrl` (Prisma refuses it beside `datasources`, which is dropped). Prisma's URL takes
 * its own TLS parameters (`sslmode` prefer, require or disable; `sslcert`; `sslaccept`), not pg's.
 * @param {string} id
 * @param {unknown} [options]
 * @returns {Record<string, unknown>}
 */
function prismaOptions(id, options) {
  const url = connectionString(id);
  const datasourceUrl = sslModeOf(url) === null ? `${url}${url.includes("?") ? "&" : "?"}sslmode=require` : url;
  return { ...objectOf(options), datasources: undefined, datasourceUrl };
}

module.exports = { connectionString, tlsOptions, sequelizeOptions, typeormOptions, knexConfig, prismaOptions };
