import { describe, expect, it } from "vitest";
import { EditedRanges } from "../../src/transform/edit-context.js";

/** The rule EditedRanges answers, as a scan of every range added: the definition it must agree with. */
function overlapsByScan(done: readonly (readonly [number, number])[], start: number, end: number): boolean {
  return done.some(([s, e]) => start < e && s < end) || (start === end && done.some(([s, e]) => s < start && start < e));
}

/** A small deterministic generator (a linear congruential one), so a failing sequence can be replayed. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff;
    return state / 2 ** 31;
  };
}

describe("EditedRanges", () => {
  it.each([
    { name: "a range sharing a character with one replaced", done: [[10, 20]], query: [15, 25], expected: true },
    { name: "a range ending where a replaced one starts", done: [[10, 20]], query: [5, 10], expected: false },
    { name: "a range starting where a replaced one ends", done: [[10, 20]], query: [20, 30], expected: false },
    { name: "a range holding a replaced one", done: [[10, 20]], query: [0, 30], expected: true },
    { name: "an insertion point strictly inside a replaced range", done: [[10, 20]], query: [15, 15], expected: true },
    { name: "an insertion point at the start of a replaced range", done: [[10, 20]], query: [10, 10], expected: false },
    { name: "an insertion point at the end of a replaced range", done: [[10, 20]], query: [20, 20], expected: false },
    { name: "a range between two replaced ones", done: [[30, 40], [0, 10]], query: [10, 30], expected: false },
    { name: "a range reaching into the later of two", done: [[30, 40], [0, 10]], query: [10, 31], expected: true },
  ])("$name: $expected", ({ done, query, expected }) => {
    const ranges = new EditedRanges();
    for (const [start = 0, end = 0] of done) ranges.add(start, end);
    const [start = 0, end = 0] = query;
    expect(ranges.overlaps(start, end)).toBe(expected);
  });

  it("accepts and refuses the same edits as a scan of every earlier one, in any order", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const random = numbers(seed);
      const ranges = new EditedRanges();
      const done: [number, number][] = [];
      const answers: boolean[] = [];
      const expected: boolean[] = [];
      for (let step = 0; step < 60; step++) {
        const start = Math.floor(random() * 100);
        // A third of the edits are insertion points.
        const end = random() < 1 / 3 ? start : start + 1 + Math.floor(random() * 12);
        expected.push(overlapsByScan(done, start, end));
        answers.push(ranges.overlaps(start, end));
        // Replacements that hold are recorded, as guardedEdits records them; insertions never are.
        if (start < end && !overlapsByScan(done, start, end)) {
          done.push([start, end]);
          ranges.add(start, end);
        }
      }
      expect({ seed, answers }).toEqual({ seed, answers: expected });
    }
  });
});
