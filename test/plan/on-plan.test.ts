// A compile starts drawing the diagram as soon as the plan is made (analyse's `onPlan`), before the
// plan is checked and the analysis finishes; the output is the same.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyse } from "../../src/analyse.js";
import type { DiagramRenderer } from "../../src/diagram/index.js";
import { renderTopology } from "../../src/diagram/index.js";
import { readInputs, type Inputs } from "../../src/load/inputs.js";
import { compile } from "../../src/pipeline.js";
import type { Plan } from "../../src/plan/index.js";
import { tempProject } from "../helpers/temp-project.js";

const pugs = path.join(import.meta.dirname, "..", "..", "examples", "pugs");

function inputsOf(dir: string, app: string): Inputs {
  const read = readInputs({ path: dir, app, provider: "aws", rules: [] }, dir, { writes: false });
  if (!read.inputs) throw new Error(read.diagnostics.map((d) => d.message).join("\n"));
  return read.inputs;
}

describe("the plan handed on as soon as it is made", () => {
  it("is the plan the analysis returns, handed on once", async () => {
    const told: Plan[] = [];
    const analysis = await analyse(inputsOf(pugs, "pugs"), { onPlan: (plan) => told.push(plan) });
    expect(analysis.planned.plan).toBeDefined();
    expect(told).toHaveLength(1);
    expect(told[0]).toBe(analysis.planned.plan);
  });

  it("is not handed on when the analysis found an error before it", async () => {
    const { dir } = tempProject({
      "package.json": '{ "main": "index.js" }',
      "index.js": '// @klotho::persist { id = "a" }\nconst a = new Map();\n// @klotho::persist { id = "a" }\nconst b = new Map();\nrequire("express")().get("/x", (q, s) => s.json([a.get(1), b.get(2)])).listen(3000);\n',
    });
    const told: Plan[] = [];
    const analysis = await analyse(inputsOf(dir, "broken"), { onPlan: (plan) => told.push(plan) });
    expect(analysis.diagnostics.some((d) => d.severity === "error")).toBe(true);
    expect(told).toEqual([]);
  });

  it("starts the diagram while the plan is being checked, once, and the compile's files are the same", async () => {
    const events: string[] = [];
    const timings: Record<string, number> = {};
    const diagrams: DiagramRenderer = {
      expect: () => undefined,
      render: (plan) => {
        // The plan stage is timed once planApp returns: not yet, while the plan is being checked.
        events.push(timings["plan"] === undefined ? "render while planning" : "render after planning");
        return renderTopology(plan);
      },
      cancel: () => events.push("cancel"),
    };
    const result = await compile(inputsOf(pugs, "pugs"), { diagrams, timings });
    const plain = await compile(inputsOf(pugs, "pugs"));
    expect(events).toEqual(["render while planning"]);
    expect(result.files.map((file) => file.path)).toEqual(plain.files.map((file) => file.path));
    const svg = (files: typeof result.files) => files.find((file) => file.path === "pugs.svg");
    expect(svg(result.files)).toEqual(svg(plain.files));
  });
});
