import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExplainDocument } from "../../src/generated/explain.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { createTempFolder, type TempFolder } from "../helpers/temp-project.js";

const app = `const express = require("express");
const app = express();
app.get("/items", (req, res) => res.json([]));

// @klotho::expose { id = "api", target = "public" }
const port = 3000;

/* @klotho::persist { id = "items" } */
const items = new Map();

function start() {
  // @klotho::execution_unit { id = "deep" }
  items.set("a", 1);
  app.listen(port);
}
module.exports = { start };
`;

const rule = (id: string, body: string): string => `id: ${id}\nstage: policy\ndescription: ${id} description.\nrationale: ${id} rationale.\n${body}`;

let project: TempFolder;
const base = ["--app", "shop", "--provider", "aws"];

beforeAll(() => {
  project = createTempFolder({
    "package.json": JSON.stringify({ name: "shop", main: "index.js" }),
    "index.js": app,
    "klotho.yaml": "persisted:\n  items:\n    pulumi_params:\n      billingMode: PROVISIONED\n",
    "org/memory.yaml": rule(
      "acme/lambda-memory",
      "conditions:\n  all:\n    - { fact: resource, path: $.type, operator: equal, value: lambda }\n    - { fact: resource, path: $.params.memorySize, operator: lessThan, value: 1024 }\nevent:\n  type: set-params\n  params: { params: { memorySize: 1024 } }\n",
    ),
    "org/tags.yaml": rule(
      "acme/tags",
      "conditions:\n  all:\n    - { fact: resource, path: $.kind, operator: equal, value: persist_kv }\n    - { fact: resource, path: $.params.tags, operator: not:hasKeys, value: [team] }\nevent:\n  type: warn\n  params: { message: Tag every table with its team. }\n",
    ),
    "org/ecs.yaml":
      "id: aws/exec-unit-lambda\nstage: provider\ndescription: Units run on ECS here.\nrationale: We run containers.\npriority: 10\nconditions:\n  all:\n    - { fact: resource, path: $.kind, operator: equal, value: exec_unit }\nevent:\n  type: set-type\n  params: { type: ecs }\n",
    "policy-type/ecs.yaml": rule(
      "acme/containers",
      "conditions:\n  all:\n    - { fact: resource, path: $.kind, operator: equal, value: exec_unit }\nevent:\n  type: set-type\n  params: { type: ecs }\n",
    ),
    "deny/no-kv.yaml": rule(
      "acme/no-kv",
      "conditions:\n  all:\n    - { fact: resource, path: $.kind, operator: equal, value: persist_kv }\nevent:\n  type: deny\n  params: { message: Use the shared database. }\n",
    ),
    "deny-setting/provisioned.yaml": rule(
      "acme/on-demand",
      "conditions:\n  all:\n    - { fact: resource, path: $.kind, operator: equal, value: persist_kv }\n    - { fact: resource, path: $.params.billingMode, operator: equal, value: PROVISIONED }\nevent:\n  type: deny\n  params: { message: Tables are billed on demand. }\n",
    ),
  });
});
afterAll(() => {
  project.remove();
});

async function explainJson(args: readonly string[]): Promise<{ code: number; document: ExplainDocument }> {
  const run = await runCli(["explain", ...args, project.dir, ...base, "--json"], { cwd: project.dir });
  const document: unknown = JSON.parse(run.stdout);
  expect(schemaValidator("explain")(document)).toEqual([]);
  return { code: run.code, document: document as ExplainDocument };
}

describe("klotho explain with organisation rules and klotho.yaml", () => {
  it("shows the replacing rule file, policy set-params, policy warnings and klotho.yaml settings in order", async () => {
    const run = await runCli(["explain", "exec_unit:main", project.dir, ...base, "--rules", "org"], { cwd: project.dir });
    expect(run.code).toBe(0);
    const lines = outputLines(run.stdout);
    expect(lines.filter((line) => /^ {4}\d\./.test(line))).toEqual([
      "    1. [capability] capability/exec-unit: add-resource {\"kind\":\"exec_unit\"}  rules/capability/exec-unit.yaml",
      "    2. [capability] capability/use-edge: add-edge exec_unit:main → persist_kv:items  rules/capability/use-edge.yaml",
      "    3. [provider] aws/exec-unit-lambda: set-type ecs  org/ecs.yaml (replaces providers/aws/exec-unit-lambda.yaml)",
      "    4. [provider] aws/types: set-params {\"cpu\":256,\"memory\":512}  providers/aws/types.yaml",
    ]);
    const { document } = await explainJson(["persist_kv:items", "--rules", "org"]);
    const items = document.resources[0];
    expect(items?.decisions.map((d) => [d.stage, d.rule, d.file, d.setting])).toEqual([
      ["capability", "capability/persist-kv", "rules/capability/persist-kv.yaml", undefined],
      ["provider", "aws/kv-dynamodb", "providers/aws/kv-dynamodb.yaml", undefined],
      ["config", "persisted.items.pulumi_params", "klotho.yaml", { file: "klotho.yaml", line: 4, column: 7 }],
      ["policy", "acme/tags", "org/tags.yaml", undefined],
    ]);
    expect(items?.diagnostics.map((d) => [d.severity, d.ruleId, d.message, d.line])).toEqual([["warning", "acme/tags", "Tag every table with its team.", 8]]);
  });

  it("-v says which file won for a replaced built-in rule", async () => {
    const run = await runCli([project.dir, ...base, "--rules", "org", "-v", "-o", project.path("out")], { cwd: project.dir });
    expect(run.stdout).toContain("Using rule aws/exec-unit-lambda from org/ecs.yaml (replaces providers/aws/exec-unit-lambda.yaml)\n");
  });

  it("a policy set-params on a lambda shows with the values its conditions saw", async () => {
    const { document } = await explainJson(["exec_unit:main", "--rules", "org/memory.yaml"]);
    const policy = document.resources[0]?.decisions.find((d) => d.stage === "policy");
    expect(policy?.event).toEqual({ type: "set-params", params: { params: { memorySize: 1024 } } });
    expect(policy?.conditions?.all?.map((c) => [c.path, c.outcome, c.saw])).toEqual([
      ["$.type", "pass", "lambda"],
      ["$.params.memorySize", "pass", 512],
    ]);
    expect(document.resources[0]?.params).toEqual({ memorySize: 1024, timeout: 180 });
  });

  it("a policy set-type overrides the provider's choice after klotho.yaml, and the compile follows it", async () => {
    const { document } = await explainJson(["exec_unit:main", "--rules", "policy-type"]);
    const unit = document.resources[0];
    expect(unit?.type).toBe("ecs");
    expect(unit?.decisions.filter((d) => d.event.type === "set-type").map((d) => [d.stage, d.rule, d.event.params])).toEqual([
      ["provider", "aws/exec-unit-lambda", { type: "lambda" }],
      ["policy", "acme/containers", { type: "ecs" }],
    ]);
    const compiled = await runCli([project.dir, ...base, "--rules", "policy-type", "-o", project.path("out-type")], { cwd: project.dir });
    expect(compiled.code).toBe(0);
    expect(compiled.stderr).not.toContain("of exec_unit:main is not used");
    const resources = JSON.parse(project.read("out-type/resources.json")) as { resources: { id: string; type: string; params: object }[] };
    // the params start again from ecs's defaults: Lambda's memorySize and timeout would mean nothing to ECS
    expect(resources.resources.find((r) => r.id === "exec_unit:main")).toMatchObject({ type: "ecs", params: { cpu: 256, memory: 512 } });
    expect(unit?.params).toEqual({ cpu: 256, memory: 512 });
  });

  it("a deny is explained on its resource, and explain exits 1 like the compile would", async () => {
    const { code, document } = await explainJson(["persist_kv:items", "--rules", "deny"]);
    expect(code).toBe(1);
    expect(document.ok).toBe(false);
    expect(document.resources[0]?.decisions.at(-1)).toMatchObject({ stage: "policy", rule: "acme/no-kv", file: "deny/no-kv.yaml", event: { type: "deny" } });
    expect(document.resources[0]?.diagnostics.map((d) => d.message)).toEqual([
      "persist_kv:items: Use the shared database. (denied by rule acme/no-kv in deny/no-kv.yaml: acme/no-kv description.)",
    ]);
  });

  it("a deny of a value klotho.yaml set points at that setting, beside the resource's annotation, and still exits 1", async () => {
    const run = await runCli([project.dir, ...base, "--rules", "deny-setting", "-o", project.path("out-deny")], { cwd: project.dir });
    expect(run.code).toBe(1);
    const lines = outputLines(run.stderr);
    // The project's own warnings (an expose on no server, ...) come first, by file.
    expect(lines.slice(lines.findIndex((line) => line.startsWith("klotho.yaml:")))).toEqual([
      "klotho.yaml:4:7: error: persist_kv:items: Tables are billed on demand. (denied by rule acme/on-demand in deny-setting/provisioned.yaml: acme/on-demand description.) [rule/deny: acme/on-demand]",
      "  | in klotho.yaml",
      "  | 4|       billingMode: PROVISIONED",
      "  |  |       ^^^^^^^^^^^",
      "  = persist_kv:items is declared here (index.js:8:4)",
      "klotho: 1 error, 3 warnings; nothing was written.",
    ]);
    const { document } = await explainJson(["persist_kv:items", "--rules", "deny-setting"]);
    expect(document.resources[0]?.diagnostics.map((d) => [d.ruleId, d.file, d.line, d.column])).toEqual([["acme/on-demand", "klotho.yaml", 4, 7]]);
  });

  it("explains exactly why an annotation produced nothing", async () => {
    const run = await runCli(["explain", "index.js:5", project.dir, ...base], { cwd: project.dir });
    expect(run.code).toBe(0);
    const lines = outputLines(run.stdout);
    expect(lines.slice(0, 9)).toEqual([
      "@klotho::expose { id = \"api\", target = \"public\" } at index.js:5:4",
      "  | in index.js",
      "  | 5| // @klotho::expose { id = \"api\", target = \"public\" }",
      "  | 6| const port = 3000;",
      "  bound to the VariableDeclaration at index.js:6:1, in unit main",
      "  produced nothing, because:",
      "    - no server listens in the annotated statement at index.js:6:1 (rules capability/expose-catchall, capability/expose-gateway, capability/expose-routes)",
      "    - no route is registered in the annotated statement at index.js:6:1 (rule capability/expose-routes)",
      "  found in the statement: nothing klotho recognises",
    ]);
    expect(run.stdout).toContain("    1. [capability] capability/no-resource-warning: warn \"No resource was generated for the annotation.\"  rules/capability/no-resource-warning.yaml");
    // an annotation that produced nothing always lists the rules that did not fire
    expect(run.stdout).toContain("        ✗ bound.listen greaterThanInclusive 1 (saw 0)");
  });

  it("explains an annotation the annotation stage rejected, from its diagnostic", async () => {
    const { document } = await explainJson(["index.js:12"]);
    expect(document.annotations?.map((a) => [a.capability, a.produced, a.reasons])).toEqual([
      ["execution_unit", [], ["execution_unit annotations must be at file level (outside any function or class); this one is ignored."]],
    ]);
  });
});
