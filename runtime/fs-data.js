// @ts-check
"use strict";
/**
 * What the fs runtime's `writeFile` and `appendFile` write: the data fs/promises takes, made bytes.
 */

/** @typedef {string | NodeJS.ArrayBufferView} FileChunk */
/**
 * What fs/promises `writeFile` takes: text, bytes, or an iterable, async iterable or stream of them.
 * @typedef {FileChunk | Iterable<FileChunk> | AsyncIterable<FileChunk>} FileData
 */

/**
 * The bytes to write: text in `encoding`, bytes as they are, and the chunks of an iterable, async
 * iterable or stream (e.g. a `Readable`) collected, as fs/promises `writeFile` takes them.
 * @param {unknown} data
 * @param {BufferEncoding | undefined} encoding
 * @returns {Promise<Buffer>}
 */
async function toBytes(data, encoding) {
  const chunk = chunkBytes(data, encoding);
  if (chunk !== undefined) return chunk;
  if (!isIterable(data)) throw invalidData(data, 'The "data" argument');
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const element of data) {
    const bytes = chunkBytes(element, encoding);
    if (bytes === undefined) throw invalidData(element, "A chunk of the data");
    chunks.push(bytes);
  }
  return Buffer.concat(chunks);
}

/** @param {unknown} data @param {BufferEncoding | undefined} encoding @returns {Buffer | undefined} undefined unless text or bytes */
function chunkBytes(data, encoding) {
  if (typeof data === "string") return Buffer.from(data, encoding ?? "utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

/** @param {unknown} data @returns {data is Iterable<unknown> | AsyncIterable<unknown>} */
function isIterable(data) {
  return typeof data === "object" && data !== null && (Symbol.asyncIterator in data || Symbol.iterator in data);
}

/** fs's error for data it cannot write. @param {unknown} data @param {string} what @returns {TypeError} */
function invalidData(data, what) {
  const received = data === null ? "null" : typeof data === "object" ? `an instance of ${Object.getPrototypeOf(data)?.constructor?.name ?? "Object"}` : `type ${typeof data}`;
  const error = new TypeError(
    `${what} must be of type string or an instance of Buffer, TypedArray or DataView, or an iterable, async iterable or stream of them. Received ${received}`,
  );
  return Object.assign(error, { code: "ERR_INVALID_ARG_TYPE" });
}

module.exports = { toBytes };
