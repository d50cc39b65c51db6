import { PATTERN_FLAGS, patternProblem } from "./pattern-safety.js";
import { CUSTOM_OPERATOR_NAMES, splitOperator } from "./rule-vocabulary.js";

/** A regular expression as a `matches` condition gives it. */
export interface PatternValue {
  readonly pattern: string;
  readonly flags: string;
}

/** What is wrong with a custom operator's condition; `at` is where inside the value (path segments below `value`). */
export type OperatorValueProblem =
  | { readonly code: "rule-file/invalid-operator-value"; readonly at: readonly (string | number)[]; readonly expected: string; readonly got: string }
  | { readonly code: "rule-file/unsupported-decorator" }
  | { readonly code: "rule-file/invalid-pattern" | "rule-file/unsafe-pattern"; readonly at: readonly (string | number)[]; readonly pattern: string; readonly detail: string };

/** The expected value of each operator whose value is checked, as messages describe it. */
const EXPECTED: Readonly<Record<string, string>> = {
  matches: `a regular expression: a string (without slashes), or { pattern, flags } with flags from ${PATTERN_FLAGS.join(", ")}`,
  hasKeys: "a key or a non-empty list of keys (strings)",
  between: "[min, max]: two numbers with min ≤ max",
  in: "a list of values",
  notIn: "a list of values",
};

/**
 * Checks the literal `value` of a condition: the custom operators' values (`matches`, `hasKeys`,
 * `between`) and the list `in` and `notIn` need, through `someValue:` / `everyValue:` decorators,
 * which take a list of such values (json-rules-engine throws on a non-list there, failing the whole
 * evaluation). `swap:` is refused with the custom operators: it would make the fact their value,
 * which could then not be checked here. Built-in operators behind `swap:` or with a fact reference
 * as their value are not checked.
 */
export function checkOperatorValue(operator: string, value: unknown): OperatorValueProblem[] {
  const { decorators, base } = splitOperator(operator);
  const custom = CUSTOM_OPERATOR_NAMES.includes(base);
  if (custom && decorators.includes("swap")) return [{ code: "rule-file/unsupported-decorator" }];
  if (!custom && (decorators.includes("swap") || isFactReference(value))) return [];
  const listLevels = decorators.filter((decorator) => decorator === "someValue" || decorator === "everyValue").length;
  return checkLevel(base, value, [], listLevels);
}

/** Peels one list per someValue/everyValue decorator, then checks each operator value. */
function checkLevel(base: string, value: unknown, at: readonly (string | number)[], listLevels: number): OperatorValueProblem[] {
  if (listLevels === 0) return checkOne(base, value, at);
  const custom = CUSTOM_OPERATOR_NAMES.includes(base);
  if (!Array.isArray(value) || (custom && value.length === 0)) {
    const item = EXPECTED[base];
    const expected = item === undefined ? "a list of values" : `a ${custom ? "non-empty " : ""}list, each item ${item}`;
    return [{ code: "rule-file/invalid-operator-value", at, expected, got: describe(value) }];
  }
  return value.flatMap((item: unknown, i) => checkLevel(base, item, [...at, i], listLevels - 1));
}

function checkOne(base: string, value: unknown, at: readonly (string | number)[]): OperatorValueProblem[] {
  const invalid = (): OperatorValueProblem[] => [{ code: "rule-file/invalid-operator-value", at, expected: EXPECTED[base] ?? "", got: describe(value) }];
  if (base === "in" || base === "notIn") return Array.isArray(value) ? [] : invalid();
  if (base === "hasKeys") return requiredKeys(value) ? [] : invalid();
  if (base === "between") return numericRange(value) ? [] : invalid();
  if (base !== "matches") return [];
  const pattern = readPattern(value);
  if (!pattern) return invalid();
  const patternAt = typeof value === "string" ? at : [...at, "pattern"];
  const problem = patternProblem(pattern.pattern, pattern.flags);
  if (!problem) return [];
  return [{ code: `rule-file/${problem.kind}-pattern`, at: problem.inFlags === true ? [...at, "flags"] : patternAt, pattern: shorten(pattern.pattern), detail: problem.detail }];
}

/** The pattern and flags of a `matches` value: a string, or `{ pattern, flags? }` with string fields and no other keys. */
export function readPattern(value: unknown): PatternValue | undefined {
  if (typeof value === "string") return { pattern: value, flags: "" };
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const fields = new Map<string, unknown>(Object.entries(value));
  const pattern = fields.get("pattern");
  const flags = fields.get("flags") ?? "";
  const onlyKnownKeys = [...fields.keys()].every((key) => key === "pattern" || key === "flags");
  return onlyKnownKeys && typeof pattern === "string" && typeof flags === "string" ? { pattern, flags } : undefined;
}

/** The keys of a `hasKeys` value: one string or a non-empty list of strings. */
export function requiredKeys(value: unknown): readonly string[] | undefined {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const keys = value.filter((key): key is string => typeof key === "string");
  return keys.length === value.length ? keys : undefined;
}

/** The bounds of a `between` value: two finite numbers, min ≤ max. */
export function numericRange(value: unknown): { readonly min: number; readonly max: number } | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const min: unknown = value[0];
  const max: unknown = value[1];
  if (typeof min !== "number" || typeof max !== "number" || !Number.isFinite(min) || !Number.isFinite(max) || min > max) return undefined;
  return { min, max };
}

/** True for a `{ fact }` value, which json-rules-engine replaces by the fact's value. */
function isFactReference(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "fact" in value;
}

/** A short description of a value for messages: the value itself, or what kind of value it is. */
function describe(value: unknown): string {
  if (isFactReference(value)) return "a fact reference (these operators need a literal value)";
  return shorten(JSON.stringify(value) ?? String(value));
}

/** `text`, cut to 60 characters for a message. */
function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
