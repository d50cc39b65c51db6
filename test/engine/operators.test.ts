import { describe, expect, it } from "vitest";
import { CUSTOM_OPERATORS, MAX_MATCHED_LENGTH } from "../../src/engine/operators.js";
import { createRuleRunner } from "../../src/engine/run-rules.js";
import type { FactCondition } from "../../src/generated/rule-file.js";
import { CUSTOM_OPERATOR_NAMES } from "../../src/load/rule-vocabulary.js";
import { rule } from "./helpers.js";

/** One condition on the resource, as a policy rule file would write it. */
interface Test {
  readonly path?: string;
  readonly operator: string;
  readonly value: FactCondition["value"];
}

/** Whether a policy rule with the single condition `test` fires for a resource with `params`, through the real engine. */
async function fires(test: Test, params: Record<string, unknown>, name = "api"): Promise<boolean> {
  const condition = { fact: "resource", path: test.path ?? "$.params.value", operator: test.operator, value: test.value };
  const policy = rule({ id: "acme/test", stage: "policy", conditions: { all: [condition] }, event: { type: "warn", params: { message: "fired" } } });
  const resource = { id: `exec_unit:${name}`, kind: "exec_unit", name, type: "lambda", params, directives: {} };
  const fired = await createRuleRunner([policy]).run(() => ({ resource, provider: "aws" }));
  return fired.length === 1;
}

type Case = readonly [what: string, test: Test, params: Record<string, unknown>, expected: boolean];

const matches = (value: FactCondition["value"], operator = "matches"): Test => ({ operator, value });

describe("custom operators", () => {
  it("are registered under the names the rule-file checks know", () => {
    expect(CUSTOM_OPERATORS.map((operator) => operator.name)).toEqual(CUSTOM_OPERATOR_NAMES);
  });
});

describe("matches", () => {
  it.each<Case>([
    ["a string the pattern finds", matches("^acme-[a-z]+$"), { value: "acme-orders" }, true],
    ["a string it does not find", matches("^acme-[a-z]+$"), { value: "orders" }, false],
    ["a search, not a whole-string match, without anchors", matches("prod"), { value: "orders-prod-1" }, true],
    ["case-sensitive by default", matches("^ACME"), { value: "acme-orders" }, false],
    ["{ pattern, flags } with the i flag", matches({ pattern: "^ACME", flags: "i" }), { value: "acme-orders" }, true],
    ["{ pattern } without flags", matches({ pattern: "^acme" }), { value: "acme-orders" }, true],
    ["the s flag lets . match a newline", matches({ pattern: "a.b", flags: "s" }), { value: "a\nb" }, true],
    ["a number fact value", matches("^1"), { value: 1024 }, false],
    ["a list fact value", matches("acme"), { value: ["acme"] }, false],
    ["a null fact value", matches(".*"), { value: null }, false],
    ["a missing path", matches(".*"), {}, false],
    [`a string longer than ${MAX_MATCHED_LENGTH} characters`, matches("a"), { value: "a".repeat(MAX_MATCHED_LENGTH + 1) }, false],
    [`a string of exactly ${MAX_MATCHED_LENGTH} characters`, matches("a$"), { value: "a".repeat(MAX_MATCHED_LENGTH) }, true],
    ["a pattern the load-time checks refuse never matches", matches("(a+)+$"), { value: "aaaa" }, false],
    ["not: a string it does not find", matches("^acme", "not:matches"), { value: "orders" }, true],
    ["not: a string it finds", matches("^acme", "not:matches"), { value: "acme-orders" }, false],
    ["not: a non-string is not a match, so not:matches holds", matches("^acme", "not:matches"), { value: 3 }, true],
    ["someFact: one item of a list matches", matches("^/admin", "someFact:matches"), { value: ["/pugs", "/admin/users"] }, true],
    ["someFact: no item matches", matches("^/admin", "someFact:matches"), { value: ["/pugs", "/dogs"] }, false],
    ["everyFact: every item matches", matches("^/api/", "everyFact:matches"), { value: ["/api/a", "/api/b"] }, true],
    ["everyFact: one item does not", matches("^/api/", "everyFact:matches"), { value: ["/api/a", "/b"] }, false],
    ["someValue: one of several patterns matches", matches(["^dev-", "^test-"], "someValue:matches"), { value: "test-orders" }, true],
    ["everyValue: every pattern must match", matches(["^acme-", "-prod$"], "everyValue:matches"), { value: "acme-orders-dev" }, false],
  ])("%s → %s", async (_, test, params, expected) => {
    expect(await fires(test, params)).toBe(expected);
  });

  it("tests a value found through a JSONPath into the resource, such as its name", async () => {
    expect(await fires({ path: "$.name", operator: "matches", value: "^[a-z][a-z0-9-]*$" }, {}, "orders-api")).toBe(true);
    expect(await fires({ path: "$.name", operator: "matches", value: "^[a-z][a-z0-9-]*$" }, {}, "Orders_API")).toBe(false);
  });
});

describe("hasKeys", () => {
  const tags = (value: FactCondition["value"], operator = "hasKeys"): Test => ({ path: "$.params.tags", operator, value });
  it.each<Case>([
    ["every listed key present", tags(["team", "cost-center"]), { tags: { team: "pugs", "cost-center": "42", extra: "x" } }, true],
    ["one key missing", tags(["team", "cost-center"]), { tags: { team: "pugs" } }, false],
    ["a key whose value is null counts as missing", tags(["team"]), { tags: { team: null } }, false],
    ["an empty string is a value", tags(["team"]), { tags: { team: "" } }, true],
    ["a single key as a string", tags("team"), { tags: { team: "pugs" } }, true],
    ["a list fact value", tags(["team"]), { tags: ["team"] }, false],
    ["a string fact value", tags(["team"]), { tags: "team" }, false],
    ["no tags at all (missing path)", tags(["team"]), {}, false],
    ["not: a key missing, so the deny fires", tags(["team", "cost-center"], "not:hasKeys"), { tags: { team: "pugs" } }, true],
    ["not: no tags at all, so the deny fires", tags(["team"], "not:hasKeys"), {}, true],
    ["not: every key present, so the deny does not fire", tags(["team"], "not:hasKeys"), { tags: { team: "pugs" } }, false],
    ["someFact: one object of a list has the keys", { path: "$.params.rules", operator: "someFact:hasKeys", value: "sid" }, { rules: [{}, { sid: "a" }] }, true],
    ["everyFact: one object of a list lacks them", { path: "$.params.rules", operator: "everyFact:hasKeys", value: "sid" }, { rules: [{}, { sid: "a" }] }, false],
  ])("%s → %s", async (_, test, params, expected) => {
    expect(await fires(test, params)).toBe(expected);
  });
});

describe("between", () => {
  const memory = (value: FactCondition["value"], operator = "between"): Test => ({ path: "$.params.memorySize", operator, value });
  it.each<Case>([
    ["inside the range", memory([128, 1024]), { memorySize: 512 }, true],
    ["the lower bound is inclusive", memory([128, 1024]), { memorySize: 128 }, true],
    ["the upper bound is inclusive", memory([128, 1024]), { memorySize: 1024 }, true],
    ["above the range", memory([128, 1024]), { memorySize: 2048 }, false],
    ["below the range", memory([128, 1024]), { memorySize: 64 }, false],
    ["a numeric string is not a number", memory([128, 1024]), { memorySize: "512" }, false],
    ["a null fact value", memory([128, 1024]), { memorySize: null }, false],
    ["a missing path", memory([128, 1024]), {}, false],
    ["not: outside the range", memory([128, 1024], "not:between"), { memorySize: 4096 }, true],
    ["not: a missing path is not between, so not:between holds", memory([128, 1024], "not:between"), {}, true],
    ["someFact: one number of a list inside", { path: "$.params.ports", operator: "someFact:between", value: [0, 1023] }, { ports: [8080, 443] }, true],
    ["everyFact: every number of a list inside", { path: "$.params.ports", operator: "everyFact:between", value: [1024, 65535] }, { ports: [8080, 443] }, false],
  ])("%s → %s", async (_, test, params, expected) => {
    expect(await fires(test, params)).toBe(expected);
  });
});

describe("json-rules-engine's numeric operators on params", () => {
  const memory = (operator: string, value: number): Test => ({ path: "$.params.memorySize", operator, value });
  it.each<Case>([
    ["lessThan a smaller floor", memory("lessThan", 1024), { memorySize: 512 }, true],
    ["lessThan at the floor", memory("lessThan", 1024), { memorySize: 1024 }, false],
    ["lessThanInclusive at the floor", memory("lessThanInclusive", 1024), { memorySize: 1024 }, true],
    ["greaterThan above", memory("greaterThan", 1024), { memorySize: 2048 }, true],
    ["greaterThanInclusive at the bound", memory("greaterThanInclusive", 1024), { memorySize: 1024 }, true],
    ["lessThan on a missing path", memory("lessThan", 1024), {}, false],
    ["greaterThanInclusive on a missing path", memory("greaterThanInclusive", 0), {}, false],
    ["lessThan on null", memory("lessThan", 1024), { memorySize: null }, false],
    ["lessThan on a boolean", memory("lessThan", 1024), { memorySize: true }, false],
    ["lessThan on a word", memory("lessThan", 1024), { memorySize: "large" }, false],
    ["lessThan on a numeric string compares it as a number", memory("lessThan", 1024), { memorySize: "512" }, true],
    ["not:greaterThanInclusive on a missing path holds", memory("not:greaterThanInclusive", 1024), {}, true],
  ])("%s → %s", async (_, test, params, expected) => {
    expect(await fires(test, params)).toBe(expected);
  });
});
