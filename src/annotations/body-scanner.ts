/**
 * Finds the `}` that closes the annotation body opening at `open` (a `{`), skipping TOML strings
 * and nested arrays and inline tables. Returns its index, or -1 when the body never closes.
 */
export function findBodyEnd(text: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = skipString(text, i);
      continue;
    }
    if (ch === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return ch === "}" ? i : -1;
    }
    i++;
  }
  return -1;
}

/** Index just after the TOML string starting at `start` (basic, literal or multi-line). */
export function skipString(text: string, start: number): number {
  const quote = text[start] as string;
  const triple = text.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  let i = start + delimiter.length;
  while (i < text.length) {
    if (quote === '"' && text[i] === "\\") {
      i += 2;
      continue;
    }
    if (!triple && text[i] === "\n") return i;
    if (text.startsWith(delimiter, i)) return i + delimiter.length;
    i++;
  }
  return text.length;
}
