import type { TomlProblem } from "../diagnostics/messages.js";
import { skipString } from "./body-scanner.js";

/** A key as TOML or JSON writes it: bare, or in double or single quotes. */
const KEY = /(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')$/;
/** A value written after `key:`: a string, or a run of characters up to a separator. */
const VALUE = /^(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s,}\]]+)/;
/** A word a JavaScript or YAML user writes unquoted: it starts with a letter and holds only id characters. */
const BARE_WORD = /^[A-Za-z_][A-Za-z0-9_.:/-]*/;
/** Words meant as booleans that TOML does not read as ones. */
const NOT_BOOLEANS = /^(?:true|false|yes|no|on|off)$/i;
const LONGEST_QUOTE = 40;

/**
 * What the TOML parser's `message` at `index` of the normalized body `text` means for the mistakes
 * JavaScript developers make in annotation bodies: JSON-style `key: value`, an unquoted string, a
 * string left open. Anything else keeps the parser's own words.
 */
export function explainTomlError(text: string, index: number, message: string): TomlProblem {
  const lineStart = text.lastIndexOf("\n", index - 1) + 1;
  const before = text.slice(lineStart, index);
  const at = index + (/^[ \t]*/.exec(text.slice(index))?.[0].length ?? 0);
  const after = text.slice(at, lineEnd(text, at));
  if (message === "illegal character in key" && after.startsWith(":")) return colonProblem(before, after) ?? parserProblem(message);
  // `{ id = "a" target: "public" }`: with no `=` ahead, the second key is not split onto a line of its own.
  const keyAhead = /^(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?=[ \t]*:)/.exec(after)?.[0];
  if (message === "each key-value declaration must be followed by an end-of-line" && keyAhead !== undefined) {
    return colonProblem(keyAhead, after.slice(keyAhead.length).trimStart()) ?? parserProblem(message);
  }
  if (message === "invalid value") return unquotedProblem(before, after) ?? parserProblem(message);
  if (message === "unfinished string" || (message === "control characters are not allowed in strings" && /^[\r\n]?$/.test(after))) {
    return unclosedProblem(text, lineStart, index) ?? parserProblem(message);
  }
  return parserProblem(message);
}

function parserProblem(detail: string): TomlProblem {
  return { kind: "parser", detail };
}

/** `id: "users"` (or `"id": "users"`): the key before the colon and what to write instead. */
function colonProblem(before: string, after: string): TomlProblem | undefined {
  const key = KEY.exec(before.trimEnd())?.[0];
  if (key === undefined) return undefined;
  const bareKey = /^(["'])[A-Za-z0-9_-]+\1$/.test(key) ? key.slice(1, -1) : key;
  const value = VALUE.exec(after.slice(1).trimStart())?.[0];
  const written = value === undefined ? "..." : BARE_WORD.test(value) && !NOT_BOOLEANS.test(value) ? `"${value}"` : value;
  return { kind: "colon", suggestion: shorten(`${bareKey} = ${written}`) };
}

/** `id = sessions`: a bare word where a value belongs, and its quoted form (after its key when it follows one). */
function unquotedProblem(before: string, after: string): TomlProblem | undefined {
  const word = BARE_WORD.exec(after)?.[0];
  if (word === undefined) return undefined;
  if (NOT_BOOLEANS.test(word)) return { kind: "boolean", word };
  const key = /(?:^|[{,][ \t]*)[ \t]*((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))[ \t]*=[ \t]*$/.exec(before)?.[1];
  const quoted = `"${word}"`;
  return { kind: "unquoted", word: shorten(word), suggestion: shorten(key === undefined ? quoted : `${key} = ${quoted}`) };
}

/** A string opened on the line of `index` and not closed before the line (or the body) ends. */
function unclosedProblem(text: string, lineStart: number, index: number): TomlProblem | undefined {
  const opening = openStringAt(text, lineStart, index);
  if (opening === undefined) return undefined;
  const mark = text[opening] === "'" ? "'" : '"';
  const quote = text.startsWith(mark.repeat(3), opening) ? mark.repeat(3) : mark;
  const written = text.slice(opening, lineEnd(text, opening)).trimEnd();
  return { kind: "unclosed-string", written: shorten(written), quote };
}

/** Where the string that is still open at `index` starts, scanning the strings of its line from `lineStart`. */
function openStringAt(text: string, lineStart: number, index: number): number | undefined {
  let i = lineStart;
  while (i <= index && i < text.length) {
    if (text[i] !== '"' && text[i] !== "'") {
      i++;
      continue;
    }
    const end = skipString(text, i);
    if (end >= index) return i;
    i = end;
  }
  return undefined;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline < 0 ? text.length : newline;
}

function shorten(text: string): string {
  return text.length > LONGEST_QUOTE ? `${text.slice(0, LONGEST_QUOTE - 1)}…` : text;
}
