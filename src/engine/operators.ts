import { Operator } from "json-rules-engine";
import { numericRange, readPattern, requiredKeys } from "../load/operator-values.js";
import { patternProblem } from "../load/pattern-safety.js";

/** The longest string `matches` tests; a longer fact value does not match. */
export const MAX_MATCHED_LENGTH = 10_000;

/** Compiled `matches` patterns by flags and source; null for one the load-time checks refuse. */
const compiled = new Map<string, RegExp | null>();

/** The compiled pattern of a `matches` value, or undefined when the value is not a pattern the rule-file checks accept. */
function compiledPattern(value: unknown): RegExp | undefined {
  const pattern = readPattern(value);
  if (!pattern) return undefined;
  const key = `${pattern.flags}/${pattern.pattern}`;
  let regex = compiled.get(key);
  if (regex === undefined) {
    regex = patternProblem(pattern.pattern, pattern.flags) ? null : new RegExp(pattern.pattern, pattern.flags);
    compiled.set(key, regex);
  }
  return regex ?? undefined;
}

/** `matches`: the fact value is a string of at most MAX_MATCHED_LENGTH characters and the regular expression in `value` finds a match in it. */
const matches = new Operator<unknown, unknown>("matches", (fact, value) => {
  if (typeof fact !== "string" || fact.length > MAX_MATCHED_LENGTH) return false;
  return compiledPattern(value)?.test(fact) ?? false;
});

/** `hasKeys`: the fact value is a plain object with every key in `value` (a key or a list of keys) set to something other than null. */
const hasKeys = new Operator<unknown, unknown>("hasKeys", (fact, value) => {
  const keys = requiredKeys(value);
  if (!keys || !isPlainObject(fact)) return false;
  return keys.every((key) => Object.hasOwn(fact, key) && fact[key] !== null && fact[key] !== undefined);
});

/** `between`: the fact value is a finite number within `value`, `[min, max]`, both inclusive. */
const between = new Operator<unknown, unknown>("between", (fact, value) => {
  const range = numericRange(value);
  if (!range || typeof fact !== "number" || !Number.isFinite(fact)) return false;
  return range.min <= fact && fact <= range.max;
});

/** klotho's operators, added to every rule engine; json-rules-engine's decorators (`not:`, `someFact:`, ...) apply to them too. */
export const CUSTOM_OPERATORS: readonly Operator[] = [between, hasKeys, matches];

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
