// The redis and ORM runtimes: connection settings from env vars, used by real clients against a real
// redis-server (and a one-node redis cluster for createCluster).
import { Cluster, Redis } from "ioredis";
import { createClient, createCluster } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedisServer, type LocalBackend } from "../helpers/local-backends.js";
import { requireRuntime } from "./runtime-modules.js";

const { nodeOptions, clusterOptions, ioredisOptions, ioredisClusterNodes, ioredisMoreOptions } = requireRuntime("redis.js");
const { connectionString } = requireRuntime("orm.js");

let server: LocalBackend;
let cluster: LocalBackend;

beforeAll(async () => {
  [server, cluster] = await Promise.all([startRedisServer(), startRedisServer({ cluster: true })]);
  Object.assign(process.env, {
    KLOTHO_REDIS_CACHE_HOST: "127.0.0.1",
    KLOTHO_REDIS_CACHE_PORT: String(server.port),
    KLOTHO_REDIS_SESSIONS_DB_HOST: "127.0.0.1",
    KLOTHO_REDIS_SESSIONS_DB_PORT: String(cluster.port),
  });
  // A one-node cluster: the node owns every hash slot.
  const admin = createClient({ url: cluster.endpoint });
  await admin.connect();
  await admin.sendCommand(["CLUSTER", "ADDSLOTSRANGE", "0", "16383"]);
  for (let attempt = 0; !(await admin.sendCommand(["CLUSTER", "INFO"]))?.toString().includes("cluster_state:ok"); attempt += 1) {
    if (attempt === 50) throw new Error("the one-node redis cluster did not become ready");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await admin.quit();
}, 30_000);

afterAll(async () => {
  await Promise.all([server.stop(), cluster.stop()]);
});

describe("redis connection options", () => {
  it("point a node-redis client at the host and port from the env, keeping the user's options but not their credentials or TLS", async () => {
    // The user's redis needed a password and TLS; klotho's (no AUTH, no TLS, like this server) refuses both.
    const options = nodeOptions("cache", { url: "rediss://user:secret@localhost:6380/3", password: "secret", socket: { connectTimeout: 2_000, tls: true } });
    expect(options).toEqual({ url: `redis://127.0.0.1:${server.port}/3`, socket: { connectTimeout: 2_000 } });
    const client = createClient(options);
    await client.connect();
    await client.set("pug", "rex");
    expect(await client.get("pug")).toBe("rex");
    await client.select(0);
    expect(await client.get("pug")).toBeNull();
    await client.quit();
  });

  it("point an ioredis client at the host and port from the env, without the user's credentials or TLS", async () => {
    const options = ioredisOptions("cache", { lazyConnect: true, maxRetriesPerRequest: 1, host: "localhost", password: "secret", username: "pug", tls: {} });
    expect(options).toEqual({ lazyConnect: true, maxRetriesPerRequest: 1, host: "127.0.0.1", port: server.port });
    const client = new Redis(options);
    await client.connect();
    await client.set("pug", "bella");
    expect(await client.get("pug")).toBe("bella");
    await client.quit();
  });

  it("give a node-redis cluster its configuration endpoint as the root node", async () => {
    const options = clusterOptions("sessions.db", { rootNodes: [{ url: "rediss://old-host:7000", password: "x" }], defaults: { password: "secret", socket: { connectTimeout: 2_000, tls: true } } });
    expect(options).toEqual({ rootNodes: [{ url: `redis://127.0.0.1:${cluster.port}` }], defaults: { socket: { connectTimeout: 2_000 } } });
    const client = createCluster(options);
    await client.connect();
    await client.set("session:1", "alive");
    expect(await client.get("session:1")).toBe("alive");
    await client.quit();
  });

  it("keep an ioredis URL's database but not its credentials or TLS scheme, and accept a port number", async () => {
    expect(ioredisOptions("cache", "rediss://pug:secret@old-host:6380/4?family=6")).toBe(`redis://127.0.0.1:${server.port}/4?family=6`);
    expect(ioredisOptions("cache", 6379)).toEqual({ host: "127.0.0.1", port: server.port });
    const client = new Redis(ioredisOptions("cache", "redis://old-host:6379/5"), { lazyConnect: true });
    await client.connect();
    await client.set("ioredis:url", "otto");
    expect(await client.get("ioredis:url")).toBe("otto");
    await client.select(0);
    expect(await client.get("ioredis:url")).toBeNull();
    client.disconnect();
  });

  it("drop credentials and TLS given as URL query parameters (ioredis reads each as an option), keeping the others as written", async () => {
    // ioredis would send AUTH pug secret (refused: this server has no such user) and negotiate TLS with the profile.
    const url = ioredisOptions("cache", "redis://old-host:6379?username=pug&db=2&password=secret&tls=RedisCloudFixed");
    expect(url).toBe(`redis://127.0.0.1:${server.port}?db=2`);
    expect(ioredisOptions("cache", "redis://old-host/1?name=a%20b&family=4")).toBe(`redis://127.0.0.1:${server.port}/1?name=a%20b&family=4`);
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    await client.set("ioredis:query", "nala");
    await client.select(2);
    expect(await client.get("ioredis:query")).toBe("nala");
    client.disconnect();
    // node-redis ignores the query, so a password there would only linger in the rewritten URL.
    const options = nodeOptions("cache", { url: "redis://old-host:6379/3?password=secret&username=pug" });
    expect(options).toEqual({ url: `redis://127.0.0.1:${server.port}/3` });
    const nodeClient = createClient(options);
    await nodeClient.connect();
    expect(await nodeClient.ping()).toBe("PONG");
    await nodeClient.quit();
    const clusterNodes = clusterOptions("sessions.db", { rootNodes: [{ url: "redis://old-host:7000?password=secret" }] });
    expect(clusterNodes).toEqual({ rootNodes: [{ url: `redis://127.0.0.1:${cluster.port}` }] });
    const clusterClient = createCluster(clusterNodes);
    await clusterClient.connect();
    await clusterClient.set("session:3", "alive");
    expect(await clusterClient.get("session:3")).toBe("alive");
    await clusterClient.quit();
  });

  it("strip credentials and TLS from the options ioredis takes after its first argument, a cluster's redisOptions too", async () => {
    expect(ioredisMoreOptions({ tls: { rejectUnauthorized: false }, password: "x", lazyConnect: true })).toEqual({ lazyConnect: true });
    expect(ioredisMoreOptions({ redisOptions: { password: "x", tls: {}, db: 2 }, scaleReads: "slave" })).toEqual({ redisOptions: { db: 2 }, scaleReads: "slave" });
    expect(ioredisMoreOptions("localhost")).toBe("localhost");
    // The usual hosted-redis form: a rediss:// URL and TLS options; against klotho's cache (this server) it connects in plain text.
    const client = new Redis(ioredisOptions("cache", "rediss://default:secret@old-host:6380"), ioredisMoreOptions({ tls: { rejectUnauthorized: false }, lazyConnect: true }));
    await client.connect();
    await client.set("ioredis:more", "luna");
    expect(await client.get("ioredis:more")).toBe("luna");
    client.disconnect();
  });

  it("give an ioredis cluster the configuration endpoint as its one startup node", async () => {
    expect(ioredisClusterNodes("sessions.db", [{ host: "old-host", port: 7000 }])).toEqual([{ host: "127.0.0.1", port: cluster.port }]);
    const client = new Cluster(ioredisClusterNodes("sessions.db"), { lazyConnect: true });
    await client.connect();
    await client.set("session:2", "alive");
    expect(await client.get("session:2")).toBe("alive");
    await client.quit();
  });

  it("name the missing or malformed env var", () => {
    expect(() => nodeOptions("other")).toThrow("environment variable KLOTHO_REDIS_OTHER_HOST is not set; it should hold the host of redis 'other'");
    process.env["KLOTHO_REDIS_BAD_HOST"] = "localhost";
    process.env["KLOTHO_REDIS_BAD_PORT"] = "six";
    expect(() => ioredisOptions("bad")).toThrow("KLOTHO_REDIS_BAD_PORT must be a TCP port number, got 'six'");
  });
});

describe("ORM connection string", () => {
  it("comes from KLOTHO_ORM_<ID>_CONNECTION_STRING", () => {
    process.env["KLOTHO_ORM_PUG_DB_CONNECTION_STRING"] = "postgresql://pugs:secret@db.internal:5432/pugs";
    expect(connectionString("pug-db")).toBe("postgresql://pugs:secret@db.internal:5432/pugs");
    expect(() => connectionString("none")).toThrow("environment variable KLOTHO_ORM_NONE_CONNECTION_STRING is not set");
  });
});
