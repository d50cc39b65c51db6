import path from "node:path";
import { describe, expect, it } from "vitest";
import { eventsMatch, isSubset, runCasesFile } from "../../src/engine/test-rule.js";
import { parseCasesFile } from "../../src/load/rule-cases.js";
import { loadRuleSet } from "../../src/load/rules.js";
import { formatLocation } from "../../src/util/source-range.js";
import { rule } from "../engine/helpers.js";
import { awsTypes, tempDir, writeTree } from "../helpers/plan-inputs.js";

const TAGS_RULE = rule({
  id: "acme/team-tag",
  stage: "policy",
  conditions: { all: [{ fact: "resource", path: "$.params.tags", operator: "not:hasKeys", value: ["team"] }] },
  event: { type: "warn", params: { message: "no team" } },
});

/** `file:line:col: code: message` of each diagnostic parsing `text` gives. */
function problems(text: string, rules = [TAGS_RULE]): string[] {
  return parseCasesFile("acme/team-tag.cases.yaml", text, rules).diagnostics.map((d) => `${d.range ? formatLocation(d.range) : "-"}: ${d.code}: ${d.message}`);
}

describe("the rule loader skips cases files", () => {
  it("in --rules folders", () => {
    const root = writeTree(tempDir(), {
      "rules/big.yaml": "id: acme/big\nstage: policy\ndescription: d\nrationale: r\nconditions: { all: [] }\nevent: { type: warn, params: { message: m } }\n",
      "rules/big.cases.yaml": "cases:\n  - { name: n, facts: {}, expect: [] }\n",
      "rules/nested/big.cases.yml": "cases: []\n",
    });
    const result = loadRuleSet({ provider: "aws", rulePaths: [path.join(root, "rules")], projectRoot: root });
    expect(result.diagnostics).toEqual([]);
    expect(result.ruleSet?.rules.filter((r) => !r.file.startsWith("rules/") && !r.file.startsWith("providers/")).map((r) => r.file)).toEqual([]);
    expect(result.ruleSet?.rules.filter((r) => r.id.startsWith("acme/")).map((r) => r.file)).toEqual(["rules/big.yaml"]);
  });

  it("among the built-ins, which ship a cases file beside every rule", () => {
    const result = loadRuleSet({ provider: "aws", rulePaths: [], projectRoot: "/project" });
    expect(result.diagnostics).toEqual([]);
    expect(result.ruleSet?.rules.filter((r) => r.file.includes(".cases."))).toEqual([]);
  });
});

describe("cases files", () => {
  it("pairs a cases file with the rule file beside it", () => {
    const parsed = parseCasesFile("acme/team-tag.cases.yaml", "cases:\n  - { name: n, facts: { provider: aws }, expect: [] }\n", [TAGS_RULE]);
    expect(parsed.casesFile?.rule.id).toBe("acme/team-tag");
    expect(parsed.casesFile?.cases.map((c) => [c.name, formatLocation(c.range)])).toEqual([["n", "acme/team-tag.cases.yaml:2:13"]]);
  });

  it("locates invalid YAML, schema problems, unknown facts, unknown rules and duplicate names", () => {
    expect(problems("cases:\n  - name: [unclosed\n")).toEqual([expect.stringMatching(/^acme\/team-tag\.cases\.yaml:\d+:\d+: rule-cases\/invalid-yaml: Invalid YAML in cases file: /)]);
    expect(problems("cases:\n  - name: n\n    facts: {}\n    expect: [{ type: warn }, { type: deny }]\n")).toEqual([
      "acme/team-tag.cases.yaml:4:13: rule-cases/schema: Invalid cases file: 'cases.0.expect' must NOT have more than 1 items (The events the rule fires: [] when it must not fire, else its one event.)",
    ]);
    expect(problems("cases:\n  - name: n\n    facts: { resource: {}, annotation: {} }\n    expect: [{ type: fire }]\n")).toEqual([
      "acme/team-tag.cases.yaml:4:22: rule-cases/schema: Invalid cases file: 'cases.0.expect.0.type' must be one of: \"add-resource\", \"add-edge\", \"add-routes\", \"set-type\", \"set-params\", \"warn\", \"deny\"",
    ]);
    expect(problems("cases:\n  - name: n\n    facts: { resource: {}, annotation: {} }\n    expect: []\n")).toEqual([
      "acme/team-tag.cases.yaml:3:28: rule-cases/unknown-fact: Unknown fact 'annotation' in a case of acme/team-tag, a policy rule; policy rules see: provider, resource.",
    ]);
    expect(problems("rule: acme/nothing\ncases:\n  - { name: n, facts: {}, expect: [] }\n")).toEqual([
      "acme/team-tag.cases.yaml:1:7: rule-cases/no-rule: No rule for these cases: no rule file in force has the id 'acme/nothing'.",
    ]);
    expect(problems("cases:\n  - { name: n, facts: {}, expect: [] }\n  - { name: n, facts: {}, expect: [] }\n")).toEqual([
      "acme/team-tag.cases.yaml:3:13: rule-cases/duplicate-name: Two cases are named 'n' (the first at line 2); give each case its own name.",
    ]);
  });

  it("says when the rule beside the cases was replaced by another file with the same id", () => {
    const winner = { ...TAGS_RULE, file: "org/team-tag.yaml", replaced: ["acme/team-tag.yaml"] };
    expect(problems("cases:\n  - { name: n, facts: {}, expect: [] }\n", [winner])).toEqual([
      "acme/team-tag.cases.yaml:1:1: rule-cases/no-rule: No rule for these cases: the rule in acme/team-tag.yaml is replaced by org/team-tag.yaml (same id 'acme/team-tag'); name the rule with 'rule:'.",
    ]);
  });
});

describe("evaluating cases", () => {
  it("uses klotho's custom operators, gives missing facts as null and records what each condition saw", async () => {
    const text = [
      "cases:",
      "  - name: tagged",
      "    facts: { resource: { params: { tags: { team: pugs } } } }",
      "    expect: []",
      "  - name: untagged",
      "    facts: { resource: { params: {} } }",
      "    expect: [{ type: warn, params: { message: no team } }]",
      "  - name: no resource at all",
      "    facts: {}",
      "    expect: [{ type: warn }]",
    ].join("\n");
    const casesFile = parseCasesFile("acme/team-tag.cases.yaml", text, [TAGS_RULE]).casesFile!;
    const outcome = await runCasesFile(casesFile, awsTypes());
    expect(outcome.cases.map((c) => [c.name, c.passed, c.actual])).toEqual([
      ["tagged", true, []],
      ["untagged", true, [{ type: "warn", params: { message: "no team" } }]],
      ["no resource at all", true, [{ type: "warn", params: { message: "no team" } }]],
    ]);
    expect(outcome.cases[0]?.conditions).toEqual({
      result: false,
      all: [{ fact: "resource", path: "$.params.tags", operator: "not:hasKeys", value: ["team"], factResult: { team: "pugs" }, result: false }],
    });
  });

  it("fills in fact references in event params", async () => {
    const edge = rule({
      id: "acme/edge",
      conditions: { all: [{ fact: "subject", operator: "equal", value: "use" }] },
      event: { type: "add-edge", params: { source: { fact: "use", path: "$.unit" }, target: { fact: "use", path: "$.resource" } } },
    });
    const text = "cases:\n  - name: n\n    facts: { subject: use, use: { unit: pugs, resource: persist_kv:dogs } }\n    expect: [{ type: add-edge, params: { source: pugs } }]\n";
    const outcome = await runCasesFile(parseCasesFile("acme/edge.cases.yaml", text, [edge]).casesFile!, awsTypes());
    expect(outcome.cases[0]?.actual).toEqual([{ type: "add-edge", params: { source: "pugs", target: "persist_kv:dogs" } }]);
    expect(outcome.cases[0]?.passed).toBe(true);
  });

  it("fails a case whose set-type gives the case's resource a type its kind does not have, as the compile would", async () => {
    const lambdas = rule({
      id: "acme/lambdas",
      stage: "policy",
      conditions: { all: [{ fact: "resource", path: "$.name", operator: "equal", value: "api" }] },
      event: { type: "set-type", params: { type: "lambda" } },
    });
    const text = [
      "cases:",
      "  - { name: a unit, facts: { resource: { kind: exec_unit, name: api } }, expect: [{ type: set-type, params: { type: lambda } }] }",
      "  - { name: a gateway, facts: { resource: { kind: gateway, name: api } }, expect: [{ type: set-type, params: { type: lambda } }] }",
      "  - { name: no kind given, facts: { resource: { name: api } }, expect: [{ type: set-type }] }",
    ].join("\n");
    const outcome = await runCasesFile(parseCasesFile("acme/lambdas.cases.yaml", text, [lambdas]).casesFile!, awsTypes());
    expect(outcome.cases.map((c) => [c.name, c.passed, c.diagnostics.map((d) => [d.code, d.ruleId, d.message])])).toEqual([
      ["a unit", true, []],
      ["a gateway", false, [["rule/unknown-type", "acme/lambdas", "Rule acme/lambdas (acme/lambdas.yaml) sets type 'lambda' on a gateway, which is not one of its types: apigateway."]]],
      ["no kind given", true, []],
    ]);
  });

  it("matches expected params as a subset", () => {
    expect(isSubset({ params: { memorySize: 1024 } }, { params: { memorySize: 1024, timeout: 180 } })).toBe(true);
    expect(isSubset({ params: { memorySize: 1024 } }, { params: { memorySize: 512 } })).toBe(false);
    expect(isSubset({ ttl: null }, {})).toBe(true);
    expect(isSubset({ ttl: null }, { ttl: 60 })).toBe(false);
    expect(isSubset([{ method: "GET" }], [{ method: "GET", path: "/" }])).toBe(true);
    expect(isSubset([{ method: "GET" }], [{ method: "GET" }, { method: "POST" }])).toBe(false);
    expect(isSubset({ a: {} }, { a: [] })).toBe(false);
    expect(eventsMatch([], [])).toBe(true);
    expect(eventsMatch([{ type: "warn" }], [{ type: "deny", params: {} }])).toBe(false);
    expect(eventsMatch([], [{ type: "warn", params: {} }])).toBe(false);
  });
});
