import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/load/rules.js";
import { formatLocation } from "../../src/util/source-range.js";
import { awsTypes, tempDir, writeTree } from "../helpers/plan-inputs.js";

/** A valid user rule; `patch` replaces lines by their first word. */
function ruleText(overrides: Readonly<Record<string, string>> = {}): string {
  const lines: Record<string, string> = {
    id: "id: acme/big-lambdas",
    stage: "stage: policy",
    description: "description: Lambdas get more memory.",
    rationale: "rationale: Our functions are memory bound.",
    conditions: [
      "conditions:",
      "  all:",
      "    - { fact: resource, path: $.type, operator: equal, value: lambda }",
    ].join("\n"),
    event: ["event:", "  type: set-params", "  params: { params: { memorySize: 1024 } }"].join("\n"),
  };
  return `${Object.values({ ...lines, ...overrides }).filter((line) => line !== "").join("\n")}\n`;
}

function loadUser(files: Readonly<Record<string, string>>, rulePaths: readonly string[] = ["rules"]) {
  const root = writeTree(tempDir(), files);
  return loadRuleSet({ provider: "aws", rulePaths: rulePaths.map((p) => path.join(root, p)), projectRoot: root });
}

/** `file:line:col: code: message` of each diagnostic. */
function problems(files: Readonly<Record<string, string>>): string[] {
  const result = loadUser(files);
  expect(result.ruleSet).toBeUndefined();
  return result.diagnostics.map((d) => `${d.range ? formatLocation(d.range) : "-"}: ${d.code}: ${d.message}`);
}

describe("built-in rules", () => {
  it("loads rules/ then providers/aws/ (not types.yaml), each with the id its path implies", () => {
    const result = loadRuleSet({ provider: "aws", rulePaths: [], projectRoot: "/project" });
    expect(result.diagnostics).toEqual([]);
    const rules = result.ruleSet?.rules ?? [];
    expect(rules.map((r) => `${r.id} ${r.file}`)).toEqual([
      "capability/exec-unit rules/capability/exec-unit.yaml",
      "capability/expose-catchall rules/capability/expose-catchall.yaml",
      "capability/expose-gateway rules/capability/expose-gateway.yaml",
      "capability/expose-routes rules/capability/expose-routes.yaml",
      "capability/no-resource-warning rules/capability/no-resource-warning.yaml",
      "capability/persist-environment rules/capability/persist-environment.yaml",
      "capability/persist-fs-callbacks rules/capability/persist-fs-callbacks.yaml",
      "capability/persist-fs rules/capability/persist-fs.yaml",
      "capability/persist-kv-options rules/capability/persist-kv-options.yaml",
      "capability/persist-kv rules/capability/persist-kv.yaml",
      "capability/persist-orm rules/capability/persist-orm.yaml",
      "capability/persist-redis-cluster rules/capability/persist-redis-cluster.yaml",
      "capability/persist-redis-node rules/capability/persist-redis-node.yaml",
      "capability/persist-secret rules/capability/persist-secret.yaml",
      "capability/pubsub-not-exported rules/capability/pubsub-not-exported.yaml",
      "capability/pubsub-publish-edge rules/capability/pubsub-publish-edge.yaml",
      "capability/pubsub-subscribe-edge rules/capability/pubsub-subscribe-edge.yaml",
      "capability/pubsub rules/capability/pubsub.yaml",
      "capability/static-unit-index-document rules/capability/static-unit-index-document.yaml",
      "capability/static-unit-spa-fallback rules/capability/static-unit-spa-fallback.yaml",
      "capability/static-unit rules/capability/static-unit.yaml",
      "capability/use-edge rules/capability/use-edge.yaml",
      "aws/exec-unit-lambda providers/aws/exec-unit-lambda.yaml",
      "aws/fs-s3 providers/aws/fs-s3.yaml",
      "aws/gateway-apigateway providers/aws/gateway-apigateway.yaml",
      "aws/gateway-http-api providers/aws/gateway-http-api.yaml",
      "aws/kv-dynamodb providers/aws/kv-dynamodb.yaml",
      "aws/orm-rds-postgres providers/aws/orm-rds-postgres.yaml",
      "aws/pubsub-sns providers/aws/pubsub-sns.yaml",
      "aws/redis-cluster-memorydb providers/aws/redis-cluster-memorydb.yaml",
      "aws/redis-node-elasticache providers/aws/redis-node-elasticache.yaml",
      "aws/secret-secrets-manager providers/aws/secret-secrets-manager.yaml",
      "aws/static-unit-s3 providers/aws/static-unit-s3.yaml",
    ]);
    for (const rule of rules) {
      expect(rule.description.length, rule.id).toBeGreaterThan(10);
      expect(rule.rationale.length, rule.id).toBeGreaterThan(20);
      expect(rule.replaced).toEqual([]);
    }
  });

  it("loads nothing for a provider without a folder", () => {
    const result = loadRuleSet({ provider: "gcp", rulePaths: [], projectRoot: "/project" });
    expect(result.ruleSet?.rules.every((r) => r.id.startsWith("capability/"))).toBe(true);
  });
});

describe("user rule files", () => {
  it("loads folders recursively in sorted order, after the built-ins, displayed relative to the project", () => {
    const result = loadUser({
      "rules/b.yaml": ruleText({ id: "id: acme/b" }),
      "rules/a/z.yml": ruleText({ id: "id: acme/z" }),
      "rules/a.yaml": ruleText({ id: "id: acme/a" }),
      "rules/notes.txt": "not a rule",
    });
    expect(result.diagnostics).toEqual([]);
    const user = (result.ruleSet?.rules ?? []).filter((r) => r.id.startsWith("acme/"));
    expect(user.map((r) => `${r.id} ${r.file} ${r.priority}`)).toEqual(["acme/a rules/a.yaml 0", "acme/z rules/a/z.yml 0", "acme/b rules/b.yaml 0"]);
  });

  it("lets a later file with the same id replace the earlier one and records which", () => {
    const replacement = ruleText({
      id: "id: aws/kv-dynamodb",
      stage: "stage: provider",
      conditions: "conditions:\n  all:\n    - { fact: resource, path: $.kind, operator: equal, value: persist_kv }",
      event: "event:\n  type: set-type\n  params: { type: elasticache }",
    });
    const result = loadUser({ "org/kv.yaml": replacement, "more/kv.yaml": replacement }, ["org", "more"]);
    const matching = (result.ruleSet?.rules ?? []).filter((r) => r.id === "aws/kv-dynamodb");
    expect(matching.map((r) => [r.file, r.replaced])).toEqual([["more/kv.yaml", ["providers/aws/kv-dynamodb.yaml", "org/kv.yaml"]]]);
  });

  it("accepts a single file path and keeps the priority", () => {
    const result = loadUser({ "policy.yaml": ruleText({ rationale: "rationale: Because.\npriority: -5" }) }, ["policy.yaml"]);
    expect(result.ruleSet?.rules.find((r) => r.id === "acme/big-lambdas")?.priority).toBe(-5);
  });

  it("reports a rule path that does not exist", () => {
    const result = loadUser({}, ["missing"]);
    expect(result.ruleSet).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["rule-file/not-found", "Rule path 'missing' does not exist."]]);
  });

  it("refuses a cases file given by name instead of reading it as rules, and skips those in a folder", () => {
    const cases = "cases:\n  - name: fires\n    facts: { provider: aws }\n    expect: []\n";
    const named = loadUser({ "org/policy.yaml": ruleText({}), "org/policy.cases.yaml": cases }, ["org/policy.cases.yaml"]);
    expect(named.ruleSet).toBeUndefined();
    expect(named.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["rule-file/cases-file", "'org/policy.cases.yaml' is a cases file (test cases for the rule file beside it), not a rule file, so it is not loaded as rules: give the rule file or its folder, and run the cases with klotho rules test."],
    ]);
    const folder = loadUser({ "org/policy.yaml": ruleText({}), "org/policy.cases.yaml": cases }, ["org"]);
    expect(folder.diagnostics).toEqual([]);
    expect(folder.ruleSet?.rules.filter((r) => r.file.startsWith("org/")).map((r) => r.file)).toEqual(["org/policy.yaml"]);
  });
});

describe("broken rule files", () => {
  it("bad YAML", () => {
    expect(problems({ "rules/x.yaml": ruleText({ stage: "stage: [policy" }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:3:1: rule-file/invalid-yaml: Invalid YAML in rule file: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ]
    `);
  });

  it("unknown operator", () => {
    const conditions = "conditions:\n  all:\n    - { fact: resource, path: $.type, operator: equals, value: lambda }";
    expect(problems({ "rules/x.yaml": ruleText({ conditions }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:7:49: rule-file/unknown-operator: Unknown operator 'equals'; operators: between, contains, doesNotContain, equal, greaterThan, greaterThanInclusive, hasKeys, in, lessThan, lessThanInclusive, matches, notEqual, notIn (optionally decorated, e.g. not:equal, someFact:equal).",
      ]
    `);
  });

  it("unknown decorator", () => {
    const conditions = "conditions:\n  any:\n    - not:\n        { fact: resource, path: $.type, operator: never:equal, value: lambda }";
    expect(problems({ "rules/x.yaml": ruleText({ conditions }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:8:51: rule-file/unknown-operator: Unknown operator 'never:equal'; operators: between, contains, doesNotContain, equal, greaterThan, greaterThanInclusive, hasKeys, in, lessThan, lessThanInclusive, matches, notEqual, notIn (optionally decorated, e.g. not:equal, someFact:equal).",
      ]
    `);
  });

  it("unknown fact, in a condition, a value reference and an event parameter", () => {
    const conditions = [
      "conditions:",
      "  all:",
      "    - { fact: annotation, path: $.capability, operator: equal, value: expose }",
      "    - { fact: resource, operator: equal, value: { fact: units } }",
    ].join("\n");
    const event = "event:\n  type: warn\n  params:\n    message: { fact: subject }";
    expect(problems({ "rules/x.yaml": ruleText({ conditions, event }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:7:15: rule-file/unknown-fact: Unknown fact 'annotation' in a policy rule; policy rules can use: provider, resource.",
        "rules/x.yaml:8:57: rule-file/unknown-fact: Unknown fact 'units' in a policy rule; policy rules can use: provider, resource.",
        "rules/x.yaml:12:22: rule-file/unknown-fact: Unknown fact 'subject' in a policy rule; policy rules can use: provider, resource.",
      ]
    `);
  });

  it("unknown event type", () => {
    const event = "event:\n  type: add-resources\n  params: { kind: queue }";
    expect(problems({ "rules/x.yaml": ruleText({ event }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:9:9: rule-file/schema: Invalid rule file: 'event.type' must be one of: "add-resource", "add-edge", "add-routes", "set-type", "set-params", "warn", "deny"",
      ]
    `);
  });

  it("wrong event parameters", () => {
    const event = "event:\n  type: set-type\n  params: { kind: lambda }";
    expect(problems({ "rules/x.yaml": ruleText({ event }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:10:11: rule-file/schema: Invalid rule file: 'event.params' is missing the required property 'type'",
        "rules/x.yaml:10:13: rule-file/schema: Invalid rule file: unknown property 'kind' in 'event.params'; expected one of: type",
      ]
    `);
  });

  it("a set-type to a type no kind of the provider has, given the provider's type table", () => {
    const setType = (type: string) => ({ "rules/x.yaml": ruleText({ event: `event:\n  type: set-type\n  params: { type: ${type} }` }) });
    const load = (files: Readonly<Record<string, string>>) => {
      const root = writeTree(tempDir(), files);
      return loadRuleSet({ provider: "aws", rulePaths: [path.join(root, "rules")], projectRoot: root, typeTable: awsTypes() });
    };
    const refused = load(setType("fargate"));
    expect(refused.ruleSet).toBeUndefined();
    expect(refused.diagnostics.map((d) => `${d.range ? formatLocation(d.range) : "-"}: ${d.code}: ${d.message}`)).toEqual([
      "rules/x.yaml:10:19: rule-file/unknown-type: Unknown type 'fargate' in set-type: aws has no such type for any kind of resource, so every compile where this rule fires would fail. aws's types (and their kinds): apigateway (gateway), dynamodb (persist_kv), ecs (exec_unit), eks (exec_unit), elasticache (persist_redis_node), lambda (exec_unit), memorydb (persist_redis_cluster), rds_postgres (persist_orm), s3 (persist_fs, static_unit), secrets_manager (persist_secret), sns (pubsub).",
    ]);
    // A type of some kind loads: which kind the rule's resources have is known only when it fires.
    expect(load(setType("ecs")).diagnostics).toEqual([]);
    expect(load(setType("{ fact: resource, path: $.directives.type }")).diagnostics).toEqual([]);
  });

  it("a mistake deep in one kind of condition is reported alone, not with every other kind's complaint", () => {
    const conditions = ["conditions:", "  all:", "    - fact: resource", "      path: type", "      operator: equal", "      value: lambda"].join("\n");
    expect(problems({ "rules/x.yaml": ruleText({ conditions }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:8:13: rule-file/schema: Invalid rule file: 'conditions.all.0.path' must match ^\\$ (JSONPath into the fact value, e.g. $.kind or $.annotation.capability.)",
      ]
    `);
  });

  it("add-resource outside the capability stage", () => {
    const event = "event:\n  type: add-resource\n  params: { kind: queue }";
    expect(problems({ "rules/x.yaml": ruleText({ event }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:9:9: rule-file/event-not-allowed: A policy rule cannot use the 'add-resource' event; only capability rules add resources.",
      ]
    `);
  });

  it("missing rationale", () => {
    expect(problems({ "rules/x.yaml": ruleText({ rationale: "" }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:1:1: rule-file/schema: Invalid rule file: the document is missing the required property 'rationale'",
      ]
    `);
  });

  it("user id without an owner prefix", () => {
    expect(problems({ "rules/x.yaml": ruleText({ id: "id: big-lambdas" }) })).toMatchInlineSnapshot(`
      [
        "rules/x.yaml:1:5: rule-file/unprefixed-id: Rule id 'big-lambdas' needs a prefix naming its owner, e.g. 'acme/big-lambdas'.",
      ]
    `);
  });

  it("built-in id not matching its path", () => {
    const home = writeTree(tempDir(), { "rules/capability/expose.yaml": ruleText({ id: "id: capability/exposed", stage: "stage: capability" }) });
    const result = loadRuleSet({ provider: "aws", rulePaths: [], projectRoot: "/project", home });
    expect(result.ruleSet).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.range ? formatLocation(d.range) : "-"}: ${d.message}`)).toMatchInlineSnapshot(`
      [
        "rules/capability/expose.yaml:1:5: Rule id 'capability/exposed' must be 'capability/expose', the id derived from the file's path.",
        "rules/capability/expose.yaml:7:15: Unknown fact 'resource' in a capability rule; capability rules can use: annotation, bound, produced, provider, routes, subject, unit, use.",
      ]
    `);
  });

  it("reports every broken file at once and gives no rule set", () => {
    const result = loadUser({ "rules/a.yaml": "id: [", "rules/b.yaml": ruleText({ rationale: "" }), "rules/c.yaml": ruleText() });
    expect(result.ruleSet).toBeUndefined();
    expect(result.diagnostics.map((d) => d.range?.file)).toEqual(["rules/a.yaml", "rules/b.yaml"]);
    expect(result.sources.get("rules/c.yaml")).toBe(ruleText());
  });
});
