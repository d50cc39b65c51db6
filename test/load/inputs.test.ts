import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readInputs, type CompileOptions } from "../../src/load/inputs.js";
import { formatLocation } from "../../src/util/source-range.js";
import { tempProject } from "../helpers/temp-project.js";

const PROJECT = { "package.json": '{ "name": "pugs" }', "index.js": "const x = 1;\n" };

function options(extra: Partial<CompileOptions> = {}): CompileOptions {
  return { rules: [], ...extra };
}

function messagesOf(result: ReturnType<typeof readInputs>): string[] {
  return result.diagnostics.map((d) => `${d.code}: ${d.message}`);
}

describe("readInputs: merging klotho.yaml and the command line", () => {
  it("takes app, provider, out_dir and rules from klotho.yaml", () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "app: pugs\nprovider: aws\nout_dir: build/out\nrules: [policies, ./more]\n", "policies/.keep": "", "more/.keep": "" });
    const result = readInputs(options({ path: "." }), project.dir);
    expect(result.diagnostics).toEqual([]);
    expect(result.inputs?.settings).toEqual({
      app: "pugs",
      provider: "aws",
      outDir: project.path("build", "out"),
      rulePaths: [project.path("policies"), project.path("more")],
    });
    expect(result.inputs?.configFile?.file).toBe("klotho.yaml");
    expect(result.inputs?.project.files.map((f) => f.path)).toEqual(["index.js"]);
    // the sources for code frames: the config, the project files, then every rule file read
    expect([...result.sources.keys()].slice(0, 3)).toEqual(["klotho.yaml", "index.js", "rules/capability/exec-unit.yaml"]);
  });

  it("lets the command line override app, provider and the out dir; CLI rules come after config rules", () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "app: from-yaml\nprovider: aws\nout_dir: yaml-out\nrules: [a]\n", "a/.keep": "", "b/.keep": "" });
    const result = readInputs(options({ app: "from-cli", provider: "aws", outDir: "cli-out", rules: ["b"] }), project.dir);
    expect(result.inputs?.settings).toEqual({
      app: "from-cli",
      provider: "aws",
      outDir: project.path("cli-out"),
      rulePaths: [project.path("a"), project.path("b")],
    });
  });

  it("uses the CLI provider when klotho.yaml has none, and compiled/ under the working folder by default", () => {
    const workspace = tempProject({ "app/package.json": "{}", "app/index.ts": "", "app/klotho.yaml": "app: pugs\n" });
    const result = readInputs(options({ path: "app", provider: "aws" }), workspace.dir);
    expect(result.inputs?.settings.outDir).toBe(workspace.path("compiled"));
    expect(result.inputs?.settings.app).toBe("pugs");
    expect(result.inputs?.project.root).toBe(workspace.path("app"));
  });

  it("locates a rules: entry of klotho.yaml that names nothing, and names a missing --rules path absolutely", () => {
    const project = tempProject({ "package.json": "{}", "index.ts": "", "klotho.yaml": "app: a\nprovider: aws\nrules:\n  - ./policies\n  - ./nope\n", "policies/.keep": "" });
    const fromConfig = readInputs(options({ path: "." }), project.dir);
    expect(fromConfig.diagnostics.map((d) => [d.code, d.range && formatLocation(d.range), d.message])).toEqual([["rule-file/not-found", "klotho.yaml:5:5", "Rule path 'nope' does not exist."]]);
    const other = tempProject({ "package.json": "{}", "index.ts": "", "sub/.keep": "" });
    const fromCli = readInputs(options({ path: "..", app: "a", provider: "aws", rules: ["gone", "../../outside"] }), other.path("sub"));
    expect(fromCli.diagnostics.map((d) => d.message)).toEqual(["Rule path 'sub/gone' does not exist.", `Rule path '${path.resolve(other.dir, "../outside")}' does not exist.`]);
  });

  it("reads -c relative to the working folder; its rules are relative to it and out_dir to the project", () => {
    const workspace = tempProject({
      "app/package.json": "{}",
      "app/index.ts": "",
      "app/klotho.yaml": "app: ignored\n",
      "conf/prod.yml": "app: prod\nprovider: aws\nout_dir: out\nrules: [org-rules]\n",
      "conf/org-rules/.keep": "",
    });
    const result = readInputs(options({ path: "app", config: "conf/prod.yml" }), workspace.dir);
    expect(result.diagnostics).toEqual([]);
    // Outside the project, messages name it by its absolute path (a '../' path would read as relative to the working folder).
    expect(result.inputs?.configFile?.file).toBe(workspace.path("conf/prod.yml"));
    expect(result.inputs?.settings).toEqual({
      app: "prod",
      provider: "aws",
      outDir: workspace.path("app", "out"),
      rulePaths: [workspace.path("conf", "org-rules")],
    });
  });

  it("compiles the folder named by `path:` in an explicit config when no path is given", () => {
    const workspace = tempProject({ "deploy/klotho.yaml": "app: a\nprovider: aws\npath: ../service\n", "service/package.json": "{}", "service/main.ts": "" });
    const result = readInputs(options({ config: "deploy/klotho.yaml" }), workspace.dir);
    expect(result.inputs?.project.root).toBe(workspace.path("service"));
    expect(result.inputs?.project.files.map((f) => f.path)).toEqual(["main.ts"]);
  });

  it("reads `path:` of a klotho.yaml it found in the project folder when it names that folder or one below; one above is a warning at it", () => {
    const workspace = tempProject({ "app/package.json": "{}", "app/x.ts": "", "app/sub/package.json": "{}", "app/sub/y.ts": "" });
    const found = (value: string) => {
      workspace.write({ "app/klotho.yaml": `app: a\nprovider: aws\npath: ${value}\n` });
      const result = readInputs(options(), workspace.path("app"));
      return [result.inputs?.project.root, result.diagnostics.map((d) => [d.code, d.range && formatLocation(d.range)])];
    };
    expect(found(".")).toEqual([workspace.path("app"), []]);
    expect(found("../app")).toEqual([workspace.path("app"), []]);
    expect(found("..")).toEqual([workspace.path("app"), [["config/path-ignored", "klotho.yaml:3:7"]]]);
    expect(found("sub")).toEqual([workspace.path("app/sub"), []]);
    expect(found("../other")).toEqual([workspace.path("app"), [["config/path-ignored", "klotho.yaml:3:7"]]]);
  });

  it("prefers the command-line path over `path:`", () => {
    const workspace = tempProject({ "klotho.yaml": "app: a\nprovider: aws\npath: elsewhere\n", "here/package.json": "{}", "here/x.ts": "" });
    const result = readInputs(options({ path: "here", config: "klotho.yaml" }), workspace.dir);
    expect(result.inputs?.project.root).toBe(workspace.path("here"));
  });

  it("does not read the out dir as part of the project", () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "app: a\nprovider: aws\nout_dir: deploy\n", "deploy/klotho.yaml": "app: a\n", "deploy/resources.json": "{}", "deploy/main/index.js": "" });
    expect(readInputs(options(), project.dir).inputs?.project.files.map((f) => f.path)).toEqual(["index.js"]);
  });
});

describe("readInputs: what stops a compile before it starts", () => {
  it.each<[string, Partial<CompileOptions>, string]>([
    ["no app", { provider: "aws" }, "cli/missing-option: Missing required option --app (give it on the command line or in klotho.yaml)."],
    ["no provider", { app: "a" }, "cli/missing-option: Missing required option --provider (give it on the command line or in klotho.yaml)."],
    ["a provider other than aws", { app: "a", provider: "gcp" }, "cli/unknown-provider: Unknown provider 'gcp'. Supported providers: aws."],
    [
      "an app name that cannot name files and stacks",
      { app: "../../etc", provider: "aws" },
      "cli/invalid-app: Invalid application name '../../etc': 'app' must match ^[A-Za-z0-9][A-Za-z0-9_-]{0,49}$ (Application name: it names the Pulumi project and stack and the topology files (<app>.json, .svg, .png), and is part of the names of ECS task families, log groups and Secrets Manager secrets; other cloud resources are named after their ids.)",
    ],
    [
      "an app name whose topology file would overwrite package.json",
      { app: "Package", provider: "aws" },
      "cli/invalid-app: Invalid application name 'Package': 'Package.json' would overwrite one of klotho's own output files; choose another name",
    ],
  ])("%s", (_name, extra, message) => {
    const project = tempProject(PROJECT);
    const result = readInputs(options(extra), project.dir);
    expect(result.inputs).toBeUndefined();
    expect(messagesOf(result)).toEqual([message]);
  });

  it("refuses an out dir that is the project or holds it, since the writer replaces the whole folder", () => {
    const workspace = tempProject({ "app/package.json": "{}", "app/index.js": "" });
    for (const outDir of [".", ".."]) {
      const result = readInputs(options({ app: "a", provider: "aws", outDir }), workspace.path("app"));
      const shown = outDir === "." ? "." : "..";
      expect(messagesOf(result)).toEqual([
        `cli/out-dir-holds-project: Output folder '${shown}' holds the project itself; klotho replaces the whole output folder, so choose another one.`,
      ]);
    }
    const fromYaml = tempProject({ ...PROJECT, "klotho.yaml": "app: a\nprovider: aws\nout_dir: .\n" });
    expect(readInputs(options(), fromYaml.dir).diagnostics.map((d) => d.code)).toEqual(["cli/out-dir-holds-project"]);
  });

  it("refuses an existing out dir that klotho did not write, and accepts an empty one or an earlier output", () => {
    const project = tempProject({
      ...PROJECT,
      "docs/notes.md": "mine",
      "notes.txt": "mine",
      "hidden-only/.keep": "",
      "previous/klotho.yaml": "app: a\n",
      "previous/resources.json": "{}",
      // Another project of the user's: it holds a klotho.yaml too, but no compile wrote it.
      "other-service/klotho.yaml": "app: other\nprovider: aws\n",
      "other-service/src/index.js": "",
    });
    const run = (outDir: string) => readInputs(options({ app: "a", provider: "aws", outDir }), project.dir);
    expect(messagesOf(run("docs"))).toEqual([
      "cli/out-dir-not-output: Output folder 'docs' exists and is not an earlier klotho output (no klotho.yaml and resources.json in it); klotho replaces the whole output folder, so choose another one or empty it first.",
    ]);
    expect(run("notes.txt").diagnostics.map((d) => d.code)).toEqual(["cli/out-dir-not-output"]);
    expect(run("hidden-only").diagnostics.map((d) => d.code)).toEqual(["cli/out-dir-not-output"]);
    expect(run("other-service").diagnostics.map((d) => d.code)).toEqual(["cli/out-dir-not-output"]);
    mkdirSync(project.path("empty"));
    expect(run("empty").diagnostics).toEqual([]);
    expect(run("previous").diagnostics).toEqual([]);
    expect(run("not-yet").diagnostics).toEqual([]);
  });

  it("stops at a bad klotho.yaml before looking at the options", () => {
    const project = tempProject({ ...PROJECT, "klotho.yaml": "provider: gcp\n" });
    const result = readInputs(options(), project.dir);
    expect(messagesOf(result)).toEqual([`config/schema: 'provider' must be one of: "aws"`]);
    expect(result.sources.get("klotho.yaml")).toBe("provider: gcp\n");
  });
});
