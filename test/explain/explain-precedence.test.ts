import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExplainDocument } from "../../src/generated/explain.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { createTempFolder, type TempFolder } from "../helpers/temp-project.js";

// explain lists a resource's decisions in the order they take effect: the type table's defaults are
// the base, so they come before the rule set-params that override them (docs/rules.md, "Stages and precedence").

const app = `const express = require("express");
const app = express();
app.get("/now", (req, res) => res.json({ now: Date.now() }));

/* @klotho::expose { id = "api", target = "public" } */
app.listen(3000);
`;

const rule = (id: string, stage: string, body: string): string => `id: ${id}\nstage: ${stage}\ndescription: ${id} description.\nrationale: ${id} rationale.\n${body}`;
const onUnits = "conditions:\n  all:\n    - { fact: resource, path: $.kind, operator: equal, value: exec_unit }\n";

let project: TempFolder;
const base = ["--app", "shop", "--provider", "aws"];

beforeAll(() => {
  project = createTempFolder({
    "package.json": JSON.stringify({ name: "shop", main: "index.js", dependencies: { express: "^4.21.2" } }),
    "index.js": app,
    "provider/memory.yaml": rule("bigco/default-memory", "provider", `${onUnits}event:\n  type: set-params\n  params: { params: { memorySize: 256 } }\n`),
    "invalid/memory.yaml": rule("bigco/huge-memory", "provider", `${onUnits}event:\n  type: set-params\n  params: { params: { memorySize: 99999999 } }\n`),
    "policy/ecs.yaml": rule("bigco/containers", "policy", `priority: 20\n${onUnits}event:\n  type: set-type\n  params: { type: ecs }\n`),
    "policy/memory.yaml": rule("bigco/ecs-memory", "policy", `priority: 10\n${onUnits}event:\n  type: set-params\n  params: { params: { memory: 2048 } }\n`),
  });
});
afterAll(() => {
  project.remove();
});

/** The numbered decision lines of explain's text output. */
function decisionLines(lines: readonly string[]): string[] {
  return lines.filter((line) => /^ {4}\d+\./.test(line));
}

async function explainJson(args: readonly string[]): Promise<ExplainDocument> {
  const run = await runCli(["explain", ...args, project.dir, ...base, "--json"], { cwd: project.dir });
  const document: unknown = JSON.parse(run.stdout);
  expect(schemaValidator("explain")(document)).toEqual([]);
  return document as ExplainDocument;
}

describe("klotho explain lists the type table's defaults before the decisions that override them", () => {
  it("a provider rule's set-params comes after the defaults it overrides, in the tree and in --json", async () => {
    const run = await runCli(["explain", "exec_unit:main", project.dir, ...base, "--rules", "provider"], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)[0]).toBe('exec_unit:main → lambda  {"memorySize":256,"timeout":180}');
    expect(decisionLines(outputLines(run.stdout))).toEqual([
      '    1. [capability] capability/exec-unit: add-resource {"kind":"exec_unit"}  rules/capability/exec-unit.yaml',
      "    2. [provider] aws/exec-unit-lambda: set-type lambda  providers/aws/exec-unit-lambda.yaml",
      '    3. [provider] aws/types: set-params {"memorySize":512,"timeout":180}  providers/aws/types.yaml',
      '    4. [provider] bigco/default-memory: set-params {"memorySize":256}  provider/memory.yaml',
    ]);
    // The defaults say they are the base the later set-params override.
    expect(run.stdout).toContain("       why: A cloud type starts from the default parameters in the provider's type table; a set-params listed after this one overrides them.");
    const document = await explainJson(["exec_unit:main", "--rules", "provider"]);
    expect(document.resources[0]?.decisions.map((d) => [d.rule, d.event.params])).toEqual([
      ["capability/exec-unit", { kind: "exec_unit" }],
      ["aws/exec-unit-lambda", { type: "lambda" }],
      ["aws/types", { params: { memorySize: 512, timeout: 180 } }],
      ["bigco/default-memory", { params: { memorySize: 256 } }],
    ]);
  });

  it("the summary of every resource uses the same order", async () => {
    const run = await runCli(["explain", project.dir, ...base, "--rules", "provider"], { cwd: project.dir });
    expect(run.code).toBe(0);
    const lines = outputLines(run.stdout);
    const unit = lines.slice(lines.indexOf('exec_unit:main → lambda  {"memorySize":256,"timeout":180}'));
    expect(decisionLines(unit.slice(0, unit.indexOf(""))).map((line) => line.replace(/ {2}\S+$/, ""))).toEqual([
      '    1. [capability] capability/exec-unit: add-resource {"kind":"exec_unit"}',
      "    2. [provider] aws/exec-unit-lambda: set-type lambda",
      '    3. [provider] aws/types: set-params {"memorySize":512,"timeout":180}',
      '    4. [provider] bigco/default-memory: set-params {"memorySize":256}',
    ]);
  });

  it("after a policy set-type, the new type's defaults come before the policy set-params that override them", async () => {
    const document = await explainJson(["exec_unit:main", "--rules", "policy"]);
    const unit = document.resources[0];
    expect(unit?.type).toBe("ecs");
    expect(unit?.params).toEqual({ cpu: 256, memory: 2048 });
    expect(unit?.decisions.map((d) => [d.stage, d.rule, d.event.params])).toEqual([
      ["capability", "capability/exec-unit", { kind: "exec_unit" }],
      ["provider", "aws/exec-unit-lambda", { type: "lambda" }],
      ["provider", "aws/types", { params: { memorySize: 512, timeout: 180 } }],
      ["policy", "bigco/containers", { type: "ecs" }],
      ["provider", "aws/types", { params: { cpu: 256, memory: 512 } }],
      ["policy", "bigco/ecs-memory", { params: { memory: 2048 } }],
    ]);
  });

  it("a compile locates a bad value at the rule that set it, not at the type table's default it overrode", async () => {
    const run = await runCli([project.dir, ...base, "--rules", "invalid", "-o", project.path("out")], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(outputLines(run.stderr)[0]).toBe(
      "invalid/memory.yaml:10:35: error: Parameter 'memorySize' of exec_unit:main must be an integer from 128 to 10240; it is 99999999. [render/invalid-param]",
    );
  });
});
