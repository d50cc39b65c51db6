// @ts-check
"use strict";
/**
 * What the kv map's `keys()`, `values()` and `entries()` return: `await` it for an array, or
 * `for await` over it to page through the table lazily. Nothing is read until one of the two happens.
 * @template T
 * @implements {PromiseLike<T[]>}
 * @implements {AsyncIterable<T>}
 */
class AwaitableIterable {
  /** @type {() => AsyncIterable<T>} */
  #produce;

  /** @param {() => AsyncIterable<T>} produce starts a fresh read each time it is called */
  constructor(produce) {
    this.#produce = produce;
  }

  /** @returns {AsyncIterator<T>} */
  [Symbol.asyncIterator]() {
    return this.#produce()[Symbol.asyncIterator]();
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
