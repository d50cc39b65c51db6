/**
 * True for the error V8 throws when code recurses past the stack: a parser or walker following code
 * nested too deeply. It is called at the depth that overflowed, so it must itself need next to no
 * stack: a regular expression compiled on its first use there overflowed again (a `SyntaxError`,
 * "Invalid regular expression: Stack overflow", which ended the compile as an internal error).
 */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && error.message.includes(STACK_OVERFLOW);
}

/** V8's message for it: "Maximum call stack size exceeded". */
const STACK_OVERFLOW = "call stack size exceeded";

/** What `work` returns, or undefined when it ran out of stack; any other error is thrown on. */
export function outOfStack<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (isStackOverflow(error)) return undefined;
    throw error;
  }
}
