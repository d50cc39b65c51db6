import { describe, expect, it } from "vitest";
import type { ExplainFailure } from "../../src/generated/explain.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const base = ["--app", "shop", "--provider", "aws", "--json"];

/** A unit and a store that share the name `store`, so the bare name is ambiguous. */
const files = {
  "package.json": JSON.stringify({ name: "shop", main: "index.js" }),
  "index.js": [
    '/* @klotho::execution_unit { id = "store" } */',
    '/* @klotho::persist { id = "store" } */',
    "const store = new Map();",
    'exports.handler = async () => store.get("a");',
    "",
  ].join("\n"),
};

/** Runs `klotho explain ... --json` and checks the contract: one document on stdout, valid against the schema, nothing on stderr. */
async function explainFailure(args: readonly string[], cwd: string): Promise<ExplainFailure> {
  const run = await runCli(["explain", ...args], { cwd });
  expect(run.code).toBe(2);
  expect(run.stderr).toBe("");
  const document: unknown = JSON.parse(run.stdout);
  expect(schemaValidator("explain")(document)).toEqual([]);
  return document as ExplainFailure;
}

describe("klotho explain --json when there is nothing to explain", () => {
  it("reports a resource that matches nothing as a document with the query", async () => {
    const project = tempProject(files);
    const document = await explainFailure(["persist_kv:cats", project.dir, ...base], project.dir);
    expect(document).toEqual({
      app: "shop",
      provider: "aws",
      query: { kind: "resource", resource: "persist_kv:cats" },
      ok: false,
      diagnostics: [
        {
          code: "explain/unknown-resource",
          severity: "error",
          message: "No resource 'persist_kv:cats' in the plan; its resources are: exec_unit:store, persist_kv:store. The network (the VPC, its subnets and endpoints, where each unit runs) is explained by `klotho explain network`.",
        },
      ],
    });
  });

  it("reports a name several resources share", async () => {
    const project = tempProject(files);
    const document = await explainFailure(["store", project.dir, ...base, "--all"], project.dir);
    expect(document.query).toEqual({ kind: "resource", resource: "store", notFired: true });
    expect(document.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["explain/ambiguous-name", "'store' names 2 resources: exec_unit:store, persist_kv:store; give the full id."],
    ]);
  });

  it("reports a line with no annotation", async () => {
    const project = tempProject(files);
    const document = await explainFailure(["index.js:4", project.dir, ...base], project.dir);
    expect(document.query).toEqual({ kind: "annotation", file: "index.js", line: 4 });
    expect(document.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["explain/no-annotation", "No annotation at index.js:4; the annotations in index.js are on lines 1 (@klotho::execution_unit), 2 (@klotho::persist)."],
    ]);
  });

  it("reports a config that cannot be read, located in the file", async () => {
    const project = tempProject({ ...files, "bad.yaml": "app: shop\nprovider: [aws\n" });
    const document = await explainFailure([project.dir, ...base, "-c", "bad.yaml"], project.dir);
    expect(document.ok).toBe(false);
    expect(document.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([["config/invalid-yaml", "bad.yaml", 3]]);
  });

  it("reports an invalid command line", async () => {
    const project = tempProject(files);
    const document = await explainFailure([project.dir, ...base, "--bogus"], project.dir);
    expect(document.diagnostics.map((d) => d.code)).toEqual(["cli/invalid-usage"]);
  });

  it("keeps the schema's two shapes apart", () => {
    const validate = schemaValidator("explain");
    expect(validate({ ok: true, diagnostics: [] })).not.toEqual([]);
    expect(validate({ ok: false, diagnostics: [], resources: [] })).not.toEqual([]);
  });

  it("prints the reason as text without --json", async () => {
    const project = tempProject(files);
    const run = await runCli(["explain", "store", project.dir, "--app", "shop", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("klotho explain: 'store' names 2 resources: exec_unit:store, persist_kv:store; give the full id.\n");
  });
});
