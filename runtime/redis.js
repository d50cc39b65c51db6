// @ts-check
"use strict";
/**
 * The redis runtime: connection options for a `@klotho::persist` redis client, pointing it at the
 * ElastiCache / MemoryDB endpoint in env KLOTHO_REDIS_<ID>_HOST and KLOTHO_REDIS_<ID>_PORT, and
 * connecting the way klotho provisions it: inside the VPC, without AUTH and without TLS (the security
 * group is the guard). So the user's credentials and TLS settings, meant for the redis they ran
 * before, are dropped (`rediss:` becomes `redis:`, and a URL loses `username`, `password` and `tls`
 * query parameters as well as its user info); their other options (timeouts, retries, database) are kept.
 */
const { envName, requireEnv } = require("./env-names.js");

/**
 * @param {string} id
 * @returns {{ host: string, port: number }}
 */
function endpoint(id) {
  const host = requireEnv(envName("redis", id, "host"), `the host of redis '${id}'`);
  const portName = envName("redis", id, "port");
  const portText = requireEnv(portName, `the port of redis '${id}'`);
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`klotho: ${portName} must be a TCP port number, got '${portText}'`);
  return { host, port };
}

/**
 * The user's URL (or `redis://`) with the host and port of redis `id`, scheme `redis:` and no
 * credentials; its database (`/3`) and query are kept, but for the query's `username`, `password`
 * and `tls`: ioredis reads every query parameter as an option (`?password=x` is AUTH, `?tls=<profile>`
 * TLS); node-redis ignores the query, where a secret would only linger.
 * @param {string} id
 * @param {string | undefined} userUrl
 * @returns {string}
 */
function endpointUrl(id, userUrl) {
  const { host, port } = endpoint(id);
  const given = new URL(userUrl ?? "redis://placeholder");
  const url = new URL(`redis://${host}:${port}`);
  url.pathname = given.pathname;
  url.search = given.search;
  // Deleting re-encodes the whole query, so a query without credentials is left exactly as written.
  for (const name of SECURITY) if (url.searchParams.has(name)) url.searchParams.delete(name);
  return url.toString();
}

/**
 * Options for node-redis `createClient`: the user's options with `url` pointing at redis `id`.
 * @template {object} [T=object]
 * @param {string} id
 * @param {T} [userOptions]
 * @returns {Omit<NoInfer<T>, "url"> & { url: string }}
 */
function nodeOptions(id, userOptions) {
  const url = readField(userOptions, "url");
  return withOptions(withoutSecurity(userOptions), { url: endpointUrl(id, typeof url === "string" ? url : undefined) });
}

/**
 * Options for node-redis `createCluster`: the user's options with one root node at redis `id`
 * (the cluster's configuration endpoint, from which the client discovers the other nodes).
 * @template {object} [T=object]
 * @param {string} id
 * @param {T} [userOptions]
 * @returns {Omit<NoInfer<T>, "rootNodes"> & { rootNodes: Array<{ url: string }> }}
 */
function clusterOptions(id, userOptions) {
  const nodes = readField(userOptions, "rootNodes");
  /** @type {unknown} */
  const first = Array.isArray(nodes) ? nodes[0] : undefined;
  const url = readField(first, "url");
  const firstNode = typeof first === "object" && first !== null ? first : {};
  const defaults = readField(userOptions, "defaults");
  const options = typeof defaults === "object" && defaults !== null ? /** @type {T} */ (withOptions(userOptions, { defaults: withoutSecurity(defaults) })) : userOptions;
  return withOptions(options, { rootNodes: [{ ...withoutSecurity(firstNode), url: endpointUrl(id, typeof url === "string" ? url : undefined) }] });
}

/**
 * @overload
 * @param {string} id
 * @param {string} userUrl a redis URL (`redis://user:pass@host:6379/2`, `rediss://...`)
 * @returns {string}
 */
/**
 * @template {object} [T=object]
 * @overload
 * @param {string} id
 * @param {T | number} [userOptions] options, or a port number
 * @returns {Omit<NoInfer<T>, "host" | "port"> & { host: string, port: number }}
 */
/**
 * The first argument of `new Redis(...)` (ioredis) pointing at redis `id`: a URL string keeps its
 * scheme, credentials and database with the host and port replaced; options (or a port number, or
 * nothing) become the user's options with the host and port of redis `id`.
 * @param {string} id
 * @param {object | string | number} [userOptions]
 * @returns {object | string}
 */
function ioredisOptions(id, userOptions) {
  if (typeof userOptions === "string") return endpointUrl(id, userOptions);
  return withOptions(withoutSecurity(typeof userOptions === "object" ? userOptions : undefined), endpoint(id));
}

/**
 * The startup nodes of `new Redis.Cluster(nodes, options)` (ioredis): one node, the configuration
 * endpoint of redis cluster `id`, from which the client discovers the others. The user's nodes are
 * replaced; the user's cluster options (the second argument) are untouched.
 * @param {string} id
 * @param {unknown} [_userNodes] the nodes the code gave (ignored)
 * @returns {Array<{ host: string, port: number }>}
 */
function ioredisClusterNodes(id, _userNodes) {
  return [endpoint(id)];
}

/**
 * An argument of `new Redis(...)` or `new Redis.Cluster(...)` after the first: options (ioredis merges
 * them in) lose their credentials and TLS, in a cluster's `redisOptions` too; anything else is kept.
 * @template T
 * @param {T} value
 * @returns {T}
 */
function ioredisMoreOptions(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  /** @type {Record<string, unknown>} */
  const options = /** @type {Record<string, unknown>} */ (withoutSecurity(value));
  const redisOptions = options["redisOptions"];
  if (typeof redisOptions === "object" && redisOptions !== null) options["redisOptions"] = withoutSecurity(redisOptions);
  return /** @type {T} */ (options);
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {unknown} the property `name` of `value`, when `value` is an object
 */
function readField(value, name) {
  return typeof value === "object" && value !== null ? Reflect.get(value, name) : undefined;
}

/**
 * The user's options without what klotho's redis does not take: `username`, `password` and `tls`, at
 * the top and in node-redis's `socket`.
 * @template {object} T
 * @param {T | undefined} userOptions
 * @returns {T | undefined}
 */
function withoutSecurity(userOptions) {
  if (userOptions === undefined) return undefined;
  /** @type {Record<string, unknown>} */
  const options = Object.assign({}, /** @type {Record<string, unknown>} */ (userOptions));
  for (const name of SECURITY) delete options[name];
  const socket = options["socket"];
  if (typeof socket === "object" && socket !== null) {
    /** @type {Record<string, unknown>} */
    const plain = { ...socket };
    for (const name of SECURITY) delete plain[name];
    options["socket"] = plain;
  }
  return /** @type {T} */ (options);
}

/** The options of an authenticated or encrypted connection, which klotho's redis (no AUTH, no TLS) refuses. */
const SECURITY = ["username", "password", "tls"];

/**
 * The user's options (if any) with `overrides` on top.
 * @template {object} T
 * @template {object} U
 * @param {T | undefined} userOptions
 * @param {U} overrides
 * @returns {Omit<T, keyof U> & U}
 */
function withOptions(userOptions, overrides) {
  return Object.assign({}, userOptions, overrides);
}

module.exports = { nodeOptions, clusterOptions, ioredisOptions, ioredisClusterNodes, ioredisMoreOptions };
