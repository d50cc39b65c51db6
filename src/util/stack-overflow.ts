/** True for the error V8 throws when code recurses past the stack: a parser or walker following code nested too deeply. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/** What `work` returns, or undefined when it ran out of stack; any other error is thrown on. */
export function outOfStack<T>(work: () => T): T | undefined {
  try {
    return work();
  } catch (error) {
    if (isStackOverflow(error)) return undefined;
    throw error;
  }
}
