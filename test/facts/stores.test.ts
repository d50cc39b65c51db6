import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type SourceTree } from "../helpers/program.js";

interface StoreCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
}

const cases: StoreCase[] = [
  {
    name: "new Map() and its uses in the same file",
    files: { "store.js": lines("const store = new Map();", `store.set("a", 1);`, `const a = store.get("a");`) },
    expected: ["kv_map store.js:1 store", "object_use store.js:2 set store.js:1", "object_use store.js:3 get store.js:1"],
  },
  {
    name: "new Map with entries",
    files: { "store.js": lines(`const seeded = new Map([["a", 1]]);`, "seeded.has('a');") },
    expected: ["kv_map store.js:1 seeded", "object_use store.js:2 has store.js:1"],
  },
  {
    name: "a store used from another file",
    files: {
      "store.js": lines("const store = new Map();", "module.exports = { store };"),
      "handlers.js": lines(`const { store } = require("./store");`, "async function getPug(req, res) {", "  res.send(await store.get(req.params.id));", "}", "module.exports = { getPug };"),
    },
    expected: ["object_use handlers.js:3 get store.js:1", "kv_map store.js:1 store"],
  },
  {
    name: "a store used from an ES module through an import",
    files: {
      "store.mjs": lines("export const store = new Map();"),
      "use.mjs": lines(`import { store } from "./store.mjs";`, "export function put(k, v) { store.set(k, v); }"),
    },
    expected: ["kv_map store.mjs:1 store", "object_use use.mjs:2 set store.mjs:1"],
  },
  {
    name: "a local class named Map is not a store",
    files: { "x.js": lines("class Map {}", "const m = new Map();", "m.set(1, 2);") },
    expected: [],
  },
  {
    name: "node-redis createClient as a named import and through the module",
    files: {
      "a.mjs": lines(`import { createClient } from "redis";`, "const client = createClient();", "await client.connect();"),
      "b.js": lines(`const redis = require("redis");`, "const cache = redis.createClient({ url: process.env.URL });", "cache.get('k');"),
    },
    expected: [
      "redis_client a.mjs:2 redis client",
      "object_use a.mjs:3 connect a.mjs:2",
      "redis_client b.js:2 redis cache",
      "object_use b.js:3 get b.js:2",
    ],
  },
  {
    name: "node-redis createCluster",
    files: { "c.js": lines(`const { createCluster } = require("redis");`, "const cluster = createCluster({ rootNodes: [] });") },
    expected: ["redis_client c.js:2 redis cluster cluster"],
  },
  {
    name: "ioredis new Redis(), new Redis.Cluster([]) and a named Cluster",
    files: {
      "a.js": lines(`const Redis = require("ioredis");`, "const one = new Redis();", "const many = new Redis.Cluster([]);", "one.set('k', 'v');"),
      "b.mjs": lines(`import { Cluster } from "ioredis";`, "const named = new Cluster([]);"),
    },
    expected: [
      "redis_client a.js:2 ioredis one",
      "redis_client a.js:3 ioredis cluster many",
      "object_use a.js:4 set a.js:2",
      "redis_client b.mjs:2 ioredis cluster named",
    ],
  },
  {
    name: "ioredis default import",
    files: { "a.ts": lines(`import Redis from "ioredis";`, "export const redis = new Redis(process.env.REDIS_URL!);") },
    expected: ["redis_client a.ts:2 ioredis redis"],
  },
];

describe("maps and redis clients", () => {
  it.each(cases)("$name", ({ files, expected }) => {
    const { facts } = analyzeProgram(files);
    expect(summarizeFacts(facts, "kv_map", "redis_client", "object_use")).toEqual(expected);
  });
});
