// @ts-check
"use strict";
/**
 * How a kv map entry is stored in DynamoDB: partition key `pk` = map id, sort key `sk` = the
 * encoded Map key, `value` = the value as JSON (absent for `undefined`), `expiresAt` = epoch
 * seconds (the table's TTL attribute) when the map has a ttl, `version` when it is versioned.
 *
 * Sort keys: a string key `k` is `s:k`, a number key `n` is `n:` + String(n) (so `"1"` and `1` are
 * two keys, as in a Map; -0 and 0 are one key, as in a Map; NaN and ±Infinity round-trip).
 *
 * DynamoDB's limits are checked here, so that a key or value over them is a klotho error before the
 * call rather than a ValidationException: a sort key holds at most 1024 bytes, an item 400 KB.
 */

/** DynamoDB's largest sort key, in bytes (UTF-8). */
const MAX_SORT_KEY_BYTES = 1024;
/** DynamoDB's largest item (400 KB), in bytes, attribute names included. */
const MAX_ITEM_BYTES = 400 * 1024;
/**
 * The most an item's other attributes can take: `pk` and a map id (ids have at most 64 characters),
 * `sk` and the longest sort key, `expiresAt` and `version` with the largest numbers (21 bytes each),
 * and the name `value`.
 */
const OTHER_ATTRIBUTES_BYTES = 2 + 64 + (2 + MAX_SORT_KEY_BYTES) + (9 + 21) + (7 + 21) + 5;
/** The largest value, as JSON in bytes, that fits in an item whatever its key. */
const MAX_VALUE_BYTES = MAX_ITEM_BYTES - OTHER_ATTRIBUTES_BYTES;

/** @typedef {import("@aws-sdk/client-dynamodb").AttributeValue} AttributeValue */
/** @typedef {Record<string, AttributeValue>} Item */
/** @typedef {string | number} KVKey */

/**
 * @param {unknown} key
 * @returns {string}
 */
function encodeKey(key) {
  if (typeof key === "string") {
    const sortKey = `s:${key}`;
    const bytes = Buffer.byteLength(sortKey, "utf8");
    if (bytes > MAX_SORT_KEY_BYTES) {
      throw new RangeError(
        `klotho kv: a map key of ${bytes - 2} bytes (UTF-8) is too long: DynamoDB sort keys hold at most ${MAX_SORT_KEY_BYTES} bytes, ` +
          `so a string key may have at most ${MAX_SORT_KEY_BYTES - 2} (klotho stores it as "s:<key>"); ` +
          "use a shorter key, such as a hash of this one (createHash(\"sha256\").update(key).digest(\"hex\"))",
      );
    }
    return sortKey;
  }
  if (typeof key === "number") return `n:${String(key)}`;
  throw new TypeError(`klotho kv: map keys must be strings or numbers, got ${key === null ? "null" : typeof key}`);
}

/**
 * @param {string} sortKey
 * @returns {KVKey}
 */
function decodeKey(sortKey) {
  if (sortKey.startsWith("s:")) return sortKey.slice(2);
  if (sortKey.startsWith("n:")) return Number(sortKey.slice(2));
  throw new Error(`klotho kv: the table holds sort key ${JSON.stringify(sortKey)}, which klotho's kv runtime did not write`);
}

/**
 * The `value` attribute for `value` (none for undefined); throws for values JSON cannot hold.
 * @param {unknown} value
 * @returns {Item}
 */
function valueAttribute(value) {
  if (value === undefined) return {};
  const json = JSON.stringify(value, refuseCollections);
  if (json === undefined) throw new TypeError(`klotho kv: a ${typeof value} cannot be stored; values are stored as JSON`);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > MAX_VALUE_BYTES) {
    throw new RangeError(
      `klotho kv: a value of ${bytes} bytes as JSON is too large: a DynamoDB item holds at most 400 KB, ` +
        `so a value may take at most ${MAX_VALUE_BYTES} bytes as JSON; split it over several keys, or keep large data in a persisted fs (S3)`,
    );
  }
  return { value: { S: json } };
}

/**
 * JSON.stringify's replacer: a Map or Set, at the top or anywhere inside the value, throws, since JSON
 * writes it as `{}` and every entry would be lost without a word.
 * @param {string} key
 * @param {unknown} value
 * @returns {unknown}
 */
function refuseCollections(key, value) {
  if (value instanceof Map || value instanceof Set) {
    const kind = value instanceof Map ? "Map" : "Set";
    const where = key === "" ? "" : ` (at property ${JSON.stringify(key)})`;
    const instead = kind === "Map" ? "Object.fromEntries(map) or [...map]" : "[...set]";
    throw new TypeError(`klotho kv: a ${kind}${where} cannot be stored: values are stored as JSON, which keeps none of its entries; store ${instead} instead`);
  }
  return value;
}

/**
 * @param {Item} item
 * @returns {unknown}
 */
function decodeValue(item) {
  const json = item["value"]?.S;
  return json === undefined ? undefined : JSON.parse(json);
}

/**
 * The item's sort key.
 * @param {Item} item
 * @returns {string}
 */
function sortKeyOf(item) {
  const sortKey = item["sk"]?.S;
  if (sortKey === undefined) throw new Error("klotho kv: the table holds an item without a string sort key 'sk'");
  return sortKey;
}

/**
 * The item's version (0 when it has none).
 * @param {Item | undefined} item
 * @returns {number}
 */
function versionOf(item) {
  return Number(item?.["version"]?.N ?? 0);
}

/** @returns {number} the current time in epoch seconds */
function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

/**
 * The `expiresAt` of an entry written now that lives `ttl` seconds: the first whole second at least
 * `ttl` seconds away (a write at 10.9 s with a ttl of 1 lives until 12, not 11, which would be 0.1 s).
 * @param {number} ttl seconds
 * @returns {number} epoch seconds
 */
function expiryAfter(ttl) {
  return Math.ceil(Date.now() / 1000 + ttl);
}

/**
 * Whether the item's TTL has passed (DynamoDB deletes expired items only eventually).
 * @param {Item} item
 * @param {number} now epoch seconds
 * @returns {boolean}
 */
function isExpired(item, now) {
  const expiresAt = item["expiresAt"]?.N;
  return expiresAt !== undefined && Number(expiresAt) <= now;
}

module.exports = { MAX_SORT_KEY_BYTES, MAX_VALUE_BYTES, encodeKey, decodeKey, valueAttribute, decodeValue, sortKeyOf, versionOf, nowSeconds, expiryAfter, isExpired };
