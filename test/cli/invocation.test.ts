import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { readEffectiveConfig, readTree, tempProject } from "../helpers/temp-project.js";

const PROJECT = { "package.json": '{ "name": "pugs" }', "index.js": "const dogs = new Map();\n" };
const ownVersion = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

describe("klotho --version and --help", () => {
  it("prints the package version and exits 0", async () => {
    const run = await runCli(["--version"], { cwd: tempProject().dir });
    expect(run).toEqual({ code: 0, stdout: `${ownVersion}\n`, stderr: "" });
  });

  it.each([["--help"], ["-h"]])("%s prints usage on stdout, points at the compile options and exits 0", async (flag) => {
    const run = await runCli([flag], { cwd: tempProject().dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Usage: klotho \[options\] \[command\]\n/);
    expect(run.stdout).toContain("\nTo compile: klotho [compile] <path> --app <name> --provider aws [options]\n`klotho compile --help` lists every option.\n");
  });

  it("compile --help lists the compile options", async () => {
    const run = await runCli(["compile", "--help"], { cwd: tempProject().dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: klotho compile \[options\] \[path\]\n/);
    for (const option of ["--app <name>", "--provider <provider>", "-o, --out-dir <dir>", "-c, --config <file>", "--strict", "--json", "--no-color"]) {
      expect(run.stdout).toContain(option);
    }
    expect(run.stdout).not.toContain("--outDir");
  });
});

describe("invalid invocations exit 2 with one line on stderr", () => {
  it.each<[string, string[], string]>([
    ["no --app", ["--provider", "aws"], "error: Missing required option --app (give it on the command line or in klotho.yaml). [cli/missing-option]"],
    ["no --provider", [".", "--app", "pugs"], "error: Missing required option --provider (give it on the command line or in klotho.yaml). [cli/missing-option]"],
    ["another provider", [".", "--app", "pugs", "--provider", "gcp"], "error: Unknown provider 'gcp'. Supported providers: aws. [cli/unknown-provider]"],
    ["an unknown option", [".", "--app", "pugs", "--provider", "aws", "--frobnicate"], "error: unknown option '--frobnicate'"],
    ["a missing option value", [".", "--provider", "aws", "--app"], "error: option '--app <name>' argument missing"],
    ["two paths", ["a", "b", "--app", "pugs"], "error: too many arguments for 'compile'. Expected 1 argument but got 2."],
  ])("%s", async (_name, argv, line) => {
    const project = tempProject(PROJECT);
    const run = await runCli(argv, { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(outputLines(run.stderr)).toEqual([line]);
    expect(existsSync(project.path("compiled"))).toBe(false);
  });

  it("under --json, a usage error is a JSON document on stdout, for compile and for rules test", async () => {
    const project = tempProject(PROJECT);
    for (const argv of [[".", "--json", "--frobnicate"], ["rules", "test", "--json", "--frobnicate"]]) {
      const run = await runCli(argv, { cwd: project.dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual({ ok: false, diagnostics: [{ code: "cli/invalid-usage", severity: "error", message: "unknown option '--frobnicate'" }] });
    }
  });

  it("reports a project without package.json (here or above) and writes nothing", async () => {
    const project = tempProject({ "index.js": "const a = 1;\n" });
    const before = readTree(project.dir);
    const run = await runCli([".", "--app", "pugs", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      `error: No package.json found in '${project.dir}' or any folder above it; klotho compiles Node.js projects. [project/no-package-json]`,
    ]);
    expect(readTree(project.dir)).toEqual(before);
  });

  it("reports a missing project folder", async () => {
    const project = tempProject(PROJECT);
    const run = await runCli(["nope", "--app", "pugs", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([`error: Project path '${project.path("nope")}' does not exist or is not a folder. [project/not-found]`]);
  });

  it("refuses a package.json npm and Node would refuse (a trailing comma), at its line with a code frame and the summary, with exit 2", async () => {
    const project = tempProject({ ...PROJECT, "package.json": '{\n  "name": "pugs",\n}\n' });
    const run = await runCli([".", "--app", "pugs", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      "package.json:3:1: error: Cannot read package.json: Expected double-quoted property name [project/invalid-json]",
      "  | in package.json",
      "  | 3| }",
      "  |  | ^",
      "klotho: 1 error, 0 warnings; nothing was written.",
    ]);
  });

  it("refuses a package.json that is not an object, at the value with a code frame and the summary, with exit 2", async () => {
    const project = tempProject({ ...PROJECT, "package.json": "[]\n" });
    const run = await runCli([".", "--app", "pugs", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      "package.json:1:1: error: Cannot read package.json: expected an object [project/invalid-json]",
      "  | in package.json",
      "  | 1| []",
      "  |  | ^^",
      "klotho: 1 error, 0 warnings; nothing was written.",
    ]);
    const json = await runCli([".", "--app", "pugs", "--provider", "aws", "--json"], { cwd: project.dir });
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { diagnostics: unknown[] }).diagnostics).toEqual([
      { code: "project/invalid-json", severity: "error", message: "Cannot read package.json: expected an object", file: "package.json", line: 1, column: 1, endLine: 1, endColumn: 3 },
    ]);
  });

  it("reports a missing -c file", async () => {
    const project = tempProject(PROJECT);
    const run = await runCli([".", "-c", "missing.yaml"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([`error: Config file '${project.path("missing.yaml")}' does not exist. [config/not-found]`]);
  });

  it("refuses -o . instead of replacing the project with the output", async () => {
    const project = tempProject(PROJECT);
    const before = readTree(project.dir);
    const run = await runCli([".", "--app", "pugs", "--provider", "aws", "-o", "."], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      "error: Output folder '.' holds the project itself; klotho replaces the whole output folder, so choose another one. [cli/out-dir-holds-project]",
    ]);
    expect(readTree(project.dir)).toEqual(before);
  });
});

describe("klotho.yaml through the CLI", () => {
  it("reports a schema error at its YAML line and column with a code frame, and exits 2", async () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "app: pugs\ndefaults:\n  execution_unit:\n    type: lambda\n    memory: 512\n" });
    const run = await runCli(["--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      "klotho.yaml:5:5: error: unknown property 'memory' in 'defaults.execution_unit'; expected one of: pulumi_params_by_type, type [config/schema]",
      "  | in klotho.yaml",
      "  | 5|     memory: 512",
      "  |  |     ^^^^^^",
      "klotho: 1 error, 0 warnings; nothing was written.",
    ]);
    expect(existsSync(project.path("compiled"))).toBe(false);
  });

  it("reports provider: gcp at the value, naming the allowed values", async () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "app: pugs\nprovider: gcp\n" });
    const run = await runCli([], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      `klotho.yaml:2:11: error: 'provider' must be one of: "aws" [config/schema]`,
      "  | in klotho.yaml",
      "  | 2| provider: gcp",
      "  |  |           ^^^",
      "klotho: 1 error, 0 warnings; nothing was written.",
    ]);
  });

  it("ends a wrong value type in klotho.yaml with the summary line every failed compile prints; explain, which writes nothing, does not", async () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "app: pugs\nprovider: aws\nexecution_units:\n  main:\n    environment_variables:\n      COUNT: 3\n" });
    const run = await runCli([], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)).toEqual([
      "klotho.yaml:6:14: error: 'execution_units.main.environment_variables.COUNT' must be a string [config/schema]",
      "  | in klotho.yaml",
      "  | 6|       COUNT: 3",
      "  |  |              ^",
      "klotho: 1 error, 0 warnings; nothing was written.",
    ]);
    const explained = await runCli(["explain"], { cwd: project.dir });
    expect(explained.code).toBe(2);
    expect(outputLines(explained.stderr).at(-1)).toBe("  |  |              ^");
  });

  it("reports a YAML syntax error in a -c file at its position", async () => {
    const project = tempProject({ ...PROJECT, "conf/k.yml": "app: pugs\n\tprovider: aws\n" });
    const run = await runCli(["-c", "conf/k.yml"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(outputLines(run.stderr)[0]).toBe("conf/k.yml:2:1: error: Invalid YAML: Tabs are not allowed as indentation [config/invalid-yaml]");
    expect(outputLines(run.stderr)[1]).toBe("  | in conf/k.yml");
  });

  it.each([
    ["settings.yaml", "app: from-file\nprovider: aws\nout_dir: from-file-out\n"],
    ["settings.yml", "app: from-file\nprovider: aws\nout_dir: from-file-out\n"],
    ["settings.json", '{ "app": "from-file", "provider": "aws", "out_dir": "from-file-out" }'],
  ])("compiles with -c %s", async (name, text) => {
    const project = tempProject({ ...PROJECT, [name]: text });
    const run = await runCli(["-c", name], { cwd: project.dir });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(readEffectiveConfig(project.path("from-file-out"))).toMatchObject({ app: "from-file", provider: "aws", out_dir: "from-file-out" });
  });

  it("ignores, with a warning at it, the `path:` of a klotho.yaml found in the project folder (a compiled/klotho.yaml copied there); -c compiled/klotho.yaml still reproduces the output", async () => {
    const workspace = tempProject({ "package.json": '{ "name": "mono", "workspaces": ["apps/*"] }', "apps/stray.js": "const other = new Map();\n", ...Object.fromEntries(Object.entries(PROJECT).map(([file, text]) => [`apps/web/${file}`, text])) });
    const web = workspace.path("apps", "web");
    expect((await runCli([".", "--app", "pugs", "--provider", "aws"], { cwd: web })).code).toBe(0);
    const first = readTree(path.join(web, "compiled"));
    writeFileSync(path.join(web, "klotho.yaml"), readFileSync(path.join(web, "compiled", "klotho.yaml")));
    const bare = await runCli([], { cwd: web });
    expect(bare.code).toBe(0);
    expect(outputLines(bare.stderr)[0]).toBe("klotho.yaml:3:7: warning: 'path: ..' is ignored: this klotho.yaml was found in the folder being compiled, so that folder is the project ('path' is read only from a file given with -c, such as compiled/klotho.yaml; to compile another folder, name it on the command line). [config/path-ignored]");
    expect(readTree(path.join(web, "compiled"))).toEqual(first);
    expect(existsSync(workspace.path("apps", "compiled"))).toBe(false);
    rmSync(path.join(web, "klotho.yaml"));
    expect(await runCli(["-c", "compiled/klotho.yaml"], { cwd: web })).toMatchObject({ code: 0, stderr: "" });
    expect(readTree(path.join(web, "compiled"))).toEqual(first);
  });

  it("lets command-line flags override app, provider and out dir from klotho.yaml", async () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "app: from-yaml\nprovider: aws\nout_dir: yaml-out\n" });
    const run = await runCli([".", "--app", "from-cli", "--provider", "aws", "-o", "cli-out"], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(readEffectiveConfig(project.path("cli-out"))).toMatchObject({ app: "from-cli", provider: "aws", out_dir: "cli-out" });
    expect(existsSync(project.path("yaml-out"))).toBe(false);
  });
});

describe("out dir options", () => {
  it.each([["-o"], ["--out-dir"], ["--outDir"]])("%s names the output folder", async (flag) => {
    const project = tempProject(PROJECT);
    const run = await runCli([".", "--app", "pugs", "--provider", "aws", flag, "build/klotho"], { cwd: project.dir });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(readEffectiveConfig(project.path("build", "klotho"))).toMatchObject({ app: "pugs", out_dir: "build/klotho" });
    expect(existsSync(project.path("compiled"))).toBe(false);
  });

  it("writes compiled/ in the working folder by default", async () => {
    const workspace = tempProject({ "app/package.json": "{}", "app/index.js": "" });
    const run = await runCli(["app", "--app", "pugs", "--provider", "aws"], { cwd: workspace.dir });
    expect(run.code).toBe(0);
    expect(readEffectiveConfig(workspace.path("compiled"))).toMatchObject({ app: "pugs", provider: "aws", out_dir: "../compiled" });
  });
});
