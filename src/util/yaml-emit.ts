// A fast path for the `yaml` package's `stringify(value, { lineWidth: 0 })` (yaml 2, core schema,
// default options), for plain JSON-like values whose output is certain: block maps and sequences,
// `{}` and `[]` when empty, numbers, booleans, null, and one-line printable-ASCII strings, plain or
// quoted as yaml quotes them (node_modules/yaml/dist/stringify/stringifyString.js). Anything else
// returns undefined, and the caller asks yaml itself; test/util/yaml-emit.test.ts compares both.

/**
 * The tests of yaml's core schema tags other than `str` (null, bool, int oct/dec/hex, float
 * nan/exp/plain): a string one of them matches would read back as another type, so yaml quotes it.
 */
export const CORE_SCALAR_TESTS: readonly RegExp[] = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];

/** yaml's test for strings that may not be plain, restricted to one line without tabs. */
const NOT_PLAIN = /^[ ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-] |: | #|[ :]$/;
/** Printable ASCII only: no control characters, line breaks, tabs or non-ASCII (their rules are not mirrored here). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Document markers at the start change how yaml indents or quotes a string; left to yaml. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)/;
/** yaml writes a key longer than this as an explicit `? key` entry. */
const MAX_IMPLICIT_KEY_LENGTH = 1024;
const INDENT_STEP = "  ";

/**
 * `value` as yaml's `stringify(value, { lineWidth: 0 })` writes it, or undefined when the value
 * (not a plain object at the root; a value other than a plain object, array, string, finite number,
 * boolean or null; an object met twice, which yaml writes as an anchor and alias; a string outside
 * the rules above) might be written differently.
 */
export function emitYaml(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const body = emitCollection(value, "", new Set());
  return body === undefined ? undefined : `${body}\n`;
}

/** A block map or sequence whose lines after the first start with `indent`; undefined when not certain. */
function emitCollection(value: Collection, indent: string, seen: Set<object>): string | undefined {
  if (seen.has(value)) return undefined;
  seen.add(value);
  const sequence = isPlainArray(value);
  const lines = sequence ? sequenceLines(value, indent, seen) : mapLines(value, indent, seen);
  if (lines === undefined) return undefined;
  if (lines.length === 0) return sequence ? "[]" : "{}";
  return lines.join(`\n${indent}`);
}

function mapLines(map: Readonly<Record<string, unknown>>, indent: string, seen: Set<object>): string[] | undefined {
  const lines: string[] = [];
  for (const key of Object.keys(map)) {
    const keyText = emitString(key);
    if (keyText === undefined || keyText.length > MAX_IMPLICIT_KEY_LENGTH) return undefined;
    const entry = emitEntry(map[key], indent + INDENT_STEP, seen);
    if (entry === undefined) return undefined;
    lines.push(`${keyText}:${entry.block ? `\n${indent}${INDENT_STEP}` : " "}${entry.text}`);
  }
  return lines;
}

function sequenceLines(sequence: readonly unknown[], indent: string, seen: Set<object>): string[] | undefined {
  const lines: string[] = [];
  for (let index = 0; index < sequence.length; index++) {
    const item = emitEntry(sequence[index], indent + INDENT_STEP, seen);
    if (item === undefined) return undefined;
    lines.push(`- ${item.text}`);
  }
  return lines;
}

/** A map value or sequence item; `block` when it is a non-empty collection, which a map puts on the next line. */
function emitEntry(value: unknown, indent: string, seen: Set<object>): { text: string; block: boolean } | undefined {
  if (isPlainArray(value) || isPlainObject(value)) {
    const text = emitCollection(value, indent, seen);
    const empty = isPlainArray(value) ? value.length === 0 : Object.keys(value).length === 0;
    return text === undefined ? undefined : { text, block: !empty };
  }
  const text = emitScalar(value);
  return text === undefined ? undefined : { text, block: false };
}

function emitScalar(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return Number.isFinite(value) ? (Object.is(value, -0) ? "-0" : JSON.stringify(value)) : undefined;
  if (typeof value === "string") return emitString(value);
  return undefined;
}

/** A one-line printable-ASCII string as yaml writes it: plain when it reads back as the same string, else quoted. */
function emitString(value: string): string | undefined {
  if (!PRINTABLE_ASCII.test(value) || DOCUMENT_MARKER.test(value)) return undefined;
  if (!NOT_PLAIN.test(value) && !CORE_SCALAR_TESTS.some((test) => test.test(value))) return value;
  // yaml prefers double quotes (JSON's escapes, for this character set); single when that avoids escaping a `"`.
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

type Collection = readonly unknown[] | Readonly<Record<string, unknown>>;

/** An object literal (or `Object.create(null)`), which yaml writes as a map of its `Object.keys`; an iterable one it writes as a sequence. */
function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== "object" || Symbol.iterator in value) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** An array iterated as arrays are (not a subclass, no own iterator); holes read as undefined and fall back. */
function isPlainArray(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype && !Object.hasOwn(value, Symbol.iterator);
}
