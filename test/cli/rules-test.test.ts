import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/load/rules.js";
import { tempDir, writeTree } from "../helpers/plan-inputs.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

const LAMBDA_RULE = `id: acme/big-lambdas
stage: policy
description: Lambdas get more memory.
rationale: Our functions are memory bound.
conditions:
  all:
    - { fact: resource, path: $.type, operator: equal, value: lambda }
    - { fact: resource, path: $.params.memorySize, operator: lessThan, value: 1024 }
event:
  type: set-params
  params: { params: { memorySize: 1024 } }
`;

/** Cases for LAMBDA_RULE; the second one is wrong on purpose when `broken`. */
function lambdaCases(broken = false): string {
  return `cases:
  - name: a small lambda gets 1024 MB
    facts:
      resource: { id: "exec_unit:pugs", kind: exec_unit, name: pugs, type: lambda, params: { memorySize: 512 }, directives: {} }
      provider: aws
    expect:
      - { type: set-params, params: { params: { memorySize: 1024 } } }
  - name: a big lambda keeps its memory
    facts:
      resource: { id: "exec_unit:pugs", kind: exec_unit, name: pugs, type: lambda, params: { memorySize: 2048 }, directives: {} }
      provider: aws
    expect: ${broken ? "[{ type: set-params, params: { params: { memorySize: 4096 } } }]" : "[]"}
`;
}

/** A policy rule setting `type` on the resources whose `path` equals `value`. */
function setTypeRule(id: string, path: string, value: string, type: string): string {
  return `id: ${id}
stage: policy
description: Resources run on ${type}.
rationale: Our platform team says so.
conditions:
  all:
    - { fact: resource, path: ${path}, operator: equal, value: ${value} }
event:
  type: set-type
  params: { type: ${type} }
`;
}

/** The cases QA wrote for the Fargate rule: they would pass, were fargate a type. */
const FARGATE_CASES = `cases:
  - name: a Lambda unit moves to Fargate
    facts:
      resource: { id: "exec_unit:main", kind: exec_unit, name: main, type: lambda, params: {}, directives: {} }
      provider: aws
    expect:
      - { type: set-type, params: { type: fargate } }
`;

/** Cases for the rule giving whatever is named api the type apigateway: right for a gateway, not for a unit. */
const API_CASES = `cases:
  - name: the gateway named api
    facts:
      resource: { id: "gateway:api", kind: gateway, name: api, type: apigateway, params: {}, directives: {} }
      provider: aws
    expect:
      - { type: set-type, params: { type: apigateway } }
  - name: a unit named api
    facts:
      resource: { id: "exec_unit:api", kind: exec_unit, name: api, type: lambda, params: {}, directives: {} }
      provider: aws
    expect:
      - { type: set-type, params: { type: apigateway } }
`;

function rulesTest(args: readonly string[], cwd: string) {
  return runCli(["rules", "test", ...args], { cwd });
}

describe("klotho rules test", () => {
  it("runs the cases of every built-in rule, and all pass", async () => {
    const builtIns = loadRuleSet({ provider: "aws", rulePaths: [], projectRoot: repo }).ruleSet?.rules ?? [];
    const run = await rulesTest([], tempDir());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = outputLines(run.stdout);
    expect(lines.filter((line) => line.startsWith("PASS "))).toHaveLength(builtIns.length);
    expect(lines).toContain("PASS rules/capability/persist-kv.cases.yaml (4 cases)");
    expect(lines).toContain("PASS providers/aws/kv-dynamodb.cases.yaml (3 cases)");
    expect(lines.filter((line) => !line.startsWith("PASS "))).toEqual([expect.stringMatching(new RegExp(`^${builtIns.length} files, (\\d+) cases: \\1 passed, 0 failed$`))]);
  });

  it("a failing case exits 1 with the expected and actual events and what each condition saw", async () => {
    const root = writeTree(tempDir(), { "policies/big-lambdas.yaml": LAMBDA_RULE, "policies/big-lambdas.cases.yaml": lambdaCases(true) });
    const run = await rulesTest(["policies"], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(outputLines(run.stdout)).toEqual([
      "FAIL policies/big-lambdas.cases.yaml (2 cases, 1 failed)",
      "  ✗ a big lambda keeps its memory (policies/big-lambdas.cases.yaml:8:11)",
      '    expected: set-params {"params":{"memorySize":4096}}',
      "    actual:   no event",
      "    conditions of acme/big-lambdas (policies/big-lambdas.yaml):",
      '      ✓ resource.type equal "lambda" (saw "lambda")',
      "      ✗ resource.params.memorySize lessThan 1024 (saw 2048)",
      "1 file, 2 cases: 1 passed, 1 failed",
    ]);
  });

  it("a broken cases file exits 2 with file:line:col, and the other files still run", async () => {
    const root = writeTree(tempDir(), {
      "policies/big-lambdas.yaml": LAMBDA_RULE,
      "policies/big-lambdas.cases.yaml": lambdaCases().replace("provider: aws", "provider: aws\n      subject: unit"),
      "policies/other.cases.yaml": "cases:\n  - name: no rule beside me\n    facts: {}\n    expect: []\n",
      "policies/typo.cases.yaml": "rule: acme/big-lambdas\ncases:\n  - name: a typo\n    fact: {}\n    expect: []\n",
      "policies/good.cases.yaml": `rule: acme/big-lambdas\n${lambdaCases()}`,
    });
    const run = await rulesTest(["policies"], root);
    expect(run.code).toBe(2);
    const errors = outputLines(run.stderr).filter((line) => !line.startsWith("  "));
    expect(errors).toEqual([
      "policies/big-lambdas.cases.yaml:6:7: error: Unknown fact 'subject' in a case of acme/big-lambdas, a policy rule; policy rules see: provider, resource. [rule-cases/unknown-fact]",
      "policies/other.cases.yaml:1:1: error: No rule for these cases: there is no rule file policies/other.yaml beside this file; put the cases beside their rule file, or name the rule with 'rule:'. [rule-cases/no-rule]",
      "policies/typo.cases.yaml:3:5: error: Invalid cases file: 'cases.0' is missing the required property 'facts' [rule-cases/schema]",
      "policies/typo.cases.yaml:4:5: error: Invalid cases file: unknown property 'fact' in 'cases.0'; expected one of: expect, facts, name [rule-cases/schema]",
    ]);
    expect(outputLines(run.stdout)).toEqual([
      "PASS policies/good.cases.yaml (2 cases)",
      "1 file, 2 cases: 2 passed, 0 failed; 4 problems in rule or cases files",
    ]);
  });

  it("a broken rule file exits 2 and runs nothing", async () => {
    const root = writeTree(tempDir(), { "policies/big-lambdas.yaml": LAMBDA_RULE.replace("stage: policy", "stage: polcy"), "policies/big-lambdas.cases.yaml": lambdaCases() });
    const run = await rulesTest(["policies"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("policies/big-lambdas.yaml:2:8: error: Invalid rule file: 'stage' must be one of");
    expect(outputLines(run.stdout)).toEqual(["0 files, 0 cases: 0 passed, 0 failed; 1 problem in rule or cases files"]);
  });

  it("a set-type to a type no kind of the provider has is refused when the rule file loads, and no case runs", async () => {
    const root = writeTree(tempDir(), { "policies/fargate.yaml": setTypeRule("acme/fargate", "$.kind", "exec_unit", "fargate"), "policies/fargate.cases.yaml": FARGATE_CASES });
    const run = await rulesTest(["policies"], root);
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      "policies/fargate.yaml:10:19: error: Unknown type 'fargate' in set-type: aws has no such type for any kind of resource, so every compile where this rule fires would fail. aws's types (and their kinds): apigateway (gateway), dynamodb (persist_kv), ecs (exec_unit), eks (exec_unit), elasticache (persist_redis_node), lambda (exec_unit), memorydb (persist_redis_cluster), rds_postgres (persist_orm), s3 (persist_fs, static_unit), secrets_manager (persist_secret), sns (pubsub). [rule-file/unknown-type]",
      "  | in policies/fargate.yaml",
      "  | 10|   params: { type: fargate }",
      "  |   |                   ^^^^^^^",
    ]);
    expect(outputLines(run.stdout)).toEqual(["0 files, 0 cases: 0 passed, 0 failed; 1 problem in rule or cases files"]);
  });

  it("a compile refuses that rule file too, with the same message, even where the rule would not fire", async () => {
    const project = tempProject({
      "package.json": '{ "name": "shop", "main": "index.js" }',
      "index.js": "console.log('no static files here');\n",
      // The app has no static unit, so the rule never fires: only the check at loading can catch it.
      "org/fargate.yaml": setTypeRule("acme/fargate", "$.kind", "static_unit", "fargate"),
    });
    const run = await runCli([".", "--app", "shop", "--provider", "aws", "--rules", "org"], { cwd: project.dir });
    // Like every broken rule file, it stops the compile before it starts (exit 2) and nothing is written.
    expect(run.code).toBe(2);
    expect(existsSync(project.path("compiled"))).toBe(false);
    expect(outputLines(run.stderr)[0]).toBe(
      "org/fargate.yaml:10:19: error: Unknown type 'fargate' in set-type: aws has no such type for any kind of resource, so every compile where this rule fires would fail. aws's types (and their kinds): apigateway (gateway), dynamodb (persist_kv), ecs (exec_unit), eks (exec_unit), elasticache (persist_redis_node), lambda (exec_unit), memorydb (persist_redis_cluster), rds_postgres (persist_orm), s3 (persist_fs, static_unit), secrets_manager (persist_secret), sns (pubsub). [rule-file/unknown-type]",
    );
  });

  it("a case whose set-type gives the resource a type of another kind fails with the message the compile gives", async () => {
    const root = writeTree(tempDir(), { "policies/api.yaml": setTypeRule("acme/api", "$.name", "api", "apigateway"), "policies/api.cases.yaml": API_CASES });
    const run = await rulesTest(["policies"], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    expect(outputLines(run.stdout)).toEqual([
      "FAIL policies/api.cases.yaml (2 cases, 1 failed)",
      "  ✗ a unit named api (policies/api.cases.yaml:8:11)",
      '    expected: set-type {"type":"apigateway"}',
      '    actual:   set-type {"type":"apigateway"}',
      "    policies/api.yaml:10:19: error: Rule acme/api (policies/api.yaml) sets type 'apigateway' on an exec_unit, which is not one of its types: ecs, eks, lambda. [rule/unknown-type: acme/api]",
      "      | in policies/api.yaml",
      "      | 10|   params: { type: apigateway }",
      "      |   |                   ^^^^^^^^^^",
      "    conditions of acme/api (policies/api.yaml):",
      '      ✓ resource.name equal "api" (saw "api")',
      "1 file, 2 cases: 1 passed, 1 failed",
    ]);
    const json = await rulesTest(["policies", "--json"], root);
    const document = JSON.parse(json.stdout) as { files: { cases: { passed: boolean; diagnostics?: { code: string; message: string; line?: number }[] }[] }[] };
    expect(document.files[0]?.cases.map((c) => [c.passed, c.diagnostics?.map((d) => [d.code, d.line, d.message])])).toEqual([
      [true, undefined],
      [false, [["rule/unknown-type", 10, "Rule acme/api (policies/api.yaml) sets type 'apigateway' on an exec_unit, which is not one of its types: ecs, eks, lambda."]]],
    ]);
  });

  it("names the rule files no cases file tests", async () => {
    const root = writeTree(tempDir(), { "policies/big-lambdas.yaml": LAMBDA_RULE, "policies/bigger-lambdas.yaml": LAMBDA_RULE.replace("big-lambdas", "bigger-lambdas") });
    const run = await rulesTest(["policies"], root);
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)).toEqual([
      "no cases for policies/big-lambdas.yaml",
      "no cases for policies/bigger-lambdas.yaml",
      "0 files, 0 cases: 0 passed, 0 failed",
    ]);
  });

  it("a rule file given by name brings its cases file, and a cases file its rule file", async () => {
    const root = writeTree(tempDir(), { "policies/big-lambdas.yaml": LAMBDA_RULE, "policies/big-lambdas.cases.yaml": lambdaCases() });
    for (const given of ["policies/big-lambdas.yaml", "policies/big-lambdas.cases.yaml"]) {
      const run = await rulesTest([given], root);
      expect([run.code, ...outputLines(run.stdout)]).toEqual([0, "PASS policies/big-lambdas.cases.yaml (2 cases)", "1 file, 2 cases: 2 passed, 0 failed"]);
    }
  });

  it("an organisation file can replace a built-in rule and be tested", async () => {
    const rule = LAMBDA_RULE.replace("acme/big-lambdas", "aws/kv-dynamodb").replace("stage: policy", "stage: provider");
    const root = writeTree(tempDir(), { "org/kv.yaml": rule, "org/kv.cases.yaml": lambdaCases() });
    const run = await rulesTest(["org"], root);
    expect([run.code, ...outputLines(run.stdout)]).toEqual([0, "PASS org/kv.cases.yaml (2 cases)", "1 file, 2 cases: 2 passed, 0 failed"]);
  });

  it("--json prints one document with the same content", async () => {
    const root = writeTree(tempDir(), { "policies/big-lambdas.yaml": LAMBDA_RULE, "policies/big-lambdas.cases.yaml": lambdaCases(true) });
    const run = await rulesTest(["policies", "--json"], root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const document = JSON.parse(run.stdout) as unknown;
    expect(document).toEqual({
      ok: false,
      summary: { files: 1, cases: 2, passed: 1, failed: 1 },
      files: [
        {
          file: "policies/big-lambdas.cases.yaml",
          rule: "acme/big-lambdas",
          ruleFile: "policies/big-lambdas.yaml",
          passed: false,
          cases: [
            {
              name: "a small lambda gets 1024 MB",
              line: 2,
              passed: true,
              expected: [{ type: "set-params", params: { params: { memorySize: 1024 } } }],
              actual: [{ type: "set-params", params: { params: { memorySize: 1024 } } }],
            },
            {
              name: "a big lambda keeps its memory",
              line: 8,
              passed: false,
              expected: [{ type: "set-params", params: { params: { memorySize: 4096 } } }],
              actual: [],
              conditions: {
                result: false,
                all: [
                  { fact: "resource", path: "$.type", operator: "equal", value: "lambda", factResult: "lambda", result: true },
                  { fact: "resource", path: "$.params.memorySize", operator: "lessThan", value: 1024, factResult: 2048, result: false },
                ],
              },
            },
          ],
        },
      ],
      uncovered: [],
      diagnostics: [],
    });
  });

  it("the example policy pack passes", async () => {
    const run = await rulesTest(["examples/policies"], repo);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)).toEqual([
      "PASS examples/policies/defaults/http-api.cases.yaml (4 cases)",
      "PASS examples/policies/defaults/lambda-memory-floor.cases.yaml (4 cases)",
      "PASS examples/policies/defaults/required-tags.cases.yaml (5 cases)",
      "PASS examples/policies/guardrails/no-redis.cases.yaml (3 cases)",
      "4 files, 16 cases: 16 passed, 0 failed",
    ]);
  });

  it("refuses a path that does not exist and a provider without rules", async () => {
    const missing = await rulesTest(["nowhere"], tempDir());
    expect([missing.code, missing.stderr]).toEqual([2, "error: Path 'nowhere' does not exist; give rule or cases files or folders holding them. [rule-cases/not-found]\n"]);
    const provider = await rulesTest(["--provider", "azure"], tempDir());
    expect([provider.code, provider.stderr]).toEqual([2, "error: Unknown provider 'azure'. Supported providers: aws. [cli/unknown-provider]\n"]);
  });
});
