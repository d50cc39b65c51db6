import { describe, expect, it } from "vitest";
import type { PlanDocument } from "../../src/generated/plan.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { planApp, renderResourcesJson, type Plan } from "../../src/plan/index.js";
import { pugsInput } from "./pugs.js";

type DeepReadonly<T> = T extends (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** Compiles only while every document schemas/plan.schema.json accepts is a `Plan` (src/plan/plan.ts). */
function asPlan(document: DeepReadonly<PlanDocument>): Plan {
  return document;
}

function isPlanDocument(value: unknown): value is PlanDocument {
  return schemaValidator("plan")(value).length === 0;
}

describe("the plan and its schema", () => {
  it("keeps the hand-written Plan type in step with the schema's generated type", async () => {
    const { plan } = await planApp(pugsInput());
    const document: unknown = JSON.parse(JSON.stringify(plan));
    expect(isPlanDocument(document)).toBe(true);
    if (isPlanDocument(document)) expect(asPlan(document)).toEqual(plan);
  });

  it("writes resources.json without provenance, sources or directives, ending in a newline", async () => {
    const { plan } = await planApp(pugsInput());
    const text = renderResourcesJson(plan!);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).not.toMatch(/provenance|"start"|directives|reason/);
    const document: unknown = JSON.parse(text);
    expect(document !== null && typeof document === "object" ? Object.keys(document) : []).toEqual(["app", "provider", "resources", "edges"]);
  });
});
