import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { PlanDocument } from "../../src/generated/plan.js";
import { schemaValidator } from "../../src/load/schemas.js";
import type { Plan } from "../../src/plan/index.js";

const FIXTURES = path.join(import.meta.dirname, "..", "fixtures");

/** Fixture projects whose compile succeeds, by `<theme>/<case>`, sorted. */
export function fixturesWithPlans(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((theme) => theme.isDirectory())
    .flatMap((theme) => readdirSync(path.join(FIXTURES, theme.name)).map((name) => `${theme.name}/${name}`))
    .filter((name) => existsSync(path.join(FIXTURES, name, ".expected", "resources.json")))
    .sort();
}

/** The plan of a fixture, read back from its expected resources.json (which leaves out sources and provenance). */
export function fixturePlan(name: string): Plan {
  return planFromResourcesJson(readFileSync(path.join(FIXTURES, name, ".expected", "resources.json"), "utf8"));
}

/** A plan from resources.json text, with empty sources, provenance and reasons; checked against the plan schema. */
export function planFromResourcesJson(text: string): Plan {
  const document: unknown = JSON.parse(text, (key, value: unknown) => {
    if (key === "resources" && Array.isArray(value)) return value.map((r: unknown) => (isObject(r) ? { ...r, source: [], provenance: [] } : r));
    if (key === "edges" && Array.isArray(value)) return value.map((e: unknown) => (isObject(e) ? { ...e, reason: "from resources.json" } : e));
    return value;
  });
  if (!isPlanDocument(document)) throw new Error(`not a plan: ${schemaValidator("plan")(document).map((v) => v.message).join("; ")}`);
  return document;
}

function isPlanDocument(value: unknown): value is PlanDocument {
  return schemaValidator("plan")(value).length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The contents of the diagram file whose path ends with `suffix` (`.png`, `.svg`, `.json`). */
export function fileOf(files: readonly { path: string; contents: string | Uint8Array }[], suffix: string): string | Uint8Array {
  const file = files.find((f) => f.path.endsWith(suffix));
  if (!file) throw new Error(`no ${suffix} file`);
  return file.contents;
}
