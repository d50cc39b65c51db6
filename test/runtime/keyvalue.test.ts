// The kv runtime against dynalite, a real local DynamoDB: Map semantics, initial entries, TTL and
// optimistic locking. The table is created here as the Pulumi program creates it (pk/sk, TTL on expiresAt).
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startDynalite, type LocalBackend } from "../helpers/local-backends.js";
import { requireRuntime } from "./runtime-modules.js";

const TABLE = "pugs-kv";
const { KVMap, KVConflictError } = requireRuntime("keyvalue.js");

let dynalite: LocalBackend;
let raw: DynamoDBClient;
let mapCount = 0;

/** A map id no other test uses. */
function freshId(): string {
  mapCount += 1;
  return `map-${mapCount}`;
}

beforeAll(async () => {
  dynalite = await startDynalite();
  // The SDK's standard settings, as in Lambda; AWS_ENDPOINT_URL points every client at dynalite.
  Object.assign(process.env, {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL: dynalite.endpoint,
    KLOTHO_KV_TABLE: TABLE,
  });
  raw = new DynamoDBClient({});
  await raw.send(new CreateTableCommand({
    TableName: TABLE,
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    // dynalite does not know PAY_PER_REQUEST; the Pulumi program uses it.
    ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
  }));
});

afterAll(async () => {
  raw.destroy();
  await dynalite.stop();
});

describe("KVMap: the Map API on DynamoDB", () => {
  it("gets, sets, has and deletes like a Map, with set returning the map", async () => {
    const map = new KVMap<string, { name: string; age: number }>({ id: freshId() });
    expect(await map.get("rex")).toBeUndefined();
    expect(await map.has("rex")).toBe(false);
    expect(await map.set("rex", { name: "rex", age: 3 })).toBe(map);
    expect(await map.get("rex")).toEqual({ name: "rex", age: 3 });
    expect(await map.has("rex")).toBe(true);
    await map.set("rex", { name: "rex", age: 4 });
    expect(await map.get("rex")).toEqual({ name: "rex", age: 4 });
    expect(await map.delete("rex")).toBe(true);
    expect(await map.delete("rex")).toBe(false);
    expect(await map.has("rex")).toBe(false);
  });

  it("keeps number and string keys apart, as a Map does", async () => {
    const map = new KVMap<string | number, string>({ id: freshId() });
    await map.set(1, "number one");
    await map.set("1", "string one");
    await map.set(-0, "zero");
    await map.set(1.5, "one and a half");
    expect(await map.get(1)).toBe("number one");
    expect(await map.get("1")).toBe("string one");
    expect(await map.get(0)).toBe("zero");
    expect(await map.size()).toBe(4);
    const keys = await map.keys();
    expect(keys.sort((a, b) => String(a).localeCompare(String(b)))).toEqual([0, 1, "1", 1.5]);
    expect(keys.filter((key) => typeof key === "number")).toHaveLength(3);
  });

  it("stores JSON values, including undefined, null and nested data", async () => {
    const map = new KVMap<string, unknown>({ id: freshId() });
    await map.set("nothing", undefined);
    await map.set("null", null);
    await map.set("nested", { list: [1, "two", { three: true }], text: "é ✓" });
    expect(await map.has("nothing")).toBe(true);
    expect(await map.get("nothing")).toBeUndefined();
    expect(await map.get("null")).toBeNull();
    expect(await map.get("nested")).toEqual({ list: [1, "two", { three: true }], text: "é ✓" });
    await expect(map.set("fn", () => 1)).rejects.toThrow("cannot be stored; values are stored as JSON");
    // JSON writes a Map or Set as {}: its entries would be lost silently, at the top of a value or inside it.
    await expect(map.set("tenants", new Map([["a", 1]]))).rejects.toThrow("klotho kv: a Map cannot be stored: values are stored as JSON, which keeps none of its entries; store Object.fromEntries(map) or [...map] instead");
    await expect(map.set("cart", { items: new Set(["x"]) })).rejects.toThrow('klotho kv: a Set (at property "items") cannot be stored');
    expect(await map.has("tenants")).toBe(false);
    await expect(map.set({} as unknown as string, 1)).rejects.toThrow("map keys must be strings or numbers, got object");
  });

  it("iterates with keys, values, entries, forEach and for await", async () => {
    const map = new KVMap<string, number>({ id: freshId() }, [["b", 2], ["a", 1], ["c", 3]]);
    expect(await map.keys()).toEqual(["a", "b", "c"]);
    expect(await map.values()).toEqual([1, 2, 3]);
    expect(await map.entries()).toEqual([["a", 1], ["b", 2], ["c", 3]]);
    const seen: string[] = [];
    await map.forEach(async (value, key, self) => {
      await Promise.resolve();
      expect(self).toBe(map);
      seen.push(`${key}=${value}`);
    });
    expect(seen).toEqual(["a=1", "b=2", "c=3"]);
    const pairs: [string, number][] = [];
    for await (const [key, value] of map) pairs.push([key, value]);
    expect(pairs).toEqual([["a", 1], ["b", 2], ["c", 3]]);
    const keys: string[] = [];
    for await (const key of map.keys()) keys.push(key);
    expect(keys).toEqual(["a", "b", "c"]);
  });

  it("refuses synchronous iteration of the map and of keys(), values(), entries() with an error naming the map, never an empty result", async () => {
    const id = freshId();
    const map = new KVMap<string, number>({ id }, [["a", 1]]);
    const ofMap = `klotho kv: map '${id}' is persisted: its entries are read asynchronously, so it cannot be iterated synchronously`;
    const useForAwait = "Use for await (const [key, value] of map), or await map.entries() (keys(), values()) for an array.";
    expect(() => Array.from(map)).toThrow(ofMap);
    expect(() => [...map]).toThrow(useForAwait);
    expect(() => new Map(map)).toThrow(ofMap);
    expect(() => Object.fromEntries(map)).toThrow(ofMap);
    expect(() => {
      for (const entry of map) expect(entry).toBeUndefined();
    }).toThrow(ofMap);
    for (const method of ["keys", "values", "entries"] as const) {
      const ofMethod = `klotho kv: map '${id}': ${method}() of a persisted map is read asynchronously and cannot be iterated synchronously`;
      const result: Iterable<unknown> = map[method]();
      expect(() => Array.from(result)).toThrow(ofMethod);
      expect(() => [...result]).toThrow(`Await it for an array (Array.from(await map.${method}())) or use for await (... of map.${method}()).`);
    }
    expect(() => new Map(map.entries())).toThrow(`map '${id}': entries()`);
    expect(() => Object.fromEntries(map.entries())).toThrow(`map '${id}': entries()`);
    // Awaited, they are arrays, which iterate as usual.
    expect(Object.fromEntries(await map.entries())).toEqual({ a: 1 });
    expect(Array.from(await map.keys())).toEqual(["a"]);
  });

  it("pages through maps larger than one DynamoDB page and clears them", async () => {
    const map = new KVMap<number, string>({ id: freshId() });
    const big = "x".repeat(20_000);
    await Promise.all(Array.from({ length: 80 }, (_, index) => map.set(index, big)));
    expect(await map.size()).toBe(80);
    expect((await map.keys()).length).toBe(80);
    await map.clear();
    expect(await map.size()).toBe(0);
    expect(await map.entries()).toEqual([]);
  });

  it("keeps maps with different ids apart in one table", async () => {
    const dogs = new KVMap<string, string>({ id: freshId() });
    const cats = new KVMap<string, string>({ id: freshId() });
    await dogs.set("name", "rex");
    await cats.set("name", "tom");
    await cats.clear();
    expect(await dogs.get("name")).toBe("rex");
    expect(await cats.size()).toBe(0);
  });
});

describe("KVMap initial entries", () => {
  it("writes the constructor's entries before the first operation, keeping entries already stored", async () => {
    const id = freshId();
    const first = new KVMap<string, string>({ id }, [["rex", "pug"], ["ana", "beagle"], ["rex", "pug, last wins"]]);
    expect(await first.get("rex")).toBe("pug, last wins");
    await first.set("ana", "changed");
    await first.delete("rex");
    // A new container constructs the map again: entries that exist are kept, missing ones come back.
    const second = new KVMap<string, string>({ id }, [["rex", "pug"], ["ana", "beagle"]]);
    expect(await second.entries()).toEqual([["ana", "changed"], ["rex", "pug"]]);
  });
});

describe("KVMap ttl", () => {
  it("writes expiresAt as epoch seconds now + ttl", async () => {
    const id = freshId();
    const map = new KVMap<string, string>({ id, ttl: 3600 });
    const before = Math.floor(Date.now() / 1000);
    await map.set("rex", "pug");
    const { Item } = await raw.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id }, sk: { S: "s:rex" } } }));
    expect(Number(Item?.["expiresAt"]?.N)).toBeGreaterThanOrEqual(before + 3600);
    expect(Number(Item?.["expiresAt"]?.N)).toBeLessThanOrEqual(before + 3601);
  });

  it("treats expired items DynamoDB has not deleted yet as absent", async () => {
    const id = freshId();
    const past = String(Math.floor(Date.now() / 1000) - 10);
    await raw.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: id }, sk: { S: "s:old" }, value: { S: '"gone"' }, expiresAt: { N: past } } }));
    const map = new KVMap<string, string>({ id, ttl: 60 });
    await map.set("new", "here");
    expect(await map.get("old")).toBeUndefined();
    expect(await map.has("old")).toBe(false);
    expect(await map.size()).toBe(1);
    expect(await map.keys()).toEqual(["new"]);
    expect(await map.delete("old")).toBe(false);
  });

  it("lets an entry expire after its ttl", async () => {
    const map = new KVMap<string, string>({ id: freshId(), ttl: 1 });
    await map.set("brief", "soon gone");
    expect(await map.get("brief")).toBe("soon gone");
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await map.get("brief")).toBeUndefined();
  }, 10_000);

  it("keeps an entry its whole ttl when it is written just before a second ends", async () => {
    const map = new KVMap<string, string>({ id: freshId(), ttl: 1 });
    const second = Math.floor(Date.now() / 1000) * 1000;
    const clock = vi.spyOn(Date, "now");
    try {
      clock.mockReturnValue(second + 999);
      await map.set("edge", "kept");
      clock.mockReturnValue(second + 1500);
      expect(await map.get("edge")).toBe("kept");
      clock.mockReturnValue(second + 2000);
      expect(await map.get("edge")).toBeUndefined();
    } finally {
      clock.mockRestore();
    }
  });
});

describe("KVMap versioned", () => {
  it("fails the slower of two racing writers with a KVConflictError, and succeeds after a re-read", async () => {
    const id = freshId();
    const containerA = new KVMap<string, number>({ id, versioned: true });
    const containerB = new KVMap<string, number>({ id, versioned: true });
    await containerA.set("likes", 0);
    expect(await containerA.get("likes")).toBe(0);
    expect(await containerB.get("likes")).toBe(0);
    await containerB.set("likes", 1);
    const lost = containerA.set("likes", 1);
    await expect(lost).rejects.toBeInstanceOf(KVConflictError);
    await expect(lost).rejects.toThrow("another writer changed the key since this map read it (this map saw version 1)");
    expect(await containerA.get("likes")).toBe(1);
    await containerA.set("likes", 2);
    expect(await containerB.get("likes")).toBe(2);
  });

  it("detects a key created by another writer after this map saw it absent, and conflicting deletes", async () => {
    const id = freshId();
    const containerA = new KVMap<string, string>({ id, versioned: true });
    const containerB = new KVMap<string, string>({ id, versioned: true });
    expect(await containerA.has("rex")).toBe(false);
    await containerB.set("rex", "from B");
    await expect(containerA.set("rex", "from A")).rejects.toThrow("this map saw no entry");
    expect(await containerA.get("rex")).toBe("from B");
    await containerB.set("rex", "B again");
    await expect(containerA.delete("rex")).rejects.toBeInstanceOf(KVConflictError);
    expect(await containerB.get("rex")).toBe("B again");
  });

  it("bumps the stored version on every write", async () => {
    const id = freshId();
    const map = new KVMap<string, string>({ id, versioned: true }, [["rex", "pug"]]);
    await map.set("rex", "pug 2");
    await map.set("rex", "pug 3");
    const { Item } = await raw.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: id }, sk: { S: "s:rex" } } }));
    expect(Item?.["version"]).toEqual({ N: "3" });
  });
});

describe("KVMap errors", () => {
  it("refuses keys and values over DynamoDB's limits with a klotho error, before the call", async () => {
    const map = new KVMap<string, string>({ id: freshId() });
    const longest = "k".repeat(1022);
    await map.set(longest, "fits");
    expect(await map.get(longest)).toBe("fits");
    await expect(map.set(`${longest}k`, "x")).rejects.toThrow(
      'klotho kv: a map key of 1023 bytes (UTF-8) is too long: DynamoDB sort keys hold at most 1024 bytes, so a string key may have at most 1022 (klotho stores it as "s:<key>")',
    );
    // Bytes, not characters: 512 "é" are 1024 bytes.
    await expect(map.get("é".repeat(512))).rejects.toThrow("klotho kv: a map key of 1024 bytes (UTF-8) is too long");
    const largest = "v".repeat(408_445 - 2);
    await map.set("large", largest);
    expect((await map.get("large"))?.length).toBe(largest.length);
    const tooLarge = "klotho kv: a value of 408446 bytes as JSON is too large: a DynamoDB item holds at most 400 KB, so a value may take at most 408445 bytes as JSON";
    await expect(map.set("larger", `${largest}v`)).rejects.toThrow(tooLarge);
    await expect(map.set("huge", "é".repeat(300_000))).rejects.toThrow("klotho kv: a value of 600002 bytes as JSON is too large");
    expect(() => new KVMap<string, string>({ id: freshId() }, [["huge", "x".repeat(500_000)]])).toThrow("a value of 500002 bytes as JSON is too large");
    expect(await map.has("larger")).toBe(false);
  });

  it("surfaces DynamoDB errors with the map, the operation and the cause", async () => {
    const saved = process.env["KLOTHO_KV_TABLE"];
    process.env["KLOTHO_KV_TABLE"] = "no-such-table";
    try {
      await expect(new KVMap<string, string>({ id: freshId() }).get("rex")).rejects.toThrow(/map 'map-\d+': get\("rex"\) failed on table 'no-such-table': ResourceNotFoundException/);
    } finally {
      process.env["KLOTHO_KV_TABLE"] = saved;
    }
  });

  it("says which env var is missing", async () => {
    const saved = process.env["KLOTHO_KV_TABLE"];
    delete process.env["KLOTHO_KV_TABLE"];
    try {
      await expect(new KVMap<string, string>({ id: freshId() }).size()).rejects.toThrow("environment variable KLOTHO_KV_TABLE is not set");
    } finally {
      process.env["KLOTHO_KV_TABLE"] = saved;
    }
  });
});
