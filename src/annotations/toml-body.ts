import { parse as parseToml, TomlError } from "smol-toml";
import type { TomlProblem } from "../diagnostics/messages.js";
import { skipString } from "./body-scanner.js";
import { explainTomlError } from "./toml-mistakes.js";

/**
 * An annotation body rewritten into standard TOML. `map[i]` is the index in the original body
 * of normalized character `i`, so parse errors point back into the comment.
 */
export interface NormalizedBody {
  readonly text: string;
  readonly map: readonly number[];
}

/** The result of parsing a body: its values, or an error at a body index. */
export type BodyParse =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly body: NormalizedBody }
  | { readonly ok: false; readonly problem: TomlProblem; readonly bodyIndex: number };

const KEY_AHEAD = /^[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*[ \t]*=/;

/**
 * Accepts the one-line forms `id = "a", target = "public"` and `id = "a" target = "public"`:
 * a top-level comma, or blank space before another `key =` on a line that already has one,
 * becomes a line break. Everything else is left as written.
 */
export function normalizeBody(body: string): NormalizedBody {
  let text = "";
  const map: number[] = [];
  const emit = (chunk: string, from: number): void => {
    for (let k = 0; k < chunk.length; k++) map.push(from + Math.min(k, chunk.length - 1));
    text += chunk;
  };
  let depth = 0;
  let lineHasKey = false;
  let i = 0;
  while (i < body.length) {
    const ch = body[i] as string;
    if (ch === '"' || ch === "'") {
      const end = skipString(body, i);
      for (let k = i; k < end; k++) map.push(k);
      text += body.slice(i, end);
      i = end;
      continue;
    }
    if (ch === "#") {
      const newline = body.indexOf("\n", i);
      const end = newline < 0 ? body.length : newline;
      for (let k = i; k < end; k++) map.push(k);
      text += body.slice(i, end);
      i = end;
      continue;
    }
    if (depth === 0 && ch === ",") {
      emit("\n", i);
      lineHasKey = false;
    } else if (depth === 0 && (ch === " " || ch === "\t") && lineHasKey && KEY_AHEAD.test(body.slice(i))) {
      emit("\n", i);
      lineHasKey = false;
    } else {
      if (ch === "\n" && depth === 0) lineHasKey = false;
      else if (depth === 0 && ch === "=") lineHasKey = true;
      else if ((lineHasKey || depth > 0) && (ch === "[" || ch === "{")) depth++;
      else if (depth > 0 && (ch === "]" || ch === "}")) depth--;
      emit(ch, i);
    }
    i++;
  }
  map.push(body.length);
  return { text, map };
}

/** Parses an annotation body (the text between its braces) as TOML. */
export function parseBody(body: string): BodyParse {
  const normalized = normalizeBody(body);
  try {
    const value = parseToml(normalized.text) as Record<string, unknown>;
    return { ok: true, value, body: normalized };
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const index = offsetOfLineColumn(normalized.text, error.line, error.column);
    const message = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
    return { ok: false, problem: explainTomlError(normalized.text, index, message), bodyIndex: normalized.map[index] ?? body.length };
  }
}

/** The normalized-text offset of a 1-based line and column. */
function offsetOfLineColumn(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + Math.max(column - 1, 0), text.length);
}

/**
 * The body index where the key at `path` is written (`["id"]`, `["environment_variables", "X"]`),
 * found by scanning the normalized lines and their table headers; -1 when it is not written.
 */
export function findKeyIndex(body: NormalizedBody, path: readonly (string | number)[]): number {
  const [first, second] = path;
  if (typeof first !== "string") return -1;
  let table = "";
  let offset = 0;
  for (const line of body.text.split("\n")) {
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) table = header[1] ?? "";
    const key = /^\s*(["']?)([^"'=\s]+)\1\s*=/.exec(line);
    if (key) {
      const name = key[2];
      const column = line.indexOf(`${key[1] ?? ""}${name ?? ""}`);
      const wanted = table === "" ? name === first : table === first && name === second;
      const inline = table === "" && wanted && second !== undefined ? inlineKeyColumn(line, column, String(second)) : -1;
      if (wanted) return body.map[offset + (inline >= 0 ? inline : column)] ?? -1;
    } else if (header && header[1] === first && second === undefined) {
      return body.map[offset + line.indexOf("[")] ?? -1;
    }
    offset += line.length + 1;
  }
  return -1;
}

/** The column of `key` inside the inline table that follows the key at `from` on `line` (`a = { key = 1 }`), or -1. */
function inlineKeyColumn(line: string, from: number, key: string): number {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`([{,]\\s*)(["']?)${escaped}\\2\\s*=`).exec(line.slice(from));
  return match ? from + match.index + (match[1] ?? "").length : -1;
}

/**
 * Where each key of `value` is written in the body, by dotted path: top-level keys (`id`) and the
 * keys of tables (`environment_variables.DB_URL`); keys that cannot be found are left out.
 */
export function directiveKeyIndexes(body: NormalizedBody, value: Readonly<Record<string, unknown>>): [path: string, index: number][] {
  const found: [string, number][] = [];
  for (const [key, inner] of Object.entries(value)) {
    const index = findKeyIndex(body, [key]);
    if (index >= 0) found.push([key, index]);
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) continue;
    for (const name of Object.keys(inner)) {
      const nested = findKeyIndex(body, [key, name]);
      if (nested >= 0 && nested !== index) found.push([`${key}.${name}`, nested]);
    }
  }
  return found;
}
