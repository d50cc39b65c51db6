import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as schemasModule from "../../src/load/schemas.js";
import { schemaValidator } from "../../src/load/schemas.js";

const root = path.resolve(import.meta.dirname, "../..");
const compiled = path.join(root, "dist/load/schemas.js");

// Documents that break each schema in a different way: unknown keys, missing keys, wrong types, enums, patterns.
const samples: Record<string, unknown[]> = {
  "klotho-config": [{}, { app: "my app", provider: "gcp" }, { app: "ok", provider: "aws", execution_units: { main: { type: "lambda", memorySize: "big" } } }, { app: "ok", extra: 1 }],
  "rule-file": [{}, { id: "x", rules: [{ id: "y", conditions: { all: [{ fact: 1 }] } }] }, { rules: "none" }],
  plan: [{}, { app: "a", provider: "aws", resources: [{ id: "x" }], edges: [] }],
  "annotations/expose": [{ target: "nowhere" }, { id: 3 }],
  "annotations/persist": [{ kind: 1 }],
};

describe("the validators npm run build generates (dist/validators/)", () => {
  // `npm test` builds dist/ first; the sources (these tests) compile schemas at run time instead.
  it.runIf(existsSync(compiled))("exist for every schema in schemas/", () => {
    const schemas = readdirSync(path.join(root, "schemas"), { recursive: true }).map(String).filter((f) => f.endsWith(".schema.json"));
    for (const file of schemas) expect(existsSync(path.join(root, "dist/validators", file.replace(/\.schema\.json$/, ".cjs"))), file).toBe(true);
  });

  it.runIf(existsSync(compiled))("report the same violations, with the same messages, as schemas compiled at run time", async () => {
    const prebuilt = (await import(compiled)) as typeof schemasModule;
    let violations = 0;
    for (const [name, documents] of Object.entries(samples)) {
      for (const document of documents) {
        const expected = schemaValidator(name)(document);
        violations += expected.length;
        expect(prebuilt.schemaValidator(name)(document), `${name}: ${JSON.stringify(document)}`).toEqual(expected);
      }
    }
    // The samples really are invalid: each comparison above compared messages, not two empty lists.
    expect(violations).toBeGreaterThan(15);
  });
});
