import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSubjects } from "../../src/engine/subjects.js";
import { OPERATOR_DECORATORS, OPERATORS, STAGE_FACTS } from "../../src/load/rule-vocabulary.js";
import { analyzeUnits, lines } from "../helpers/program.js";

const doc = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");
const schema: unknown = JSON.parse(readFileSync(new URL("../../schemas/rule-file.schema.json", import.meta.url), "utf8"));

/** The names in `names` that docs/rules.md never writes as `` `name` `` (or `` `name:` `` with `suffix`). */
function undocumented(names: Iterable<string>, suffix = ""): string[] {
  return [...new Set(names)].filter((name) => !doc.includes(`\`${name}${suffix}\``)).sort();
}

/** The value at `path` in the rule-file schema. */
function schemaAt(...path: string[]): unknown {
  let node: unknown = schema;
  for (const key of path) node = node !== null && typeof node === "object" ? (new Map(Object.entries(node)).get(key) as unknown) : undefined;
  return node;
}

/** The `bound` counts and the annotation fields of a real annotation subject, as the capability stage builds them. */
function annotationSubjectFields(): { bound: string[]; annotation: string[] } {
  const analysis = analyzeUnits({ "index.js": lines(`// @klotho::persist { id = "dogs" }`, "const store = new Map();") });
  const subject = buildSubjects(analysis.annotations, analysis.facts, analysis.units).find((s) => s.type === "annotation");
  if (subject?.type !== "annotation") throw new Error("expected an annotation subject");
  return { bound: Object.keys(subject.bound), annotation: Object.keys(subject.annotation) };
}

describe("docs/rules.md", () => {
  it("names every fact of every stage", () => {
    expect(undocumented(Object.values(STAGE_FACTS).flat())).toEqual([]);
  });

  it("names every field of the bound counts and of the annotation fact, as the code builds them", () => {
    const fields = annotationSubjectFields();
    expect(fields.bound.length).toBeGreaterThan(5);
    expect(undocumented(fields.bound)).toEqual([]);
    expect(undocumented(fields.annotation)).toEqual([]);
  });

  it("names every event type of the rule-file schema", () => {
    const types = schemaAt("definitions", "event", "properties", "type", "enum");
    expect(Array.isArray(types) && types.length).toBeGreaterThan(0);
    expect(undocumented(Array.isArray(types) ? types.map(String) : [])).toEqual([]);
  });

  it("names every operator and every decorator (as `name:`)", () => {
    expect(undocumented(OPERATORS)).toEqual([]);
    expect(undocumented(OPERATOR_DECORATORS, ":")).toEqual([]);
  });

  it("names every field of a rule file and of a fact condition", () => {
    const fields = [schemaAt("properties"), schemaAt("definitions", "factCondition", "properties")].flatMap((node) =>
      node !== null && typeof node === "object" ? Object.keys(node) : [],
    );
    expect(fields).toContain("rationale");
    expect(undocumented(fields)).toEqual([]);
  });
});
