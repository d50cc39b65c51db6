import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse.js";
import { explain, type ExplainInput, type ExplainTarget } from "../../src/explain/index.js";
import { readInputs } from "../../src/load/inputs.js";
import type { TraceDepth } from "../../src/plan/index.js";
import { tempProject } from "../helpers/temp-project.js";

const ROOT = path.join(import.meta.dirname, "..", "..");

/** `klotho explain`'s input for the project at `dir`, analysed to `depth`. */
async function explainInput(dir: string, app: string, depth: TraceDepth, rules: readonly string[] = []): Promise<ExplainInput> {
  const read = readInputs({ path: dir, app, provider: "aws", rules: [...rules] }, dir, { writes: false });
  if (!read.inputs) throw new Error(read.diagnostics.map((d) => d.message).join("\n"));
  const analysis = await analyse(read.inputs, { trace: depth });
  const trace = analysis.planned.trace;
  if (!trace) throw new Error("no trace");
  return { app, provider: "aws", annotations: analysis.annotations, facts: analysis.facts, subjects: analysis.subjects, trace, rules: read.inputs.ruleSet.rules, diagnostics: analysis.diagnostics, unparsed: [] };
}

describe("explain without the rules that did not fire", () => {
  // The example, the example under the example policies (parameters set, warnings at resources, and a
  // denied Redis cache: the plan fails, its resources kept for explain) and a project of two persisted
  // Maps with one id (an error).
  const failing = {
    "package.json": '{ "main": "index.js" }',
    "index.js": '// @klotho::persist { id = "a" }\nconst a = new Map();\n// @klotho::persist { id = "a" }\nconst b = new Map();\nrequire("express")().get("/x", (q, s) => s.json([a.get(1), b.get(2)])).listen(3000);\n',
  };
  const pugs = path.join(ROOT, "examples", "pugs");
  const projects: [string, () => string, string, string[]][] = [
    ["the example", () => pugs, "pugs", []],
    ["the example under the example policies", () => pugs, "pugs", [path.join(ROOT, "examples", "policies")]],
    ["a project whose plan has errors", () => tempProject(failing).dir, "broken", []],
  ];

  it.each(projects)("explains every resource, each resource and the network of %s as when every rule evaluation is recorded", async (_name, dir, app, rules) => {
    const folder = dir();
    const resources = await explainInput(folder, app, "resources", rules);
    const evaluations = await explainInput(folder, app, "evaluations", rules);
    expect(resources.trace.evaluations).toBeUndefined();
    expect(evaluations.trace.evaluations?.length).toBeGreaterThan(0);
    expect(resources.trace.resources.length).toBeGreaterThan(0);
    const targets: ExplainTarget[] = [{ kind: "all" }, { kind: "network" }, ...resources.trace.resources.map((r): ExplainTarget => ({ kind: "resource", resource: r.id }))];
    for (const target of targets) expect(explain(resources, target), JSON.stringify(target)).toEqual(explain(evaluations, target));
    // Each case has resources with diagnostics at them (policy warnings, the deny, the duplicate id), which the explanation lists.
    const all = explain(resources, { kind: "all" });
    if (!("document" in all)) throw new Error("no document");
    if (app !== "pugs" || rules.length > 0) expect(all.document.resources.filter((r) => r.diagnostics.length > 0).length).toBeGreaterThan(0);
  });

  it("refuses to list the rules that did not fire from an analysis that did not record them", async () => {
    const resources = await explainInput(path.join(ROOT, "examples", "pugs"), "pugs", "resources");
    expect(() => explain(resources, { kind: "all" }, { notFired: true })).toThrow(/recorded no rule evaluations/);
    expect(() => explain(resources, { kind: "annotation", file: "pugs.js", line: 9 })).toThrow(/recorded no rule evaluations/);
  });
});
