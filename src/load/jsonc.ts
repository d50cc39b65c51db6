/**
 * Parses JSON with comments and trailing commas (tsconfig.json style). Throws SyntaxError on bad input.
 * Comments and trailing commas become spaces, so positions in the error message match the file.
 */
export function parseJsonc(text: string): unknown {
  return JSON.parse(jsoncAsJson(text)) as unknown;
}

/** JSON(C) text as strict JSON of the same length: its BOM, comments and trailing commas turned into spaces. */
export function jsoncAsJson(text: string): string {
  const withoutBom = text.startsWith("\uFEFF") ? ` ${text.slice(1)}` : text;
  return blankOutsideStrings(blankOutsideStrings(withoutBom, commentLength), trailingCommaLength);
}

/** How many characters at `i` (outside a string) to turn into spaces; 0 keeps the character. */
type Blanker = (text: string, i: number) => number;

/** Copies `text`, replacing what `blank` selects outside string literals with spaces (line breaks kept). */
function blankOutsideStrings(text: string, blank: Blanker): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const length = blank(text, i);
    if (length > 0) {
      out += text.slice(i, i + length).replace(/[^\n]/g, " ");
      i += length;
    } else {
      out += text[i] ?? "";
      i++;
    }
  }
  return out;
}

/** A `//` comment runs to the end of its line, a block comment to its closing star-slash (or the end). */
const commentLength: Blanker = (text, i) => {
  if (text[i] !== "/") return 0;
  if (text[i + 1] === "/") {
    const newline = text.indexOf("\n", i);
    return (newline < 0 ? text.length : newline) - i;
  }
  if (text[i + 1] === "*") {
    const close = text.indexOf("*/", i + 2);
    return (close < 0 ? text.length : close + 2) - i;
  }
  return 0;
};

const CLOSING_AHEAD = /\s*[}\]]/y;

/** A comma followed only by white space and a closing bracket. */
const trailingCommaLength: Blanker = (text, i) => {
  if (text[i] !== ",") return 0;
  CLOSING_AHEAD.lastIndex = i + 1;
  return CLOSING_AHEAD.test(text) ? 1 : 0;
};

function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
  return Math.min(i + 1, text.length);
}
