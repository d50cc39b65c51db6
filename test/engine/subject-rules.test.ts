import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse.js";
import { rulesForSubject, subjectTypeOf } from "../../src/engine/subject-rules.js";
import { readInputs } from "../../src/load/inputs.js";
import { parseRuleFile, type LoadedRule } from "../../src/load/rule-file.js";
import { tempProject } from "../helpers/temp-project.js";

function rule(conditions: string): LoadedRule {
  const text = `id: acme/sample\nstage: capability\ndescription: d\nrationale: r\nconditions: ${conditions}\nevent: { type: warn, params: { message: m } }\n`;
  const result = parseRuleFile("sample.yaml", text, undefined);
  if (!result.rule) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.rule;
}

describe("the kind of subject a capability rule is written for", () => {
  it("is the value its top-level all requires of the subject fact with equal", () => {
    expect(subjectTypeOf(rule("{ all: [{ fact: annotation, path: $.capability, operator: equal, value: persist }, { fact: subject, operator: equal, value: use }] }"))).toBe("use");
  });

  it("is unknown when the test is nested, negated, decorated, on a path or not an equality", () => {
    expect(subjectTypeOf(rule("{ any: [{ fact: subject, operator: equal, value: use }] }"))).toBeUndefined();
    expect(subjectTypeOf(rule("{ not: { fact: subject, operator: equal, value: use } }"))).toBeUndefined();
    expect(subjectTypeOf(rule("{ all: [{ any: [{ fact: subject, operator: equal, value: use }] }] }"))).toBeUndefined();
    expect(subjectTypeOf(rule("{ all: [{ fact: subject, operator: notEqual, value: use }] }"))).toBeUndefined();
    expect(subjectTypeOf(rule("{ all: [{ fact: subject, operator: 'not:equal', value: use }] }"))).toBeUndefined();
    expect(subjectTypeOf(rule("{ all: [{ fact: subject, operator: in, value: [use, unit] }] }"))).toBeUndefined();
    expect(subjectTypeOf(rule("{ all: [{ fact: unit, path: $.origin, operator: equal, value: implicit }] }"))).toBeUndefined();
  });

  it("keeps, for a subject, the rules written for its kind and those that do not say", () => {
    const forUse = rule("{ all: [{ fact: subject, operator: equal, value: use }] }");
    const forUnit = rule("{ all: [{ fact: subject, operator: equal, value: unit }] }");
    const any = rule("{ any: [{ fact: subject, operator: equal, value: unit }, { fact: subject, operator: equal, value: use }] }");
    expect(rulesForSubject([forUse, forUnit, any], "use")).toEqual([forUse, any]);
    expect(rulesForSubject([forUse, forUnit, any], "annotation")).toEqual([any]);
  });
});

const ROOT = path.join(import.meta.dirname, "..", "..");

/** Every fixture and example project. */
function projects(): string[] {
  const fixtures = path.join(ROOT, "test", "fixtures");
  const themes = readdirSync(fixtures, { withFileTypes: true }).filter((d) => d.isDirectory());
  const cases = themes.flatMap((theme) => readdirSync(path.join(fixtures, theme.name), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(fixtures, theme.name, d.name)));
  return [...cases, path.join(ROOT, "examples", "pugs"), path.join(ROOT, "examples", "policies")];
}

describe("a compile evaluates only the rules written for each subject's kind", () => {
  it("plans exactly what evaluating every rule for every subject (as explain does) plans, for every fixture and example", async () => {
    let compared = 0;
    for (const dir of projects()) {
      const read = readInputs({ path: dir, app: "sample", provider: "aws", rules: [] }, dir);
      if (!read.inputs) continue;
      const compile = await analyse(read.inputs);
      const traced = await analyse(read.inputs, { trace: true });
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
    const read = readInputs({ path: project.dir, app: "sample", provider: "aws", rules: [project.path("policies")] }, project.dir);
    if (!read.inputs) throw new Error(read.diagnostics.map((d) => d.message).join("\n"));
    const compile = await analyse(read.inputs);
    const traced = await analyse(read.inputs, { trace: true });
    expect(compile.diagnostics.map((d) => d.code)).not.toContain("rule/engine-error");
    expect(compile.planned.plan?.resources.map((r) => r.id)).toContain("persist_kv:dogs");
    expect({ plan: compile.planned.plan, diagnostics: compile.diagnostics }).toEqual({ plan: traced.planned.plan, diagnostics: traced.diagnostics });
  });
});
