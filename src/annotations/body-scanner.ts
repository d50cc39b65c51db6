/**
 * Finds the `}` that closes the annotation body opening at `open` (a `{`), skipping TOML strings
 * and nested arrays and inline tables. Returns its index, or -1 when the body never closes.
 * A `}` closes the innermost open `{` even when an array inside it is still open (and a stray `]`
 * is skipped): such bodies are the TOML parser's to report, at the right place.
 */
export function findBodyEnd(text: string, open: number): number {
  const brackets: string[] = [];
  let i = open;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      // A string left open at the end of its line is the TOML parser's to report; it must not hide the closing brace.
      const string = scanString(text, i);
      i = string.closed ? string.end : i + 1;
      continue;
    }
    if (ch === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (ch === "{" || ch === "[") brackets.push(ch);
    else if (ch === "]" && brackets[brackets.length - 1] === "[") brackets.pop();
    else if (ch === "}") {
      brackets.length = Math.max(brackets.lastIndexOf("{"), 0);
      if (brackets.length === 0) return i;
    }
    i++;
  }
  return -1;
}

/** Index just after the TOML string starting at `start` (basic, literal or multi-line). */
export function skipString(text: string, start: number): number {
  return scanString(text, start).end;
}

/** Where the TOML string starting at `start` ends, and whether it ends with its closing quote (not a line end). */
function scanString(text: string, start: number): { end: number; closed: boolean } {
  const quote = text[start] as string;
  const triple = text.startsWith(quote.repeat(3), start);
  const delimiter = triple ? quote.repeat(3) : quote;
  let i = start + delimiter.length;
  while (i < text.length) {
    if (quote === '"' && text[i] === "\\") {
      i += 2;
      continue;
    }
    if (!triple && text[i] === "\n") return { end: i, closed: false };
    if (text.startsWith(delimiter, i)) return { end: i + delimiter.length, closed: true };
    i++;
  }
  return { end: text.length, closed: false };
}
