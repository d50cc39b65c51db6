import { compareStrings } from "../util/compare.js";

/** The stages rules run in, in pipeline order. */
export type RuleStage = "capability" | "provider" | "policy";

/** The facts each stage gives its rules (the engine defines exactly these; rule files may use no others). */
export const STAGE_FACTS: Readonly<Record<RuleStage, readonly string[]>> = {
  capability: ["annotation", "bound", "produced", "provider", "routes", "subject", "unit", "use"],
  provider: ["provider", "resource"],
  policy: ["provider", "resource"],
};

/** json-rules-engine's built-in operators. */
export const BUILT_IN_OPERATORS: readonly string[] = [
  "contains",
  "doesNotContain",
  "equal",
  "greaterThan",
  "greaterThanInclusive",
  "in",
  "lessThan",
  "lessThanInclusive",
  "notEqual",
  "notIn",
];

/**
 * klotho's own operators for policy authors (defined in engine/operators.ts): `matches` (a regular
 * expression), `hasKeys` (required keys, e.g. tags) and `between` (an inclusive numeric range).
 * Their values are literals, checked when the rule file loads.
 */
export const CUSTOM_OPERATOR_NAMES: readonly string[] = ["between", "hasKeys", "matches"];

/** Every operator a rule file can use, sorted. */
export const OPERATORS: readonly string[] = [...BUILT_IN_OPERATORS, ...CUSTOM_OPERATOR_NAMES].sort(compareStrings);

/** json-rules-engine's built-in operator decorators (`not:equal`, `someFact:in`, ...). */
export const OPERATOR_DECORATORS: readonly string[] = ["everyFact", "everyValue", "not", "someFact", "someValue", "swap"];

/** Event types only capability rules may use: resources are added per subject, never per resource. */
export const CAPABILITY_ONLY_EVENTS: readonly string[] = ["add-resource"];

/** An operator name split into its decorators (outermost first) and the operator they decorate. */
export function splitOperator(operator: string): { readonly decorators: readonly string[]; readonly base: string } {
  const parts = operator.split(":");
  const base = parts.pop() ?? "";
  return { decorators: parts, base };
}

/** True when `operator` is a known operator, optionally behind decorators. */
export function isKnownOperator(operator: string): boolean {
  const { decorators, base } = splitOperator(operator);
  return OPERATORS.includes(base) && decorators.every((decorator) => OPERATOR_DECORATORS.includes(decorator));
}
