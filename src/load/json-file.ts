import { readFileSync } from "node:fs";
import type * as TypeScript from "typescript";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { LineIndex } from "../util/line-index.js";
import { isRecord } from "../util/records.js";
import type { SourceRange } from "../util/source-range.js";
import { requireWithCodeCache } from "./code-cache.js";
import { jsoncAsJson, parseJsonc } from "./jsonc.js";
import { parseLocatedYaml, type LocatedYaml } from "./yaml-document.js";

/** A JSON file (strict, or JSONC for a tsconfig) that does not parse, with where it stops. */
export class JsonFileError extends Error {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly offset: number | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and parses a JSON(C) file; a syntax error is a JsonFileError that knows the file and offset. */
export function readJsoncFile(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return parseJsonc(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new JsonFileError(file, text, syntaxErrorOffset(error.message, text), readableMessage(error.message));
  }
}

/** A JSON module's text as Node's require reads it (strict JSON, a leading BOM dropped): its data, or why and where it does not parse. */
export function parseJsonModule(text: string): { readonly data: unknown } | { readonly error: string; readonly offset: number | undefined } {
  try {
    return { data: JSON.parse(text.replace(/^\uFEFF/, "")) as unknown };
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return { error: readableMessage(error.message), offset: syntaxErrorOffset(error.message, text) };
  }
}

/**
 * Parses strict JSON text (a `.json` config file) that can point at the line and column of any value
 * in it: a syntax error is located where the JSON stops making sense; values are located through the
 * YAML parser, which reads JSON with positions, but only JSON's grammar decides what is valid.
 */
export function parseLocatedJson(file: string, text: string): LocatedYaml {
  const parsed = parseJsonModule(text);
  let located: LocatedYaml | undefined;
  const locate: LocatedYaml["locate"] = (at, atKey) => (located ??= parseLocatedYaml(file, text)).locate(at, atKey);
  if ("data" in parsed) return { file, text, value: parsed.data, syntaxErrors: [], locate };
  const lines = new LineIndex(text);
  const offset = parsed.offset ?? 0;
  return { file, text, value: undefined, syntaxErrors: [{ message: parsed.error, range: lines.range(file, offset, Math.min(offset + 1, text.length)) }], locate };
}

/** V8's message without what the location now says: the position, or a quoted excerpt of the text. */
function readableMessage(message: string): string {
  return message.replace(/ (?:in JSON )?at position \d+.*$/s, "").replace(/^(Unexpected token .+?), .*is not valid JSON$/s, "$1");
}

/**
 * `project/invalid-json` for a file that could not be read: at the line and column where the JSON
 * stops making sense when the parser says (`shown` is the file's name as the user knows it).
 */
export function invalidJsonDiagnostic(error: unknown, shown: (file: string) => string, fallbackFile: string): Diagnostic {
  if (error instanceof JsonFileError) {
    const range = error.offset === undefined ? undefined : new LineIndex(error.text).range(shown(error.file), error.offset, error.offset);
    return createDiagnostic("project/invalid-json", range ? { range } : {}, shown(error.file), error.message);
  }
  return createDiagnostic("project/invalid-json", {}, shown(fallbackFile), error instanceof Error ? error.message : String(error));
}

/**
 * Where parsing stopped: `at position N` in V8's message, the end for `Unexpected end`; otherwise
 * (`Unexpected token 'x', "..." is not valid JSON` names no position) where TypeScript's JSON parser,
 * loaded only for this, reports its first error.
 */
function syntaxErrorOffset(message: string, text: string): number | undefined {
  const position = /at position (\d+)/.exec(message)?.[1];
  if (position !== undefined) return Math.min(Number(position), text.length);
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  const ts = requireWithCodeCache("typescript") as Pick<typeof TypeScript, "parseConfigFileTextToJson">;
  return ts.parseConfigFileTextToJson("file.json", text).error?.start;
}

/**
 * A package.json, which must be strict JSON holding an object (npm and Node refuse comments and
 * trailing commas): its data, or the problem located where the JSON stops or at the value that is
 * not an object, with the file's text for the code frame (`shown` names the file in messages).
 */
export function readJsonObject(file: string, shown: (file: string) => string): { data: Record<string, unknown> } | { diagnostic: Diagnostic; text?: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { diagnostic: invalidJsonDiagnostic(error, shown, file) };
  }
  const parsed = parseJsonModule(text);
  if ("error" in parsed) return { diagnostic: invalidJsonDiagnostic(new JsonFileError(file, text, parsed.offset, parsed.error), shown, file), text };
  if (isRecord(parsed.data)) return { data: parsed.data };
  return { diagnostic: createDiagnostic("project/invalid-json", { range: documentValueRange(shown(file), text) }, shown(file), "expected an object"), text };
}

/** The range of a JSON document's one value: from its first character to its last (a BOM and white space left out). */
function documentValueRange(file: string, text: string): SourceRange {
  const start = /^\uFEFF?[ \t\r\n]*/.exec(text)?.[0].length ?? 0;
  const end = Math.max(start, text.replace(/[ \t\r\n]*$/, "").length);
  return new LineIndex(text).range(file, start, end);
}

/**
 * The range of the value at `at` (a JSON path) in the JSON(C) file `file`, named `shown` in the range;
 * undefined when the file cannot be read again. Comments become spaces first, so lines and columns are the file's.
 */
export function locateInJsonc(file: string, shown: string, at: readonly (string | number)[]): SourceRange | undefined {
  try {
    return parseLocatedYaml(shown, jsoncAsJson(readFileSync(file, "utf8"))).locate(at);
  } catch {
    return undefined;
  }
}
