/** The stages rules run in, in pipeline order. */
export type RuleStage = "capability" | "provider" | "policy";

/** The facts each stage gives its rules (the engine defines exactly these; rule files may use no others). */
export const STAGE_FACTS: Readonly<Record<RuleStage, readonly string[]>> = {
  capability: ["annotation", "bound", "produced", "provider", "routes", "subject", "unit", "use"],
  provider: ["provider", "resource"],
  policy: ["provider", "resource"],
};

/** json-rules-engine's built-in operators. */
export const OPERATORS: readonly string[] = [
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

/** json-rules-engine's built-in operator decorators (`not:equal`, `someFact:in`, ...). */
export const OPERATOR_DECORATORS: readonly string[] = ["everyFact", "everyValue", "not", "someFact", "someValue", "swap"];

/** Event types only capability rules may use: resources are added per subject, never per resource. */
export const CAPABILITY_ONLY_EVENTS: readonly string[] = ["add-resource"];

/** True when `operator` is a built-in operator, optionally behind decorators. */
export function isKnownOperator(operator: string): boolean {
  const parts = operator.split(":");
  const base = parts.pop() ?? "";
  return OPERATORS.includes(base) && parts.every((decorator) => OPERATOR_DECORATORS.includes(decorator));
}
