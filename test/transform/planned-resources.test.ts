import { describe, expect, it } from "vitest";
import { createImportResolver } from "../../src/facts/resolve-import.js";
import { rewriteFile } from "../../src/transform/rewrite-file.js";
import { analyzeProgram, lines } from "../helpers/program.js";

interface StoreCase {
  readonly name: string;
  readonly code: string;
  /** The resource the annotation becomes, which the transform asks the plan for. */
  readonly resource: string;
  /** Text the rewrite writes when the plan has the resource. */
  readonly rewritten: string;
}

const cases: StoreCase[] = [
  { name: "a persisted Map", code: lines(`/** @klotho::persist { id = "audit" } */`, "const audit = new Map();", "module.exports = audit;"), resource: "persist_kv:audit", rewritten: "KVMap" },
  { name: "a persisted fs/promises import", code: lines(`/** @klotho::persist { id = "files" } */`, `const fs = require("fs/promises");`, `fs.writeFile("a.txt", "a");`), resource: "persist_fs:files", rewritten: "klotho_runtime/stores/fs-files.js" },
  {
    name: "a secret fs/promises import",
    code: lines(`/** @klotho::persist { id = "keys", secret = true } */`, `const fs = require("fs/promises");`, `fs.readFile("key.pem");`),
    resource: "persist_secret:keys",
    rewritten: "klotho_runtime/stores/secrets-keys.js",
  },
  { name: "a redis client", code: lines(`const { createClient } = require("redis");`, `/** @klotho::persist { id = "cache" } */`, "const cache = createClient();", `cache.get("a");`), resource: "persist_redis_node:cache", rewritten: "nodeOptions" },
  {
    name: "a redis cluster",
    code: lines(`const { createCluster } = require("redis");`, `/** @klotho::persist { id = "shards" } */`, "const shards = createCluster({ rootNodes: [] });", `shards.get("a");`),
    resource: "persist_redis_cluster:shards",
    rewritten: "clusterOptions",
  },
  { name: "an ORM client", code: lines(`const { Sequelize } = require("sequelize");`, `/** @klotho::persist { id = "db" } */`, `const db = new Sequelize("sqlite::memory:");`), resource: "persist_orm:db", rewritten: "connectionString" },
  {
    name: "an exported emitter",
    code: lines(`const { EventEmitter } = require("events");`, `/** @klotho::pubsub { id = "bus" } */`, "const bus = new EventEmitter();", `bus.emit("order.created", {});`, "module.exports = bus;"),
    resource: "pubsub:bus",
    rewritten: "createEmitter",
  },
];

function rewrite(code: string, planned: (resourceId: string) => boolean, topics: readonly string[] | undefined) {
  const { parsed, annotations, facts } = analyzeProgram({ "store.js": code });
  const file = parsed.find((p) => p.file.path === "store.js");
  if (!file) throw new Error("store.js did not parse");
  const resolve = createImportResolver(["store.js"], "/virtual", undefined);
  return rewriteFile({ parsed: file, unitFiles: new Set(["store.js"]), lambda: true, annotations, facts, resolve, program: { get: () => undefined }, topicsOf: () => topics, planned });
}

describe("a store or service is rewritten for the cloud only when the plan has its resource", () => {
  it.each(cases)("$name: rewritten with $resource, left as written without it", ({ code, resource, rewritten }) => {
    const topics = resource.startsWith("pubsub:") ? ["order.created"] : undefined;
    const withResource = rewrite(code, (id) => id === resource, topics);
    expect(withResource.file.text).toContain(rewritten);
    // A policy that switched off the capability rule: no resource (and so no topics), the code stays as written.
    const withoutResource = rewrite(code, (id) => id !== resource, undefined);
    expect(withoutResource.file.text).toBe(code);
    expect(withoutResource.needs.modules.size + withoutResource.needs.shims.size + withoutResource.needs.kvMaps.size).toBe(0);
  });
});
