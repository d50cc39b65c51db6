// @ts-check
"use strict";
/**
 * What an emitter publishes: the `emit` arguments as a JSON array, checked before anything happens.
 * A value JSON would lose without a word (a Map or Set becomes `{}`) or cannot write at all (a
 * BigInt, a circular structure) makes `emit` throw at the call, not fail after the response was
 * sent; an Error travels as a plain `{ name, message }` with its own enumerable properties (`code`).
 */

/**
 * The message for `emit(topic, ...args)`: the arguments as a JSON array (an argument JSON cannot
 * hold, such as `undefined` or a function, is `null`, as in any JSON array).
 * @param {string} emitterId
 * @param {string} topic
 * @param {readonly unknown[]} args
 * @returns {string}
 */
function encodeArguments(emitterId, topic, args) {
  const parts = args.map((value, index) => {
    const where = `emitter '${emitterId}': emit('${topic}') cannot publish argument ${index + 1}`;
    try {
      return JSON.stringify(value, payloadReplacer(where)) ?? "null";
    } catch (error) {
      if (error instanceof PayloadError) throw new TypeError(error.message);
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      throw new TypeError(`klotho pubsub: ${where}: payloads travel to other units as JSON, which cannot write it (${reason})`, { cause: error });
    }
  });
  return `[${parts.join(",")}]`;
}

/** A value the replacer refused; its message is the whole explanation. */
class PayloadError extends Error {}

/**
 * JSON.stringify's replacer: refuses what JSON would lose or cannot write, and writes an Error as
 * `{ name, message, ...its own enumerable properties }`.
 * @param {string} where the call and argument, for the message
 * @returns {(key: string, value: unknown) => unknown}
 */
function payloadReplacer(where) {
  return (key, value) => {
    const at = key === "" ? "" : ` (at property ${JSON.stringify(key)})`;
    const refuse = (/** @type {string} */ what, /** @type {string} */ instead) =>
      new PayloadError(`klotho pubsub: ${where}, a ${what}${at}: payloads travel to other units as JSON, ${instead}`);
    if (value instanceof Map) throw refuse("Map", "which keeps none of its entries; send Object.fromEntries(map) or [...map] instead");
    if (value instanceof Set) throw refuse("Set", "which keeps none of its entries; send [...set] instead");
    if (typeof value === "bigint") throw refuse("BigInt", "which has no BigInt; send String(value) instead");
    if (value instanceof Error) return Object.assign({ name: value.name, message: value.message }, value);
    return value;
  };
}

module.exports = { encodeArguments };
