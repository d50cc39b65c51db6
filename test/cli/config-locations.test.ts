// A problem klotho.yaml causes is reported at the klotho.yaml line that causes it, with the
// resource's annotation as the related location, not at the annotation alone.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { readEffectiveConfig, tempProject } from "../helpers/temp-project.js";

/** A unit `shop` using a key-value store, so it receives KLOTHO_KV_TABLE. */
const files = {
  "package.json": JSON.stringify({ name: "shop", main: "index.js" }),
  "index.js": [
    '/* @klotho::execution_unit { id = "shop" } */',
    '/* @klotho::persist { id = "carts" } */',
    "const carts = new Map();",
    'exports.handler = async () => carts.get("a");',
    "",
  ].join("\n"),
};

/** The diagnostics of a `--json` compile with `config` as klotho.yaml. */
async function diagnostics(config: string): Promise<{ code: number; diagnostics: unknown[] }> {
  const project = tempProject({ ...files, "klotho.yaml": config });
  const run = await runCli([".", "--app", "shop", "--provider", "aws", "--json"], { cwd: project.dir });
  expect(run.stderr).toBe("");
  const document = JSON.parse(run.stdout) as { diagnostics: unknown[] };
  return { code: run.code, diagnostics: document.diagnostics };
}

const declared = { message: "exec_unit:shop is declared here", file: "index.js", line: 1, column: 4 };

describe("klotho.yaml problems found while rendering", () => {
  it("locates a type the program cannot create at the unit's type in klotho.yaml", async () => {
    const result = await diagnostics("execution_units:\n  shop:\n    type: eks\n");
    expect(result.code).toBe(2);
    expect(result.diagnostics).toEqual([
      {
        code: "render/unsupported-type",
        severity: "error",
        message: "exec_unit:shop has type 'eks', which the Pulumi program cannot create yet; choose one of: ecs, lambda (klotho.yaml type).",
        file: "klotho.yaml",
        line: 3,
        column: 11,
        endLine: 3,
        endColumn: 14,
        related: [declared],
      },
    ]);
  });

  it("locates a default type at defaults.execution_unit.type", async () => {
    const result = await diagnostics("defaults:\n  execution_unit:\n    type: eks\n");
    expect(result.diagnostics).toMatchObject([{ code: "render/unsupported-type", file: "klotho.yaml", line: 3, column: 11, related: [declared] }]);
  });

  it("locates a parameter of a type's defaults (pulumi_params_by_type) at its key", async () => {
    const result = await diagnostics("defaults:\n  execution_unit:\n    pulumi_params_by_type:\n      lambda:\n        timeout: 60\n        memorySize: lots\n");
    expect(result.code).toBe(2);
    expect(result.diagnostics).toMatchObject([{ code: "render/invalid-param", file: "klotho.yaml", line: 6, column: 9 }]);
  });

  it("locates an environment variable that takes the name of one of klotho's at its key", async () => {
    const result = await diagnostics("execution_units:\n  shop:\n    environment_variables:\n      OTHER: fine\n      KLOTHO_KV_TABLE: hijack\n");
    expect(result.code).toBe(2);
    expect(result.diagnostics).toMatchObject([
      { code: "render/environment-conflict", file: "klotho.yaml", line: 5, column: 7, endLine: 5, endColumn: 22, related: [declared] },
    ]);
  });
});

describe("environment variables outside execution_units", () => {
  const config = "persisted:\n  carts:\n    environment_variables:\n      FOO: bar\nexecution_units:\n  shop:\n    environment_variables:\n      GREETING: hello\n";

  it("are a warning at their key, and are not echoed into compiled/klotho.yaml", async () => {
    const project = tempProject({ ...files, "klotho.yaml": config });
    const run = await runCli([".", "--app", "shop", "--provider", "aws", "--json"], { cwd: project.dir });
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout) as { diagnostics: unknown[] };
    expect(document.diagnostics).toEqual([
      {
        code: "config/environment-not-unit",
        severity: "warning",
        message:
          "klotho.yaml persisted.carts.environment_variables is ignored: only execution units receive environment variables; set them under execution_units.<unit id>.environment_variables.",
        file: "klotho.yaml",
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 26,
      },
    ]);
    const effective = readEffectiveConfig(project.path("compiled"));
    expect(effective["persisted"]).toEqual({ carts: { type: "dynamodb" } });
    expect(effective["execution_units"]).toMatchObject({ shop: { environment_variables: { GREETING: "hello" } } });
  });

  it("still let a klotho.yaml that holds them load, as an earlier compile wrote it", async () => {
    const project = tempProject({ ...files, "old.yaml": `app: shop\nprovider: aws\n${config}` });
    const run = await runCli([".", "-c", "old.yaml", "-o", "out"], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("old.yaml:5:5: warning: klotho.yaml persisted.carts.environment_variables is ignored");
  });
});

describe("the exit code of a mistake in klotho.yaml", () => {
  it.each([
    ["a misspelt key", "execution_units:\n  shop:\n    typ: ecs\n", "config/schema"],
    ["an unknown type", "execution_units:\n  shop:\n    type: fargate\n", "config/unknown-type"],
    ["a parameter of the wrong type", "execution_units:\n  shop:\n    pulumi_params:\n      memorySize: lots\n", "render/invalid-param"],
    ["a parameter value AWS refuses", "execution_units:\n  shop:\n    type: ecs\n    pulumi_params:\n      cpu: 300\n", "render/invalid-param"],
  ])("is 2 for %s, as for a config file that cannot be read", async (_name, config, code) => {
    const result = await diagnostics(config);
    expect(result.diagnostics.filter((d) => (d as { severity: string }).severity === "error")).toMatchObject([{ code, file: "klotho.yaml" }]);
    expect(result.code).toBe(2);
  });

  it("stays 1 for an error in the code, even with a klotho.yaml", async () => {
    const project = tempProject({ ...files, "index.js": "const x = 1;\nconst x = 2;\n", "klotho.yaml": "execution_units: {}\n" });
    const run = await runCli([".", "--app", "shop", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(1);
  });
});
