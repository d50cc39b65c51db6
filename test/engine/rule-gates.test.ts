import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse.js";
import { admittedBy, RESOURCE_KIND_GATE, RESOURCE_TYPE_GATE, rulesFor, rulesForResource, SUBJECT_GATE } from "../../src/engine/rule-gates.js";
import { readInputs } from "../../src/load/inputs.js";
import { parseRuleFile, type LoadedRule } from "../../src/load/rule-file.js";
import { tempProject } from "../helpers/temp-project.js";

function rule(conditions: string, stage = "capability", more: { priority?: number; event?: string } = {}): LoadedRule {
  const event = more.event ?? "{ type: warn, params: { message: m } }";
  const text = `id: acme/sample\nstage: ${stage}\ndescription: d\nrationale: r\npriority: ${String(more.priority ?? 0)}\nconditions: ${conditions}\nevent: ${event}\n`;
  const result = parseRuleFile("sample.yaml", text, undefined);
  if (!result.rule) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.rule;
}

const subjectKinds = (conditions: string): string[] | undefined => {
  const admitted = admittedBy(rule(conditions), SUBJECT_GATE);
  return admitted && [...admitted];
};
const resourceKinds = (conditions: string): string[] | undefined => {
  const admitted = admittedBy(rule(conditions, "policy"), RESOURCE_KIND_GATE);
  return admitted && [...admitted];
};

describe("the kind of subject a capability rule is written for", () => {
  it("is the value its top-level all requires of the subject fact with equal, or the values with in", () => {
    expect(subjectKinds("{ all: [{ fact: annotation, path: $.capability, operator: equal, value: persist }, { fact: subject, operator: equal, value: use }] }")).toEqual(["use"]);
    expect(subjectKinds("{ all: [{ fact: subject, operator: in, value: [use, unit] }] }")).toEqual(["use", "unit"]);
  });

  it("is what every such test admits when there are several", () => {
    expect(subjectKinds("{ all: [{ fact: subject, operator: in, value: [use, unit] }, { fact: subject, operator: equal, value: unit }] }")).toEqual(["unit"]);
    expect(subjectKinds("{ all: [{ fact: subject, operator: equal, value: use }, { fact: subject, operator: equal, value: unit }] }")).toEqual([]);
  });

  it("is unknown when the test is nested, negated, decorated, on a path, not an equality or not literal", () => {
    expect(subjectKinds("{ any: [{ fact: subject, operator: equal, value: use }] }")).toBeUndefined();
    expect(subjectKinds("{ not: { fact: subject, operator: equal, value: use } }")).toBeUndefined();
    expect(subjectKinds("{ all: [{ any: [{ fact: subject, operator: equal, value: use }] }] }")).toBeUndefined();
    expect(subjectKinds("{ all: [{ fact: subject, operator: notEqual, value: use }] }")).toBeUndefined();
    expect(subjectKinds("{ all: [{ fact: subject, operator: 'not:equal', value: use }] }")).toBeUndefined();
    expect(subjectKinds("{ all: [{ fact: subject, operator: notIn, value: [use] }] }")).toBeUndefined();
    expect(subjectKinds("{ all: [{ fact: subject, operator: equal, value: { fact: unit, path: $.id } }] }")).toBeUndefined();
    expect(subjectKinds("{ all: [{ fact: subject, operator: in, value: [use, 3] }] }")).toBeUndefined();
    expect(subjectKinds("{ all: [{ fact: unit, path: $.origin, operator: equal, value: implicit }] }")).toBeUndefined();
  });

  it("keeps, for a subject, the rules written for its kind and those that do not say", () => {
    const forUse = rule("{ all: [{ fact: subject, operator: equal, value: use }] }");
    const forUnit = rule("{ all: [{ fact: subject, operator: equal, value: unit }] }");
    const forBoth = rule("{ all: [{ fact: subject, operator: in, value: [unit, use] }] }");
    const any = rule("{ any: [{ fact: subject, operator: equal, value: unit }, { fact: subject, operator: equal, value: use }] }");
    expect(rulesFor([forUse, forUnit, forBoth, any], SUBJECT_GATE, "use")).toEqual([forUse, forBoth, any]);
    expect(rulesFor([forUse, forUnit, forBoth, any], SUBJECT_GATE, "annotation")).toEqual([any]);
  });
});

describe("the kind of resource a provider or policy rule is written for", () => {
  it("is what its top-level all requires of the resource's $.kind with equal or in", () => {
    expect(resourceKinds("{ all: [{ fact: resource, path: $.kind, operator: equal, value: persist_kv }, { fact: provider, operator: equal, value: aws }] }")).toEqual(["persist_kv"]);
    expect(resourceKinds("{ all: [{ fact: resource, path: $.kind, operator: in, value: [persist_kv, persist_fs] }] }")).toEqual(["persist_kv", "persist_fs"]);
  });

  it("is unknown for a test of the type (an earlier rule of the run may set it), of another path, or under any", () => {
    expect(resourceKinds("{ all: [{ fact: resource, path: $.type, operator: equal, value: lambda }] }")).toBeUndefined();
    expect(resourceKinds("{ all: [{ fact: resource, path: $.params.kind, operator: equal, value: persist_kv }] }")).toBeUndefined();
    expect(resourceKinds("{ any: [{ fact: resource, path: $.kind, operator: equal, value: persist_kv }] }")).toBeUndefined();
    expect(resourceKinds("{ all: [{ fact: resource, path: $.kind, operator: 'not:equal', value: persist_kv }] }")).toBeUndefined();
  });

  it("keeps, for a resource, the rules written for its kind and those that do not say", () => {
    const forKv = rule("{ all: [{ fact: resource, path: $.kind, operator: equal, value: persist_kv }] }", "policy");
    const forStores = rule("{ all: [{ fact: resource, path: $.kind, operator: in, value: [persist_kv, persist_fs] }] }", "policy");
    const forLambdas = rule("{ all: [{ fact: resource, path: $.type, operator: equal, value: lambda }] }", "policy");
    expect(rulesFor([forKv, forStores, forLambdas], RESOURCE_KIND_GATE, "persist_fs")).toEqual([forStores, forLambdas]);
    expect(rulesFor([forKv, forStores, forLambdas], RESOURCE_KIND_GATE, "exec_unit")).toEqual([forLambdas]);
  });
});

const ROOT = path.join(import.meta.dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "pugs");

/** The project at `dir` analysed as a compile does and as a trace (`klotho explain`) does, with `rules` besides the built-ins. */
async function compileAndTrace(dir: string, app: string, rules: readonly string[]) {
  const read = readInputs({ path: dir, app, provider: "aws", rules: [...rules] }, dir);
  if (!read.inputs) throw new Error(read.diagnostics.map((d) => d.message).join("\n"));
  return { compile: await analyse(read.inputs), traced: await analyse(read.inputs, { trace: "evaluations" }) };
}

/** Every fixture and example project. */
function projects(): string[] {
  const fixtures = path.join(ROOT, "test", "fixtures");
  const themes = readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory());
  const cases = themes.flatMap((theme) => readdirSync(path.join(fixtures, theme.name), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(fixtures, theme.name, d.name)));
  return [...cases, EXAMPLE, path.join(ROOT, "examples", "policies")];
}

describe("a compile evaluates only the rules written for each subject's kind", () => {
  it("plans exactly what evaluating every rule for every subject (as explain does) plans, for every fixture and example", async () => {
    let compared = 0;
    for (const dir of projects()) {
      if (!readInputs({ path: dir, app: "sample", provider: "aws", rules: [] }, dir).inputs) continue;
      const { compile, traced } = await compileAndTrace(dir, "sample", []);
      const strip = (analysis: typeof compile) => ({ plan: analysis.planned.plan, diagnostics: analysis.diagnostics, progress: analysis.progress });
      expect(strip(compile), dir).toEqual(strip(traced));
      compared++;
    }
    expect(compared).toBeGreaterThan(40);
  }, 120_000);
});

describe("a rule's other conditions never run for a subject of another kind", () => {
  // The unit fact is null for an annotation subject: this reference would throw there ("reading
  // 'indexOf'"), and json-rules-engine evaluates a rule's conditions of one priority together.
  const unitOnly = [
    "id: acme/units-only",
    "stage: capability",
    "description: Warns about units whose id contains the provider's name.",
    "rationale: A sample.",
    "conditions:",
    "  all:",
    "    - { fact: subject, operator: equal, value: unit }",
    "    - { fact: provider, operator: in, value: { fact: unit, path: $.id } }",
    "event: { type: warn, params: { message: named after the provider } }",
    "",
  ].join("\n");

  it("gives no engine error and the same plan for a compile and a trace", async () => {
    const project = tempProject({
      "package.json": "{}",
      "index.js": 'const express = require("express");\nconst app = express();\n// @klotho::persist { id = "dogs" }\nconst dogs = new Map();\napp.get("/", async (req, res) => res.json(await dogs.get("a")));\napp.listen(3000);\n',
      "policies/units-only.yaml": unitOnly,
    });
    const { compile, traced } = await compileAndTrace(project.dir, "sample", [project.path("policies")]);
    expect(compile.diagnostics.map((d) => d.code)).not.toContain("rule/engine-error");
    expect(compile.planned.plan?.resources.map((r) => r.id)).toContain("persist_kv:dogs");
    expect({ plan: compile.planned.plan, diagnostics: compile.diagnostics }).toEqual({ plan: traced.planned.plan, diagnostics: traced.diagnostics });
  });
});

describe("the type of resource a provider or policy rule is written for", () => {
  const forLambdas = (priority = 0) => rule("{ all: [{ fact: resource, path: $.type, operator: equal, value: lambda }] }", "policy", { priority });
  const setsEcs = (priority: number) => rule("{ all: [{ fact: resource, path: $.kind, operator: equal, value: exec_unit }] }", "policy", { priority, event: "{ type: set-type, params: { type: ecs } }" });

  it("is what its top-level all requires of the resource's $.type", () => {
    expect([...(admittedBy(forLambdas(), RESOURCE_TYPE_GATE) ?? [])]).toEqual(["lambda"]);
    expect(admittedBy(forLambdas(), RESOURCE_KIND_GATE)).toBeUndefined();
  });

  it("leaves out a rule for other types when no rule of the stage can change the type before it sees it", () => {
    const lambdas = forLambdas();
    expect(rulesForResource([lambdas], "exec_unit", "lambda")).toEqual([lambdas]);
    expect(rulesForResource([lambdas], "exec_unit", "ecs")).toEqual([]);
    // No type chosen yet: no type gate admits it.
    expect(rulesForResource([lambdas], "exec_unit", null)).toEqual([]);
    // A set-type rule of a lower or the same priority: its event is not seen by the gated rule.
    const late = setsEcs(0);
    expect(rulesForResource([forLambdas(5), late], "exec_unit", "ecs")).toEqual([late]);
  });

  it("keeps a rule for other types when a rule of a higher priority may set the type it sees", () => {
    const lambdas = forLambdas(0);
    const early = setsEcs(10);
    expect(rulesForResource([lambdas, early], "exec_unit", "lambda")).toEqual([lambdas, early]);
    expect(rulesForResource([lambdas, early], "exec_unit", "ecs")).toEqual([lambdas, early]);
    // Its kind gate still counts.
    expect(rulesForResource([lambdas, early], "persist_kv", "dynamodb")).toEqual([lambdas]);
  });

  it("plans the example the same in a compile and a trace, with a type set during the run", async () => {
    const policy = (id: string, priority: number, conditions: string, event: string) =>
      [`id: acme/${id}`, "stage: policy", "description: d", "rationale: r", `priority: ${String(priority)}`, `conditions: ${conditions}`, `event: ${event}`, ""].join("\n");
    const policies = tempProject({
      // Seen before the units become ECS services: fires for each Lambda function.
      "lambda-early.yaml": policy("lambda-early", 20, "{ all: [{ fact: resource, path: $.type, operator: equal, value: lambda }] }", "{ type: warn, params: { message: was lambda } }"),
      "to-ecs.yaml": policy("to-ecs", 10, "{ all: [{ fact: resource, path: $.kind, operator: equal, value: exec_unit }] }", "{ type: set-type, params: { type: ecs } }"),
      // Sees the type to-ecs set in the same run: fires for each unit although its draft type is lambda.
      "ecs-late.yaml": policy("ecs-late", 0, "{ all: [{ fact: resource, path: $.type, operator: equal, value: ecs }] }", "{ type: warn, params: { message: now ecs } }"),
    });
    const { compile, traced } = await compileAndTrace(EXAMPLE, "pugs", [policies.dir]);
    const messages = (ruleId: string) => compile.diagnostics.filter((d) => d.ruleId === ruleId).map((d) => d.message);
    expect(messages("acme/lambda-early")).toEqual(["was lambda", "was lambda"]);
    expect(messages("acme/ecs-late")).toEqual(["now ecs", "now ecs"]);
    expect({ plan: compile.planned.plan, diagnostics: compile.diagnostics }).toEqual({ plan: traced.planned.plan, diagnostics: traced.diagnostics });
  });
});

describe("a provider or policy rule's other conditions never run for a resource of another kind", () => {
  // Only the ElastiCache node has a nodeType: for any other resource this reference is undefined and
  // `notIn` would throw ("reading 'indexOf'"), as json-rules-engine evaluates a rule's conditions of one
  // priority together.
  const redisOnly = [
    "id: acme/redis-node-type",
    "stage: policy",
    "description: Names the node type of each Redis node.",
    "rationale: A sample.",
    "conditions:",
    "  all:",
    "    - { fact: resource, path: $.kind, operator: equal, value: persist_redis_node }",
    "    - { fact: provider, operator: notIn, value: { fact: resource, path: $.params.nodeType } }",
    "event: { type: warn, params: { message: a Redis node } }",
    "",
  ].join("\n");

  it("gives no rule error, fires for that kind, and plans the same in a compile and a trace", async () => {
    const policies = tempProject({ "redis-node-type.yaml": redisOnly });
    const { compile, traced } = await compileAndTrace(EXAMPLE, "pugs", [policies.dir]);
    expect(compile.diagnostics.filter((d) => d.code.startsWith("rule/")).map((d) => d.code)).not.toContain("rule/rule-error");
    expect(compile.diagnostics.filter((d) => d.ruleId === "acme/redis-node-type").map((d) => d.message)).toEqual(["a Redis node"]);
    expect({ plan: compile.planned.plan, diagnostics: compile.diagnostics }).toEqual({ plan: traced.planned.plan, diagnostics: traced.diagnostics });
  });

  it("plans the example with the example policies exactly as a trace does", async () => {
    const { compile, traced } = await compileAndTrace(EXAMPLE, "pugs", [path.join(ROOT, "examples", "policies")]);
    expect(compile.diagnostics.some((d) => d.ruleId?.startsWith("acme/"))).toBe(true);
    expect({ plan: compile.planned.plan, diagnostics: compile.diagnostics }).toEqual({ plan: traced.planned.plan, diagnostics: traced.diagnostics });
  });
});

describe("an event's fact references are read only for a rule that fired", () => {
  // JSONPath filters over values that have no `tags` throw ("reading 'team'"). json-rules-engine's own
  // option reads an event's references for every rule it evaluates, so a trace (every rule, for every
  // subject or resource) failed where a compile (only the rules of each kind) did not.
  const rules = {
    "orm-team.yaml": [
      "id: acme/orm-team",
      "stage: policy",
      "description: Names the team of each database.",
      "rationale: A sample.",
      "conditions:",
      "  all:",
      "    - { fact: resource, path: $.kind, operator: equal, value: persist_orm }",
      "event:",
      "  type: warn",
      '  params: { message: { fact: resource, path: "$.params[?(@.tags.team)]" } }',
      "",
    ].join("\n"),
    "use-note.yaml": [
      "id: acme/use-note",
      "stage: capability",
      "description: Notes each use on another provider.",
      "rationale: A sample.",
      "conditions:",
      "  all:",
      "    - { fact: subject, operator: in, value: [use] }",
      "    - { fact: provider, operator: equal, value: gcp }",
      "event:",
      "  type: warn",
      '  params: { message: { fact: unit, path: "$[?(@.x.y)]" } }',
      "",
    ].join("\n"),
  };

  it("gives no rule error and plans the same in a compile and a trace", async () => {
    const policies = tempProject(rules);
    const { compile, traced } = await compileAndTrace(EXAMPLE, "pugs", [policies.dir]);
    expect(traced.diagnostics.map((d) => d.code)).not.toContain("rule/rule-error");
    expect(compile.planned.plan?.resources.map((r) => r.id)).toContain("exec_unit:pugs");
    expect({ plan: compile.planned.plan, diagnostics: compile.diagnostics }).toEqual({ plan: traced.planned.plan, diagnostics: traced.diagnostics });
  });
});
