import type { ConditionResult } from "./decision.js";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** A condition node as json-rules-engine leaves it after a run: its own keys are read, nothing it inherits. */
type EngineNode = Readonly<Record<string, unknown>>;

/**
 * Copies json-rules-engine's evaluated conditions into a plain `ConditionResult`: fact, path,
 * operator, value, factResult and result for each test; `result` stays absent where the engine never
 * evaluated a condition (an `all` stops at the first failing priority group).
 */
export function toConditionResult(node: unknown): ConditionResult | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const source = node as EngineNode;
  const own = (key: string): unknown => (Object.hasOwn(source, key) ? source[key] : undefined);
  const text = (key: string): string | undefined => {
    const value = own(key);
    return typeof value === "string" ? value : undefined;
  };
  const out: Writable<ConditionResult> = {};
  const fact = text("fact");
  const path = text("path");
  const operator = text("operator");
  if (fact !== undefined) out.fact = fact;
  if (path !== undefined) out.path = path;
  const isBoolean = Object.hasOwn(source, "all") || Object.hasOwn(source, "any") || Object.hasOwn(source, "not");
  if (operator !== undefined && !isBoolean) out.operator = operator;
  if (Object.hasOwn(source, "value")) out.value = source["value"];
  const factResult = own("factResult");
  if (factResult !== undefined) out.factResult = factResult;
  const result = own("result");
  if (typeof result === "boolean") out.result = result;
  const all = nestedList(own("all"));
  const any = nestedList(own("any"));
  const not = toConditionResult(own("not"));
  if (all) out.all = all;
  if (any) out.any = any;
  if (not) out.not = not;
  return out;
}

function nestedList(value: unknown): ConditionResult[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ConditionResult[] = [];
  for (const item of value) {
    const condition = toConditionResult(item);
    if (condition) out.push(condition);
  }
  return out;
}
