// @ts-check
"use strict";
/**
 * One kv map's partition of the app's DynamoDB table (env KLOTHO_KV_TABLE): the DynamoDB calls the
 * kv map makes. Failed calls become errors naming the map and the operation; a failed condition
 * is passed on as it is (ConditionalCheckFailedException), for the map to interpret.
 */
const {
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  DeleteItemCommand,
  QueryCommand,
  BatchWriteItemCommand,
} = require("@aws-sdk/client-dynamodb");
const { KV_TABLE_ENV, requireEnv } = require("./env-names.js");
const { nowSeconds, sortKeyOf } = require("./kv-codec.js");

/** @import { Item } from "./kv-codec.js" */
/** @typedef {{ ConditionExpression?: string, ExpressionAttributeNames?: Record<string, string>, ExpressionAttributeValues?: Item }} Condition */

const NOT_EXPIRED = "attribute_not_exists(expiresAt) OR expiresAt > :now";
const BATCH_SIZE = 25;
const BATCH_ATTEMPTS = 5;

/** @type {DynamoDBClient | undefined} */
let defaultClient;

/** The items of one map (partition key = map id). */
class KVTable {
  #mapId;
  #client;

  /**
   * @param {string} mapId
   * @param {DynamoDBClient | undefined} client a client to use instead of the default one
   */
  constructor(mapId, client) {
    this.#mapId = mapId;
    this.#client = client;
  }

  /** @param {string} sortKey @returns {Item} the item's primary key */
  key(sortKey) {
    return { pk: { S: this.#mapId }, sk: { S: sortKey } };
  }

  /** @param {string} sortKey @param {string} what the map operation, for errors @returns {Promise<Item | undefined>} */
  async get(sortKey, what) {
    const output = await this.#attempt(what, this.#dynamo().send(new GetItemCommand({ TableName: tableName(), Key: this.key(sortKey), ConsistentRead: true })));
    return output.Item;
  }

  /** @param {Item} item @param {string} what @param {Condition} [condition] */
  async put(item, what, condition = {}) {
    await this.#attempt(what, this.#dynamo().send(new PutItemCommand({ TableName: tableName(), Item: item, ...condition })));
  }

  /**
   * @param {string} sortKey
   * @param {{ UpdateExpression: string, ExpressionAttributeNames: Record<string, string>, ExpressionAttributeValues: Item }} update
   * @param {Condition} condition
   * @param {string} what
   * @returns {Promise<Item | undefined>} the updated attributes
   */
  async update(sortKey, update, condition, what) {
    const input = { TableName: tableName(), Key: this.key(sortKey), ...update, ReturnValues: /** @type {const} */ ("UPDATED_NEW") };
    const names = { ...update.ExpressionAttributeNames, ...condition.ExpressionAttributeNames };
    const values = { ...update.ExpressionAttributeValues, ...condition.ExpressionAttributeValues };
    const command = new UpdateItemCommand({ ...input, ConditionExpression: condition.ConditionExpression, ExpressionAttributeNames: names, ExpressionAttributeValues: values });
    return (await this.#attempt(what, this.#dynamo().send(command))).Attributes;
  }

  /** @param {string} sortKey @param {Condition} condition @param {string} what @returns {Promise<Item | undefined>} the deleted item */
  async delete(sortKey, condition, what) {
    const command = new DeleteItemCommand({ TableName: tableName(), Key: this.key(sortKey), ReturnValues: "ALL_OLD", ...condition });
    return (await this.#attempt(what, this.#dynamo().send(command))).Attributes;
  }

  /**
   * The map's items, one Query page at a time, in sort-key order.
   * @param {{ ProjectionExpression?: string, Select?: "COUNT" }} extra
   * @param {boolean} liveOnly leave out expired items
   * @param {string} what
   */
  async *pages(extra, liveOnly, what) {
    /** @type {Item | undefined} */
    let startKey;
    do {
      const page = await this.#attempt(what, this.#dynamo().send(new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk",
        ...(liveOnly ? { FilterExpression: NOT_EXPIRED } : {}),
        ExpressionAttributeValues: { ":pk": { S: this.#mapId }, ...(liveOnly ? { ":now": { N: String(nowSeconds()) } } : {}) },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
        ...extra,
      })));
      yield page;
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
  }

  /** Deletes `items` in batches of 25, retrying throttled ones. @param {Item[]} items @param {string} what */
  async deleteAll(items, what) {
    for (let start = 0; start < items.length; start += BATCH_SIZE) {
      /** @type {Record<string, import("@aws-sdk/client-dynamodb").WriteRequest[]> | undefined} */
      let requests = { [tableName()]: items.slice(start, start + BATCH_SIZE).map((item) => ({ DeleteRequest: { Key: this.key(sortKeyOf(item)) } })) };
      for (let attempt = 0; requests !== undefined && Object.keys(requests).length > 0; attempt += 1) {
        if (attempt === BATCH_ATTEMPTS) throw new Error(`${what} failed: DynamoDB still throttled the deletes after ${BATCH_ATTEMPTS} attempts; try again`);
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
        ({ UnprocessedItems: requests } = await this.#attempt(what, this.#dynamo().send(new BatchWriteItemCommand({ RequestItems: requests }))));
      }
    }
  }

  #dynamo() {
    return this.#client ?? (defaultClient ??= new DynamoDBClient({}));
  }

  /**
   * Awaits a DynamoDB call; its error gets the map operation and the table in front.
   * @template T
   * @param {string} what
   * @param {Promise<T>} call
   * @returns {Promise<T>}
   */
  async #attempt(what, call) {
    try {
      return await call;
    } catch (error) {
      if (isConditionFailure(error) || (error instanceof Error && error.message.startsWith("klotho"))) throw error;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`${what} failed on table '${process.env[KV_TABLE_ENV] ?? ""}': ${reason}`, { cause: error });
    }
  }
}

/** @returns {string} */
function tableName() {
  return requireEnv(KV_TABLE_ENV, "the name of the app's DynamoDB table for kv maps");
}

/** @param {unknown} error @returns {boolean} whether a write's condition failed */
function isConditionFailure(error) {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}

module.exports = { KVTable, isConditionFailure };
