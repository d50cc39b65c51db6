import path from "node:path";
import { describe, expect, it } from "vitest";
import { patternProblem } from "../../src/load/pattern-safety.js";
import { loadRuleSet } from "../../src/load/rules.js";
import { formatLocation } from "../../src/util/source-range.js";
import { tempDir, writeTree } from "../helpers/plan-inputs.js";

/** A policy rule file whose conditions are `conditionLines` (line 7 onwards). */
function ruleWith(...conditionLines: string[]): string {
  return [
    "id: acme/check",
    "stage: policy",
    "description: A rule testing an operator.",
    "rationale: The operator's value is checked when the file loads.",
    "conditions:",
    "  all:",
    ...conditionLines,
    "event:",
    "  type: warn",
    "  params: { message: checked }",
    "",
  ].join("\n");
}

/** `file:line:col: code: message` of each diagnostic loading `text` as rules/x.yaml gives. */
function problems(text: string): string[] {
  const root = writeTree(tempDir(), { "rules/x.yaml": text });
  const result = loadRuleSet({ provider: "aws", rulePaths: [path.join(root, "rules")], projectRoot: root });
  if (result.diagnostics.length === 0) expect(result.ruleSet?.rules.some((r) => r.id === "acme/check")).toBe(true);
  else expect(result.ruleSet).toBeUndefined();
  return result.diagnostics.map((d) => `${d.range ? formatLocation(d.range) : "-"}: ${d.code}: ${d.message}`);
}

/** One condition on `$.name` with `operator` and the YAML text `value`, on line 7. */
const condition = (operator: string, value: string): string => `    - { fact: resource, path: $.name, operator: ${operator}, value: ${value} }`;

const NESTED = "itself contains a quantifier, which can backtrack catastrophically on a string that does not match; quantify either the group or its inside, not both (e.g. '(a+)+' → 'a+')";

describe("operator values accepted when the rule file loads", () => {
  it.each([
    ["matches with a string", condition("matches", `"^acme-[a-z0-9-]+$"`)],
    ["matches with { pattern, flags }", condition("matches", `{ pattern: "^acme", flags: im }`)],
    ["matches with { pattern } only", condition("matches", `{ pattern: "^acme" }`)],
    ["not:matches", condition("not:matches", `"^tmp-"`)],
    ["someValue:matches with a list of patterns", condition("someValue:matches", `["^dev-", "^test-"]`)],
    ["someFact:matches", condition("someFact:matches", `"^/admin"`)],
    ["hasKeys with a list", condition("hasKeys", "[team, cost-center]")],
    ["hasKeys with one key", condition("hasKeys", "team")],
    ["not:hasKeys", condition("not:hasKeys", "[team]")],
    ["between", condition("between", "[128, 10240]")],
    ["between with min = max", condition("between", "[1, 1]")],
    ["everyFact:between", condition("everyFact:between", "[1, 65535]")],
    ["equal takes any value", condition("equal", "{ anything: [1, 2] }")],
    ["in with a list", condition("in", "[api, web]")],
    ["notIn with an empty list", condition("notIn", "[]")],
    ["in with a fact reference (checked at evaluation)", condition("in", "{ fact: resource, path: $.params.names }")],
    ["swap:in with a single value: the fact is the list", condition("swap:in", "api")],
    ["someValue:equal with a list", condition("someValue:equal", "[api, web]")],
    ["everyValue:in with a list of lists", condition("everyValue:in", "[[a, b], [c]]")],
  ])("%s", (_, line) => {
    expect(problems(ruleWith(line))).toEqual([]);
  });
});

describe("operator values refused when the rule file loads, at the value", () => {
  it.each([
    [
      "invalid regular expression syntax",
      condition("matches", `"^acme-(["`),
      `rules/x.yaml:7:65: rule-file/invalid-pattern: '^acme-([' is not a valid regular expression for the matches operator: Invalid regular expression: /^acme-([/: Unterminated character class. Write JavaScript regular expression source without slashes, e.g. '^acme-[a-z0-9-]+$', and give flags as { pattern, flags }.`,
    ],
    [
      "a flag other than i, m, s, u",
      condition("matches", `{ pattern: "^acme", flags: g }`),
      `rules/x.yaml:7:92: rule-file/invalid-pattern: '^acme' is not a valid regular expression for the matches operator: the flag 'g' is not allowed or repeated; use each of i, m, s, u at most once. Write JavaScript regular expression source without slashes, e.g. '^acme-[a-z0-9-]+$', and give flags as { pattern, flags }.`,
    ],
    [
      "a pattern over 256 characters",
      condition("matches", `"${"a".repeat(257)}"`),
      `rules/x.yaml:7:65: rule-file/unsafe-pattern: The regular expression '${"a".repeat(57)}...' is refused because it is 257 characters long and patterns may have at most 256; split it over several conditions.`,
    ],
    [
      "a numbered back-reference",
      condition("matches", `'^(\\w)\\1$'`),
      `rules/x.yaml:7:65: rule-file/unsafe-pattern: The regular expression '^(\\w)\\1$' is refused because it uses the back-reference '\\1', which can make matching take exponential time; test the repeated text with a separate condition.`,
    ],
    [
      "a named back-reference",
      condition("matches", `'(?<c>x)\\k<c>'`),
      `rules/x.yaml:7:65: rule-file/unsafe-pattern: The regular expression '(?<c>x)\\k<c>' is refused because it uses the back-reference '\\k<c>', which can make matching take exponential time; test the repeated text with a separate condition.`,
    ],
    [
      "a nested quantifier (a+)+",
      condition("matches", `"^(a+)+$"`),
      `rules/x.yaml:7:65: rule-file/unsafe-pattern: The regular expression '^(a+)+$' is refused because the group '(a+)' is repeated by '+' and ${NESTED}.`,
    ],
    [
      "a quantified alternative inside a repeated group (a|b*)*",
      condition("matches", `"(a|b*)*"`),
      `rules/x.yaml:7:65: rule-file/unsafe-pattern: The regular expression '(a|b*)*' is refused because the group '(a|b*)' is repeated by '*' and ${NESTED}.`,
    ],
    [
      "words and optional spaces repeated (\\w+\\s?)*",
      condition("matches", `'^(\\w+\\s?)*$'`),
      `rules/x.yaml:7:65: rule-file/unsafe-pattern: The regular expression '^(\\w+\\s?)*$' is refused because the group '(\\w+\\s?)' is repeated by '*' and ${NESTED}.`,
    ],
    [
      "the pattern inside { pattern, flags }",
      condition("matches", `{ pattern: "(x+)*", flags: i }`),
      `rules/x.yaml:7:76: rule-file/unsafe-pattern: The regular expression '(x+)*' is refused because the group '(x+)' is repeated by '*' and ${NESTED}.`,
    ],
    [
      "one pattern of a someValue: list",
      condition("someValue:matches", `["^ok$", "(a+)+"]`),
      `rules/x.yaml:7:84: rule-file/unsafe-pattern: The regular expression '(a+)+' is refused because the group '(a+)' is repeated by '+' and ${NESTED}.`,
    ],
    [
      "matches with a number",
      condition("matches", "42"),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'matches' operator needs a regular expression: a string (without slashes), or { pattern, flags } with flags from i, m, s, u as its value; got 42.`,
    ],
    [
      "matches with an unknown key",
      condition("matches", `{ regex: "^a" }`),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'matches' operator needs a regular expression: a string (without slashes), or { pattern, flags } with flags from i, m, s, u as its value; got {"regex":"^a"}.`,
    ],
    [
      "matches with a fact reference",
      condition("matches", "{ fact: provider }"),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'matches' operator needs a regular expression: a string (without slashes), or { pattern, flags } with flags from i, m, s, u as its value; got a fact reference (these operators need a literal value).`,
    ],
    [
      "someValue:matches without a list",
      condition("someValue:matches", `"^a"`),
      `rules/x.yaml:7:75: rule-file/invalid-operator-value: The 'someValue:matches' operator needs a non-empty list, each item a regular expression: a string (without slashes), or { pattern, flags } with flags from i, m, s, u as its value; got "^a".`,
    ],
    [
      "hasKeys with a number",
      condition("hasKeys", "3"),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'hasKeys' operator needs a key or a non-empty list of keys (strings) as its value; got 3.`,
    ],
    [
      "hasKeys with a list holding a number",
      condition("not:hasKeys", "[team, 7]"),
      `rules/x.yaml:7:69: rule-file/invalid-operator-value: The 'not:hasKeys' operator needs a key or a non-empty list of keys (strings) as its value; got ["team",7].`,
    ],
    [
      "hasKeys with an empty list",
      condition("hasKeys", "[]"),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'hasKeys' operator needs a key or a non-empty list of keys (strings) as its value; got [].`,
    ],
    [
      "between with one number",
      condition("between", "128"),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'between' operator needs [min, max]: two numbers with min ≤ max as its value; got 128.`,
    ],
    [
      "between with three numbers",
      condition("between", "[1, 2, 3]"),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'between' operator needs [min, max]: two numbers with min ≤ max as its value; got [1,2,3].`,
    ],
    [
      "between with min > max",
      condition("between", "[1024, 128]"),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'between' operator needs [min, max]: two numbers with min ≤ max as its value; got [1024,128].`,
    ],
    [
      "between with a string bound",
      condition("between", `["1", 2]`),
      `rules/x.yaml:7:65: rule-file/invalid-operator-value: The 'between' operator needs [min, max]: two numbers with min ≤ max as its value; got ["1",2].`,
    ],
    [
      "in with a single value, which json-rules-engine cannot search",
      condition("in", "api"),
      `rules/x.yaml:7:60: rule-file/invalid-operator-value: The 'in' operator needs a list of values as its value; got "api".`,
    ],
    [
      "not:notIn with a number",
      condition("not:notIn", "3"),
      `rules/x.yaml:7:67: rule-file/invalid-operator-value: The 'not:notIn' operator needs a list of values as its value; got 3.`,
    ],
    [
      "someValue:equal without a list",
      condition("someValue:equal", "api"),
      `rules/x.yaml:7:73: rule-file/invalid-operator-value: The 'someValue:equal' operator needs a list of values as its value; got "api".`,
    ],
    [
      "everyValue:in with an item that is not a list",
      condition("everyValue:in", "[[a], b]"),
      `rules/x.yaml:7:77: rule-file/invalid-operator-value: The 'everyValue:in' operator needs a list of values as its value; got "b".`,
    ],
  ])("%s", (_, line, expected) => {
    expect(problems(ruleWith(line))).toEqual([expected]);
  });

  it("refuses swap: with a custom operator, at the operator", () => {
    expect(problems(ruleWith(condition("swap:matches", `"^a"`)))).toEqual([
      "rules/x.yaml:7:49: rule-file/unsupported-decorator: 'swap:matches' cannot be used: swap: would turn the fact into the operator's value, and the values of matches, hasKeys and between must be literals checked when the rule file loads. Write the condition without swap:.",
    ]);
  });

  it("points into block-style YAML and nested conditions, every problem at once", () => {
    const text = ruleWith(
      "    - any:",
      "        - fact: resource",
      "          path: $.params.tags",
      "          operator: not:hasKeys",
      "          value: team-and-owner",
      "        - not:",
      "            fact: resource",
      "            path: $.name",
      "            operator: matches",
      "            value:",
      "              pattern: (a*)*",
      "              flags: i",
      "    - { fact: resource, path: $.params.memorySize, operator: between, value: [10240, 128] }",
    );
    expect(problems(text)).toEqual([
      `rules/x.yaml:17:24: rule-file/unsafe-pattern: The regular expression '(a*)*' is refused because the group '(a*)' is repeated by '*' and ${NESTED}.`,
      "rules/x.yaml:19:78: rule-file/invalid-operator-value: The 'between' operator needs [min, max]: two numbers with min ≤ max as its value; got [10240,128].",
    ]);
  });
});

describe("the nested-quantifier scanner", () => {
  it.each([
    ["(ab)+", undefined],
    ["(a|b)+", undefined],
    ["(a+)?", undefined],
    ["(a+){0,1}", undefined],
    ["(?:x\\d)+", undefined],
    ["[(a+)]+", undefined],
    ["\\(a+\\)+", undefined],
    ["(?<year>\\d)\\.", undefined],
    ["(?=a+)b+", undefined],
    ["\\u{1F600}+", undefined],
    ["(\\u{1F600})+", undefined],
    ["a{2,}b*c+", undefined],
    ["(a+)+", "(a+) +"],
    ["(a+?)+", "(a+?) +"],
    ["(?:a*)*", "(?:a*) *"],
    ["((a+)b)*", "((a+)b) *"],
    ["(a{2})+", "(a{2}) +"],
    ["(a?)*", "(a?) *"],
    ["(a+){2}", "(a+) {2}"],
    ["(a+){1,}", "(a+) {1,}"],
    ["(?<w>[a-z]+\\s)*", "(?<w>[a-z]+\\s) *"],
  ])("%s", (pattern, refused) => {
    const flags = pattern.includes("\\u{") ? "u" : "";
    const problem = patternProblem(pattern, flags);
    const found = problem && /the group '(.*)' is repeated by '(.*?)' and/.exec(problem.detail);
    expect(found ? `${found[1]} ${found[2]}` : problem?.detail).toBe(refused);
  });
});
