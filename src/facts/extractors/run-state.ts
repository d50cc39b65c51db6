/**
 * A kind of state an extractor keeps across the calls of one analysis (which clients it warned about, what a
 * map call returned): each analysis makes its own with `create` the first time it is asked for, so two
 * analyses in one process (a test suite, `explain` after a compile) share nothing.
 */
export interface RunStateKey<T> {
  /** What the state holds, for debugging. */
  readonly name: string;
  readonly create: () => T;
}

/** A key for per-analysis state made by `create`; declare it once, at the top of the extractor's module. */
export function runStateKey<T>(name: string, create: () => T): RunStateKey<T> {
  return { name, create };
}

/** The per-analysis state of the extractors: one of these lives as long as one interpretProgram run. */
export class RunState {
  readonly #values = new Map<RunStateKey<unknown>, unknown>();

  /** This analysis's value for `key`, made the first time it is asked for. */
  get<T>(key: RunStateKey<T>): T {
    if (!this.#values.has(key)) this.#values.set(key, key.create());
    // Only `get` stores, and under `key` it stores `key.create()`: the value is a T.
    return this.#values.get(key) as T;
  }
}
