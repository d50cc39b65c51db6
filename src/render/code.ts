/**
 * Pieces of generated TypeScript. Every value from the user's code, annotations or klotho.yaml
 * reaches the program through {@link tsValue} (a literal) or a {@link Code} built here from
 * checked identifiers, so no input can end a string, open a template or start a comment.
 */

/** A fragment of TypeScript that is safe to paste as an expression: built only by the functions below. */
export class Code {
  readonly #text: string;

  private constructor(text: string) {
    this.#text = text;
  }

  /** The TypeScript text. */
  get text(): string {
    return this.#text;
  }

  /** `identifier.property.property`; each part must be a plain identifier. */
  static ref(identifier: string, ...properties: string[]): Code {
    for (const part of [identifier, ...properties]) assertIdentifier(part);
    return new Code([identifier, ...properties].join("."));
  }

  /** `pulumi.concat(...)` of literal text and other code: a string output. */
  static concat(...parts: readonly (string | Code)[]): Code {
    return new Code(`pulumi.concat(${parts.map((part) => tsValue(part)).join(", ")})`);
  }
}

/** A JSON-like value (or code) the program writes as a literal. */
export type LiteralValue = string | number | boolean | null | Code | readonly LiteralValue[] | { readonly [key: string]: LiteralValue | undefined };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True for a plain identifier usable as a variable or property name without quotes. */
export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

/** Throws unless `text` is a plain identifier: identifiers in the program are made by klotho, never taken from input. */
export function assertIdentifier(text: string): string {
  if (!isIdentifier(text)) throw new Error(`internal: ${JSON.stringify(text)} is not an identifier`);
  return text;
}

/** Printable ASCII but `"` and `\`: a string literal of such a text is the text in quotes. */
const PLAIN_STRING = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

/**
 * A double-quoted TypeScript string literal holding exactly `text`. Everything outside printable
 * ASCII is a `\u` escape, so the program is plain ASCII: no line breaks, no bidirectional
 * controls, no look-alike characters in the source.
 */
export function tsString(text: string): string {
  // Most texts (names, paths, ARNs) need no escape; one regular expression test is all they cost.
  if (PLAIN_STRING.test(text)) return `"${text}"`;
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const char = text.charAt(i);
    if (char === '"' || char === "\\") out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/** A TypeScript expression for a JSON-like value: strings escaped, object keys quoted when they are not identifiers. */
export function tsValue(value: unknown): string {
  if (value instanceof Code) return value.text;
  if (typeof value === "string") return tsString(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`internal: ${String(value)} cannot be written as a literal`);
    return Object.is(value, -0) ? "0" : String(value);
  }
  if (typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => tsValue(item)).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    return `{ ${entries.map(([key, item]) => `${isIdentifier(key) ? key : tsString(key)}: ${tsValue(item)}`).join(", ")} }`;
  }
  throw new Error(`internal: a ${typeof value} cannot be written as a literal`);
}

/** Text for a `//` comment: one line, printable ASCII, everything else as `\u` escapes. */
export function commentText(text: unknown): string {
  return tsString(String(text)).slice(1, -1).replace(/\\(["\\])/g, "$1");
}
