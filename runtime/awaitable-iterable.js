// @ts-check
"use strict";
/**
 * What the kv map's `keys()`, `values()` and `entries()` return: `await` it for an array, or
 * `for await` over it to page through the table lazily. Nothing is read until one of the two happens.
 * Iterating it synchronously (`for...of`, spread, `Array.from`, `new Map(...)`) throws an error that
 * says so: the entries are not there yet, and an empty result would hide it.
 * @template T
 * @implements {PromiseLike<T[]>}
 * @implements {AsyncIterable<T>}
 */
class AwaitableIterable {
  /** @type {() => AsyncIterable<T>} */
  #produce;
  /** @type {string} */
  #mapId;
  /** @type {string} */
  #method;

  /**
   * @param {() => AsyncIterable<T>} produce starts a fresh read each time it is called
   * @param {string} mapId the map's persist id, for the error of a synchronous iteration
   * @param {"keys" | "values" | "entries"} method the map method that returned it, for the same error
   */
  constructor(produce, mapId, method) {
    this.#produce = produce;
    this.#mapId = mapId;
    this.#method = method;
  }

  /** @returns {AsyncIterator<T>} */
  [Symbol.asyncIterator]() {
    return this.#produce()[Symbol.asyncIterator]();
  }

  /**
   * Throws: the entries are read asynchronously, so `for...of`, spread and `Array.from` cannot have them.
   * @returns {Iterator<T>}
   */
  [Symbol.iterator]() {
    const call = `map.${this.#method}()`;
    throw new TypeError(
      `klotho kv: map '${this.#mapId}': ${this.#method}() of a persisted map is read asynchronously and cannot be iterated synchronously ` +
        `(for...of, spread, Array.from, new Map(...), Object.fromEntries). Await it for an array (Array.from(await ${call})) ` +
        `or use for await (... of ${call}).`,
    );
  }

  /**
   * Reads everything into an array.
   * @template [A=T[]]
   * @template [B=never]
   * @param {((value: T[]) => A | PromiseLike<A>) | null} [onFulfilled]
   * @param {((reason: unknown) => B | PromiseLike<B>) | null} [onRejected]
   * @returns {Promise<A | B>}
   */
  then(onFulfilled, onRejected) {
    return collect(this.#produce()).then(onFulfilled, onRejected);
  }
}

/**
 * @template T
 * @param {AsyncIterable<T>} source
 * @returns {Promise<T[]>}
 */
async function collect(source) {
  /** @type {T[]} */
  const out = [];
  for await (const element of source) out.push(element);
  return out;
}

module.exports = { AwaitableIterable };
