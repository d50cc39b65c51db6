import { describe, expect, it } from "vitest";
import { mapLimited } from "../../src/util/map-limited.js";

/** A promise and the functions that settle it. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const turns = async (count = 5): Promise<void> => {
  for (let i = 0; i < count; i++) await Promise.resolve();
};

describe("mapLimited", () => {
  it("runs at most `limit` items at once, starts them in order and returns results in the items' order", async () => {
    const pending = Array.from({ length: 5 }, () => deferred<string>());
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const result = mapLimited(["a", "b", "c", "d", "e"], 2, async (item, index) => {
      started.push(index);
      running++;
      most = Math.max(most, running);
      const value = await (pending[index] as { promise: Promise<string> }).promise;
      running--;
      return `${item}${value}`;
    });
    await turns();
    expect(started).toEqual([0, 1]);
    // The second finishes first: the third item starts in its place, the first still running.
    pending[1]?.resolve("1");
    await turns();
    expect(started).toEqual([0, 1, 2]);
    for (const index of [0, 2, 3, 4]) {
      pending[index]?.resolve(String(index));
      await turns();
    }
    expect(await result).toEqual(["a0", "b1", "c2", "d3", "e4"]);
    expect(most).toBe(2);
  });

  it("rejects with the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    const failure = new Error("band 1");
    const result = mapLimited([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      await turns(item === 1 ? 1 : 3);
      if (item === 1) throw failure;
      return item;
    });
    await expect(result).rejects.toBe(failure);
    await turns(20);
    expect(started).toEqual([0, 1]);
  });

  it("handles no items and a limit above the count, and refuses a limit below one", async () => {
    expect(await mapLimited([], 2, () => Promise.resolve(1))).toEqual([]);
    expect(await mapLimited([1, 2], 8, (n) => Promise.resolve(n * 10))).toEqual([10, 20]);
    await expect(mapLimited([1], 0, () => Promise.resolve(1))).rejects.toThrow(RangeError);
  });
});
