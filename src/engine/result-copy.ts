/**
 * The deep copy json-rules-engine makes of a rule's conditions, event, priority and name each time it
 * evaluates the rule (its `RuleResult` records the outcome on the copy), in place of the `clone` package
 * it requires: the build bundles this module for `clone` (scripts/build/bundle.mjs), so the compiler
 * that users run copies with it, while the tests, running the sources, keep the package.
 *
 * `clone` remembers every object of a copy in an array and looks each new one up in it, so a copy takes
 * time quadratic in its objects, and it tests each object against seven built-in types: in the
 * 4,800-file NestJS bench app, whose `klotho explain` evaluates each rule for each subject, it took
 * about 1.7 s of 13 s. This copy makes the same tree for what `clone(value)` is given there, and for
 * any value made of the same kinds of things (test/engine/result-copy.test.ts compares both on the
 * built-in rules and on the odd values): primitives and functions as they are; arrays, plain objects
 * and class instances (such as json-rules-engine's `Condition`s) as new objects of the same prototype
 * with copies of what `for...in` finds (inherited enumerable properties too) and of their own
 * enumerable symbols, leaving out a key the prototype itself defines without a setter; `Map`, `Set`,
 * `Promise`, `RegExp` (with all its flags), `Date`, `Buffer` and `Error` as `clone` copies them; and
 * an object met twice, cycles included, copied once. It remembers the objects it copied in a list
 * while they are few, then in a `Map`.
 */
export default function copyResult<T>(value: T): T {
  return copy(value, new Copies()) as T;
}

/**
 * The objects copied so far and their copies: a list while there are few (a rule's conditions are
 * about five objects, and making a `Map` for each copy took as long as the rest of it), a `Map` from
 * `MAP_FROM` objects on, so that a large tree is still copied in linear time.
 */
class Copies {
  static readonly MAP_FROM = 16;
  readonly #originals: object[] = [];
  readonly #made: unknown[] = [];
  #map: Map<object, unknown> | undefined;

  get(value: object): unknown {
    if (this.#map) return this.#map.get(value);
    const i = this.#originals.indexOf(value);
    return i === -1 ? undefined : this.#made[i];
  }

  set(value: object, made: unknown): void {
    if (this.#map) {
      this.#map.set(value, made);
      return;
    }
    this.#originals.push(value);
    this.#made.push(made);
    if (this.#originals.length >= Copies.MAP_FROM) this.#map = new Map(this.#originals.map((original, i) => [original, this.#made[i]]));
  }
}

type Properties = Record<PropertyKey, unknown>;

/**
 * In `clone`'s order of tests: Map, Set, Promise, array, RegExp, Date, Buffer, Error, any other object;
 * a plain object (a rule's event, its values) is known by its prototype first, as none of those tests
 * can hold for it.
 */
function copy(value: unknown, copies: Copies): unknown {
  if (typeof value !== "object" || value === null) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === Object.prototype || prototype === null) return copyObject(value, prototype, copies);
  if (Array.isArray(value)) {
    const array: unknown[] = [];
    copies.set(value, array);
    copyProperties(value as unknown as Properties, array as unknown as Properties, null, copies);
    return array;
  }
  // `clone` copies a Buffer's bytes, again wherever it meets it again (no other kind it tests for is a Buffer).
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  let made: object;
  if (value instanceof Map) made = new Map();
  else if (value instanceof Set) made = new Set();
  else if (value instanceof Promise) {
    made = new Promise((resolve, reject) => {
      (value as Promise<unknown>).then(
        (result) => {
          resolve(copy(result, copies));
        },
        (error: unknown) => {
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a copy of whatever the original was rejected with
          reject(copy(error, copies));
        },
      );
    });
  }
  else if (value instanceof RegExp) {
    // All its flags (`clone` keeps only g, i and m; no rule's conditions or event hold a RegExp).
    const pattern = new RegExp(value.source, value.flags);
    if (value.lastIndex) pattern.lastIndex = value.lastIndex;
    made = pattern;
  } else if (value instanceof Date) made = new Date(value.getTime());
  else if (value instanceof Error) made = Object.create(value) as object;
  else return copyObject(value, prototype, copies);
  copies.set(value, made);
  if (value instanceof Map) for (const [key, entry] of value) (made as Map<unknown, unknown>).set(copy(key, copies), copy(entry, copies));
  if (value instanceof Set) for (const entry of value) (made as Set<unknown>).add(copy(entry, copies));
  copyProperties(value as unknown as Properties, made as Properties, null, copies);
  return made;
}

/** An object of the same prototype, whose own properties of the object's keys are left out (`clone` could not assign them). */
function copyObject(value: object, prototype: object | null, copies: Copies): object {
  const made = Object.create(prototype) as object;
  copies.set(value, made);
  copyProperties(value as Properties, made as Properties, prototype, copies);
  return made;
}

/** What `for...in` finds (inherited enumerable properties too, as `clone` copies them), then the own enumerable symbols. */
function copyProperties(from: Properties, to: Properties, prototype: object | null, copies: Copies): void {
  for (const key in from) {
    if (prototype !== null && Object.hasOwn(prototype, key) && Object.getOwnPropertyDescriptor(prototype, key)?.set === undefined) continue;
    to[key] = copy(from[key], copies);
  }
  for (const symbol of Object.getOwnPropertySymbols(from)) {
    if (Object.getOwnPropertyDescriptor(from, symbol)?.enumerable) to[symbol] = copy(from[symbol], copies);
  }
}
