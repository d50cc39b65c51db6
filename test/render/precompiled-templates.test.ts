import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type * as inputsModule from "../../src/load/inputs.js";
import type * as pipelineModule from "../../src/pipeline.js";
import { REPO, compileProject, programFiles } from "./programs.js";

const dist = path.join(REPO, "dist");
const built = existsSync(path.join(dist, "templates-cache.cjs"));

// Projects whose programs between them use most templates: units on Lambda and ECS, the REST gateway, DynamoDB, ElastiCache,
// RDS, Secrets Manager, SNS topics and a static site (not the HTTP API, MemoryDB or S3 file stores).
const projects = ["examples/pugs", "test/fixtures/storage/ts-two-units", "test/fixtures/capabilities/pubsub-cjs-units", "test/fixtures/capabilities/static-site"];

describe("the templates npm run build precompiles (dist/templates-cache.cjs)", () => {
  // `npm test` builds dist/ first; the sources (these tests) compile templates at run time.
  it.runIf(built)("holds every template of templates/, as its exact text", async () => {
    const cache = (await import(path.join(dist, "templates-cache.cjs"))) as { default: { text: string }[] };
    const texts = new Set(cache.default.map((entry) => entry.text));
    const files = readdirSync(path.join(REPO, "templates"), { recursive: true }).map(String).filter((f) => f.endsWith(".njk"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(texts.has(readFileSync(path.join(REPO, "templates", file), "utf8")), file).toBe(true);
  });

  it.runIf(built)("renders the same Pulumi programs as templates compiled at run time", async () => {
    const { readInputs } = (await import(path.join(dist, "load/inputs.js"))) as typeof inputsModule;
    const { compile } = (await import(path.join(dist, "pipeline.js"))) as typeof pipelineModule;
    for (const project of projects) {
      const app = path.basename(project);
      const read = readInputs({ path: path.join(REPO, project), app, provider: "aws", rules: [] }, REPO);
      if (!read.inputs) throw new Error(`cannot read ${project}`);
      const precompiled = programFiles(await compile(read.inputs), app).get("index.ts");
      const compiledNow = programFiles(await compileProject(path.join(REPO, project), app), app).get("index.ts");
      expect(precompiled, project).toBeDefined();
      expect(precompiled, project).toBe(compiledNow);
    }
  });
});
