// @ts-check
"use strict";
/**
 * The kv runtime: what a `@klotho::persist` `new Map()` becomes. The Map API as async methods on
 * the app's DynamoDB table, one partition per map (kv-codec.js describes the items, kv-table.js
 * makes the calls). Iteration follows the table's sort-key order, not insertion order.
 */
const { AwaitableIterable } = require("./awaitable-iterable.js");
const codec = require("./kv-codec.js");
const { KVTable, isConditionFailure } = require("./kv-table.js");
const { unitConfigIfPresent } = require("./unit-config.js");

/** @import { AttributeValue } from "@aws-sdk/client-dynamodb" */
/** @import { Item, KVKey } from "./kv-codec.js" */
/** @import { Condition } from "./kv-table.js" */
/**
 * @typedef {object} KVMapOptions
 * @property {string} id the map's `@klotho::persist` id (its partition key)
 * @property {number} [ttl] seconds an entry lives after its last write (default: unit.json's kv settings)
 * @property {boolean} [versioned] optimistic locking: a write fails when another writer changed the key since this map read it
 */

/** A versioned write lost a race: the key changed since this map read it. */
class KVConflictError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "KVConflictError";
    this.code = "KLOTHO_KV_CONFLICT";
  }
}

/**
 * A Map stored in DynamoDB. Keys are strings or numbers; values are stored as JSON.
 * @template {KVKey} [K=KVKey]
 * @template [V=unknown]
 */
class KVMap {
  #id;
  #ttl;
  #versioned;
  #table;
  /** @type {Map<K, V>} */
  #initialEntries;
  /** @type {Promise<void> | undefined} */
  #initialized;
  /** Versions this map last saw, by sort key (0: no item); only for versioned maps. @type {Map<string, number>} */
  #versions = new Map();

  /**
   * @param {KVMapOptions} options
   * @param {Iterable<readonly [K, V]> | null} [initialEntries] written, where absent, before the first operation
   * @param {{ client?: import("@aws-sdk/client-dynamodb").DynamoDBClient }} [dependencies] a client to use instead of the default one
   */
  constructor(options, initialEntries, dependencies = {}) {
    if (typeof options?.id !== "string" || options.id === "") throw new TypeError("klotho kv: new KVMap({ id }) needs the map's persist id");
    const settings = unitConfigIfPresent()?.kv[options.id] ?? {};
    this.#id = options.id;
    this.#ttl = options.ttl ?? settings.ttl;
    this.#versioned = options.versioned ?? settings.versioned ?? false;
    this.#table = new KVTable(options.id, dependencies.client);
    this.#initialEntries = new Map(initialEntries ?? []);
    for (const [key, value] of this.#initialEntries) {
      codec.encodeKey(key);
      codec.valueAttribute(value);
    }
  }

  /** @param {K} key @returns {Promise<V | undefined>} */
  async get(key) {
    const item = await this.#read(key, "get");
    return item === undefined ? undefined : /** @type {V} */ (codec.decodeValue(item));
  }

  /** @param {K} key @returns {Promise<boolean>} */
  async has(key) {
    return (await this.#read(key, "has")) !== undefined;
  }

  /** @param {K} key @param {V} value @returns {Promise<this>} */
  async set(key, value) {
    const sortKey = codec.encodeKey(key);
    const valueItem = codec.valueAttribute(value);
    await this.#ready();
    if (this.#versioned) await this.#versionedSet(key, sortKey, valueItem);
    else await this.#table.put({ ...this.#table.key(sortKey), ...valueItem, ...this.#expiry() }, this.#describe("set", key));
    return this;
  }

  /** @param {K} key @returns {Promise<boolean>} whether the key was present */
  async delete(key) {
    const sortKey = codec.encodeKey(key);
    await this.#ready();
    const expected = this.#versioned ? this.#versions.get(sortKey) : undefined;
    try {
      const old = await this.#table.delete(sortKey, versionCondition(expected), this.#describe("delete", key));
      if (this.#versioned) this.#versions.set(sortKey, 0);
      return old !== undefined && !codec.isExpired(old, codec.nowSeconds());
    } catch (error) {
      throw this.#conflictOr(error, "delete", key, expected);
    }
  }

  /** Deletes every entry of the map (unconditionally, also in a versioned map). */
  async clear() {
    await this.#ready();
    const what = this.#describe("clear");
    for await (const page of this.#table.pages({ ProjectionExpression: "pk, sk" }, false, what)) await this.#table.deleteAll(page.Items ?? [], what);
    this.#versions.clear();
  }

  /** @returns {Promise<number>} the number of (unexpired) entries */
  async size() {
    await this.#ready();
    let count = 0;
    for await (const page of this.#table.pages({ Select: "COUNT" }, true, this.#describe("size"))) count += page.Count ?? 0;
    return count;
  }

  /** @returns {AwaitableIterable<K>} await it for an array, or `for await` over it */
  keys() {
    return new AwaitableIterable(() => mapAsync(this.#entries("keys"), ([key]) => key), this.#id, "keys");
  }

  /** @returns {AwaitableIterable<V>} await it for an array, or `for await` over it */
  values() {
    return new AwaitableIterable(() => mapAsync(this.#entries("values"), ([, value]) => value), this.#id, "values");
  }

  /** @returns {AwaitableIterable<[K, V]>} await it for an array, or `for await` over it */
  entries() {
    return new AwaitableIterable(() => this.#entries("entries"), this.#id, "entries");
  }

  /**
   * Calls `callback(value, key, map)` for each entry in turn, awaiting what it returns.
   * @param {(value: V, key: K, map: this) => unknown} callback
   * @param {unknown} [thisArg]
   */
  async forEach(callback, thisArg) {
    for await (const [key, value] of this.#entries("forEach")) await Reflect.apply(callback, thisArg, [value, key, this]);
  }

  /** `for await (const [key, value] of map)`. @returns {AsyncIterator<[K, V]>} */
  [Symbol.asyncIterator]() {
    return this.#entries("entries")[Symbol.asyncIterator]();
  }

  /**
   * Throws: a persisted map's entries are read asynchronously, so `for...of`, spread, `Array.from`,
   * `new Map(map)` and `Object.fromEntries(map)` cannot have them (an empty result would hide it).
   * @returns {Iterator<[K, V]>}
   */
  [Symbol.iterator]() {
    throw new TypeError(
      `klotho kv: map '${this.#id}' is persisted: its entries are read asynchronously, so it cannot be iterated synchronously ` +
        "(for...of, spread, Array.from, new Map(map), Object.fromEntries(map)). " +
        "Use for await (const [key, value] of map), or await map.entries() (keys(), values()) for an array.",
    );
  }

  get [Symbol.toStringTag]() {
    return "KVMap";
  }

  /** Live entries in sort-key order, page by page. @param {string} operation @returns {AsyncGenerator<[K, V]>} */
  async *#entries(operation) {
    await this.#ready();
    for await (const page of this.#table.pages({}, true, this.#describe(operation))) {
      for (const item of page.Items ?? []) {
        if (this.#versioned) this.#versions.set(codec.sortKeyOf(item), codec.versionOf(item));
        yield [/** @type {K} */ (codec.decodeKey(codec.sortKeyOf(item))), /** @type {V} */ (codec.decodeValue(item))];
      }
    }
  }

  /**
   * The live item for `key`, or undefined; remembers its version.
   * @param {K} key
   * @param {string} operation
   * @returns {Promise<Item | undefined>}
   */
  async #read(key, operation) {
    const sortKey = codec.encodeKey(key);
    await this.#ready();
    const item = await this.#table.get(sortKey, this.#describe(operation, key));
    if (this.#versioned) this.#versions.set(sortKey, codec.versionOf(item));
    return item !== undefined && !codec.isExpired(item, codec.nowSeconds()) ? item : undefined;
  }

  /**
   * A write that bumps `version`, conditional on the version this map last saw (if it saw one).
   * @param {K} key
   * @param {string} sortKey
   * @param {Item} valueItem
   */
  async #versionedSet(key, sortKey, valueItem) {
    const expected = this.#versions.get(sortKey);
    const set = ["#version = if_not_exists(#version, :zero) + :one"];
    const remove = [];
    /** @type {Item} */
    const values = { ":zero": { N: "0" }, ":one": { N: "1" } };
    /** @type {Array<[string, AttributeValue | undefined]>} */
    const optional = [["value", valueItem["value"]], ["expiresAt", this.#expiry()["expiresAt"]]];
    for (const [attribute, value] of optional) {
      if (value === undefined) remove.push(`#${attribute}`);
      else {
        set.push(`#${attribute} = :${attribute}`);
        values[`:${attribute}`] = value;
      }
    }
    const update = {
      UpdateExpression: `SET ${set.join(", ")}` + (remove.length > 0 ? ` REMOVE ${remove.join(", ")}` : ""),
      ExpressionAttributeNames: { "#version": "version", "#value": "value", "#expiresAt": "expiresAt" },
      ExpressionAttributeValues: values,
    };
    try {
      const attributes = await this.#table.update(sortKey, update, versionCondition(expected), this.#describe("set", key));
      this.#versions.set(sortKey, codec.versionOf(attributes));
    } catch (error) {
      throw this.#conflictOr(error, "set", key, expected);
    }
  }

  /** Writes the constructor's entries that are not in the table yet, once. @returns {Promise<void>} */
  #ready() {
    this.#initialized ??= this.#writeInitialEntries().catch((/** @type {unknown} */ error) => {
      this.#initialized = undefined;
      throw error;
    });
    return this.#initialized;
  }

  async #writeInitialEntries() {
    for (const [key, value] of this.#initialEntries) {
      /** @type {Item} */
      const version = this.#versioned ? { version: { N: "1" } } : {};
      const item = { ...this.#table.key(codec.encodeKey(key)), ...codec.valueAttribute(value), ...this.#expiry(), ...version };
      try {
        await this.#table.put(item, this.#describe("initial entry", key), { ConditionExpression: "attribute_not_exists(pk)" });
      } catch (error) {
        if (!isConditionFailure(error)) throw error; // else the entry is stored already: keep it
      }
    }
  }

  /** @returns {Item} the `expiresAt` attribute for a write now, when the map has a ttl */
  #expiry() {
    return this.#ttl === undefined ? {} : { expiresAt: { N: String(codec.expiryAfter(this.#ttl)) } };
  }

  /**
   * A KVConflictError for a failed version condition; any other error as it is.
   * @param {unknown} error
   * @param {string} operation
   * @param {K} key
   * @param {number | undefined} expected
   * @returns {unknown}
   */
  #conflictOr(error, operation, key, expected) {
    if (!isConditionFailure(error)) return error;
    this.#versions.delete(codec.encodeKey(key));
    const seen = expected === 0 ? "no entry" : `version ${expected}`;
    return new KVConflictError(
      `${this.#describe(operation, key)} failed: another writer changed the key since this map read it (this map saw ${seen}). ` +
        "Read the key again (get) and retry.",
    );
  }

  /** @param {string} operation @param {K} [key] */
  #describe(operation, key) {
    const argument = key === undefined ? "" : typeof key === "string" ? JSON.stringify(key) : String(key);
    return `klotho kv: map '${this.#id}': ${operation}(${argument})`;
  }
}

/**
 * The condition that the item still has the version this map saw (nothing when it saw none).
 * @param {number | undefined} expected
 * @returns {Condition}
 */
function versionCondition(expected) {
  if (expected === undefined) return {};
  if (expected === 0) return { ConditionExpression: "attribute_not_exists(pk)" };
  return {
    ConditionExpression: "#version = :expected",
    ExpressionAttributeNames: { "#version": "version" },
    ExpressionAttributeValues: { ":expected": { N: String(expected) } },
  };
}

/**
 * @template T, U
 * @param {AsyncIterable<T>} source
 * @param {(element: T) => U} transform
 * @returns {AsyncGenerator<U>}
 */
async function* mapAsync(source, transform) {
  for await (const element of source) yield transform(element);
}

module.exports = { KVMap, KVConflictError };
