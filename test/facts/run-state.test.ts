// Extractors keep what they learn across calls in the analysis's own state (extractors/run-state.ts): a
// second analysis in the same process (a test suite, `explain` after a compile) sees the same program
// afresh, with the same facts and warnings.
import { describe, expect, it } from "vitest";
import { readCode } from "../../src/analyse.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { extractFacts, type Fact } from "../../src/facts/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { lines, virtualProject } from "../helpers/program.js";

const ORM_WARNINGS = {
  "src/index.ts": lines(`import { AppDataSource } from "./data-source";`, "AppDataSource.initialize();"),
  "src/data-source.ts": lines(`import { DataSource } from "typeorm";`, `export const AppDataSource = new DataSource({`, `  type: "postgres",`, `  entities: [process.env.ENTITIES as string, "dist/entity/*.js"],`, `});`),
};

const KOA_AND_MAP = {
  "server.js": lines(
    `const Koa = require("koa");`,
    `const Router = require("@koa/router");`,
    "const app = new Koa();",
    `const api = new Router({ prefix: "/api" });`,
    "const users = new Map();",
    "const getUser = (id) => users.get(id);",
    `api.get("/users/:id", (ctx) => { ctx.body = getUser(ctx.params.id); });`,
    "app.use(api.routes());",
    "app.listen(3000);",
  ),
};

/** The project analysed once, then its facts found again over the same parsed program. */
function analysedTwice(files: Readonly<Record<string, string>>, roots: readonly string[]): { first: string[]; second: string[]; facts: readonly (readonly Fact[])[] } {
  const project = virtualProject(files, { packageJson: { main: roots[0] } });
  const reading = readCode(project);
  const { program, diagnostics } = reading;
  const again = extractFacts(project, program, roots);
  const located = (found: readonly Diagnostic[]): string[] => found.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"}`);
  return { first: located(diagnostics), second: located(again.diagnostics), facts: [reading.facts.facts, again.facts] };
}

describe("per-analysis state of the extractors", () => {
  it("warns again about an ORM path when the same program is analysed a second time", () => {
    const { first, second } = analysedTwice(ORM_WARNINGS, ["src/index.ts"]);
    expect(first).toEqual(["orm/unknown-path src/data-source.ts:4:3", "orm/path-no-match src/data-source.ts:4:3"]);
    expect(second).toEqual(first);
  });

  it("finds the same routes, mounts and dropped map promises when the same program is analysed a second time", () => {
    const { facts } = analysedTwice(KOA_AND_MAP, ["server.js"]);
    const kinds = new Set(facts[0]?.map((fact) => fact.kind));
    expect([...kinds].filter((kind) => ["http_mount", "http_route", "unawaited_call"].includes(kind)).sort()).toEqual(["http_mount", "http_route", "unawaited_call"]);
    expect(facts[1]).toEqual(facts[0]);
  });
});
