import { describe, expect, it } from "vitest";
import { isStackOverflow, outOfStack } from "../../src/util/stack-overflow.js";

/** Recurses until the stack runs out, and answers at the deepest frame that catches the overflow, where no stack is left to spare. */
function dive(): boolean {
  try {
    return dive();
  } catch (error) {
    return isStackOverflow(error);
  }
}

describe("a stack overflow", () => {
  it("is recognised at the very frame that ran out of stack, every time", () => {
    // Testing the message with a regular expression overflowed there again (compiling or running it needs stack).
    expect(Array.from({ length: 8 }, dive)).toEqual(Array(8).fill(true));
  });

  it("is told from other errors", () => {
    expect(isStackOverflow(new RangeError("Invalid array length"))).toBe(false);
    expect(isStackOverflow(new Error("Maximum call stack size exceeded"))).toBe(false);
    const recurse = (n: number): number => recurse(n + 1) + 1;
    expect(outOfStack(() => recurse(0))).toBeUndefined();
    expect(() => outOfStack((): unknown => JSON.parse("{"))).toThrow(SyntaxError);
  });
});
