import type { ConditionResult } from "./decision.js";

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Copies json-rules-engine's evaluated conditions into a plain `ConditionResult`: fact, path,
 * operator, value, factResult and result for each test; `result` stays absent where the engine never
 * evaluated a condition (an `all` stops at the first failing priority group).
 */
export function toConditionResult(node: unknown): ConditionResult | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const source = new Map<string, unknown>(Object.entries(node));
  const out: Writable<ConditionResult> = {};
  const text = (key: string): string | undefined => {
    const value = source.get(key);
    return typeof value === "string" ? value : undefined;
  };
  const fact = text("fact");
  const path = text("path");
  const operator = text("operator");
  if (fact !== undefined) out.fact = fact;
  if (path !== undefined) out.path = path;
  const isBoolean = source.has("all") || source.has("any") || source.has("not");
  if (operator !== undefined && !isBoolean) out.operator = operator;
  if (source.has("value")) out.value = source.get("value");
  if (source.get("factResult") !== undefined) out.factResult = source.get("factResult");
  const result = source.get("result");
  if (typeof result === "boolean") out.result = result;
  const all = nestedList(source.get("all"));
  const any = nestedList(source.get("any"));
  const not = toConditionResult(source.get("not"));
  if (all) out.all = all;
  if (any) out.any = any;
  if (not) out.not = not;
  return out;
}

function nestedList(value: unknown): ConditionResult[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map(toConditionResult).filter((c) => c !== undefined);
}
