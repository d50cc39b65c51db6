import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, type CliRun } from "../helpers/run-cli.js";
import { pngText } from "../../src/diagram/png-chunks.js";
import { isBuildOf } from "../../scripts/build/source-digest.mjs";
import { createTempFolder, readEffectiveConfig, readTree, tempProject, type TempFolder } from "../helpers/temp-project.js";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** What the installed package holds besides dist/ (see `files` in package.json). */
const PACKAGE_PARTS = ["bin", "schemas", "rules", "providers", "templates", "package.json"];

let install: TempFolder;

// A private copy of the package with the CLI as klotho's own build makes it (compile, bundle, prebuilt
// validators, caches), so the test never touches the repo's dist/: a copy of dist/ when it is the build
// of the sources as they are (as under `npm test`, which builds first), else a build of its own.
beforeAll(() => {
  install = createTempFolder();
  for (const part of PACKAGE_PARTS) {
    if (existsSync(path.join(repo, part))) cpSync(path.join(repo, part), install.path(part), { recursive: true });
  }
  symlinkSync(path.join(repo, "node_modules"), install.path("node_modules"), "dir");
  if (isBuildOf(repo, path.join(repo, "dist"))) {
    cpSync(path.join(repo, "dist"), install.path("dist"), { recursive: true });
    return;
  }
  const build = spawnSync(process.execPath, [path.join(repo, "scripts", "build.mjs"), "--out", install.path()], { encoding: "utf8" });
  if (!existsSync(install.path("dist", "bundle", "main.cjs"))) throw new Error(`the build made no bundle:\n${build.stdout}${build.stderr}`);
}, 180_000);

afterAll(() => {
  install.remove();
});

/** Runs the built `klotho` binary as a child process with only the given environment. */
function spawnKlotho(argv: readonly string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const child = spawnSync(process.execPath, [install.path("bin", "klotho.js"), ...argv], {
    cwd,
    env: { PATH: process.env["PATH"] ?? "", ...env },
    encoding: "utf8",
  });
  return { code: child.status ?? -1, stdout: child.stdout, stderr: child.stderr };
}

describe("the klotho binary", () => {
  it.each<[string, string[], Record<string, string>, number]>([
    ["--version", ["--version"], { "package.json": "{}" }, 0],
    ["a missing --app", ["--provider", "aws"], { "package.json": "{}", "index.js": "" }, 2],
    ["an unknown option", ["--app", "a", "--provider", "aws", "--nope"], { "package.json": "{}" }, 2],
    ["no package.json", ["--app", "a", "--provider", "aws"], { "index.js": "" }, 2],
    ["a bad klotho.yaml", ["--provider", "aws"], { "package.json": "{}", "klotho.yaml": "app: a\nprovider: gcp\n" }, 2],
    ["a syntax error", ["--app", "a", "--provider", "aws"], { "package.json": '{ "main": "a.js" }', "a.js": "const x = 1;\nconst x = 2;\n" }, 1],
    ["a warning under --strict", ["--app", "a", "--provider", "aws", "--strict"], { "package.json": "{}", "a.js": "// @klotho::nope\n" }, 1],
    ["a clean project", ["--app", "a", "--provider", "aws", "--json"], { "package.json": "{}", "a.js": "const x = 1;\n" }, 0],
  ])("returns the same exit code and messages as main() for %s", async (_name, argv, files, code) => {
    const spawned = tempProject(files);
    const inProcess = tempProject(files);
    const child = spawnKlotho(argv, spawned.dir);
    const direct = await runCli(argv, { cwd: inProcess.dir });
    expect(child.code).toBe(code);
    expect(direct.code).toBe(code);
    const normalise = (text: string, dir: string) => text.split(dir).join("<project>").replace(/"(\w+)": \d+(\.\d+)?/g, '"$1": 0');
    expect(normalise(child.stderr, spawned.dir)).toBe(normalise(direct.stderr, inProcess.dir));
    expect(normalise(child.stdout, spawned.dir)).toBe(normalise(direct.stdout, inProcess.dir));
  });

  // The build writes ASCII-only chunks (faster to read and keep): klotho's own non-ASCII text (✓, ←, ·) is escaped in them, not lost.
  it("prints klotho's non-ASCII characters as main() does, from a bundle of ASCII only", async () => {
    for (const chunk of readdirSync(install.path("dist", "bundle")).filter((file) => file.endsWith(".cjs"))) {
      expect(readFileSync(install.path("dist", "bundle", chunk), "latin1"), chunk).toMatch(/^[\x00-\x7f]*$/);
    }
    const files = { "package.json": '{ "main": "a.js" }', "a.js": '// @klotho::persist { id = "dogs" }\nconst dogs = new Map();\nrequire("express")().get("/d", (req, res) => res.json(dogs.get("a"))).listen(3000);\n' };
    const argv = ["explain", "persist_kv:dogs", "--app", "pugs", "--provider", "aws"];
    const spawned = tempProject(files);
    const child = spawnKlotho(argv, spawned.dir);
    const direct = await runCli(argv, { cwd: tempProject(files).dir });
    expect(child.code).toBe(0);
    expect(child.stdout).toContain("✓ subject equal");
    expect(child.stdout).toContain("← exec_unit:main");
    expect(child.stdout).toBe(direct.stdout);
  });

  it("prints errors without a stack trace or escape codes when piped", () => {
    const project = tempProject({ "package.json": '{ "main": "a.js" }', "a.js": "const x = 1;\nconst x = 2;\n" });
    const child = spawnKlotho([".", "--app", "a", "--provider", "aws"], project.dir);
    expect(child.code).toBe(1);
    expect(child.stderr).toContain("a.js:2:7: error: Syntax error: Identifier 'x' has already been declared. [parse/syntax-error]\n  | in a.js\n");
    expect(child.stderr).not.toMatch(/^\s+at /m);
    expect(child.stderr).not.toContain("\u001b[");
  });

  it("writes nothing under $HOME", () => {
    const home = tempProject({});
    const project = tempProject({ "package.json": "{}", "index.js": "// @klotho::persist { id = \"dogs\" }\nconst dogs = new Map();\n" });
    const child = spawnKlotho([".", "--app", "pugs", "--provider", "aws"], project.dir, { HOME: home.dir, USERPROFILE: home.dir });
    expect(child.code).toBe(0);
    expect(readEffectiveConfig(project.path("compiled"))).toMatchObject({ app: "pugs", provider: "aws" });
    expect(readdirSync(home.dir)).toEqual([]);
  });

  // The diagram's thread starts before the compiler's modules load; an internal error after that must
  // still end the process (a thread that refs itself would keep it alive for ever).
  it("ends with exit 2 after an internal error while the diagram's thread is running", () => {
    const project = tempProject({ "package.json": "{}", "index.js": "const x = 1;\n", "throw.cjs": 'const Module = require("node:module");\nconst load = Module._load;\nModule._load = function (request, ...rest) {\n  if (request === "./compile.cjs") throw new Error("simulated internal error");\n  return load.call(this, request, ...rest);\n};\n' });
    const child = spawnSync(process.execPath, ["--require", project.path("throw.cjs"), install.path("bin", "klotho.js"), ".", "--app", "a", "--provider", "aws"], {
      cwd: project.dir,
      env: { PATH: process.env["PATH"] ?? "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(child.signal, "the process did not end").toBeNull();
    expect(child.status).toBe(2);
    expect(child.stderr).toContain("klotho: internal error; please report it with the output below.\nError: simulated internal error");
    // With --json, a program reading stdout still gets one failure document; the trace stays on stderr.
    const json = spawnSync(process.execPath, ["--require", project.path("throw.cjs"), install.path("bin", "klotho.js"), ".", "--app", "a", "--provider", "aws", "--json"], {
      cwd: project.dir,
      env: { PATH: process.env["PATH"] ?? "" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: "cli/internal-error",
          severity: "error",
          message: "klotho failed with an internal error, a bug in klotho, not in your project: simulated internal error. Please report it with the stack trace printed on stderr.",
        },
      ],
    });
    expect(json.stderr).toContain("Error: simulated internal error");
  });

  it("stops quietly when its reader closes the pipe early (`klotho explain | head`)", () => {
    const command = `"${process.execPath}" "${install.path("bin", "klotho.js")}" explain "${path.join(repo, "examples", "pugs")}" --app pugs --provider aws --all --json | head -c 10`;
    const child = spawnSync("sh", ["-c", command], { encoding: "utf8", env: { PATH: process.env["PATH"] ?? "" } });
    expect(child.stdout.startsWith("{")).toBe(true);
    expect(child.stderr).toBe("");
  });

  // The bundle's json-rules-engine copies each evaluated rule with klotho's copy, not the `clone` package the sources use.
  it("explains every rule that did not fire as main() does, copying each evaluated rule with klotho's own copy", async () => {
    const sources = readdirSync(install.path("dist", "bundle"))
      .filter((file) => file.endsWith(".cjs.map"))
      .flatMap((file) => (JSON.parse(readFileSync(install.path("dist", "bundle", file), "utf8")) as { sources: string[] }).sources);
    expect(sources).toContain("../engine/result-copy.js");
    expect(sources.filter((source) => source.includes("node_modules/clone/"))).toEqual([]);
    const pugs = path.join(repo, "examples", "pugs");
    for (const argv of [["explain", pugs, "--app", "pugs", "--provider", "aws", "--all", "--json"], ["explain", "pugs.js:9", pugs, "--app", "pugs", "--provider", "aws"]]) {
      const child = spawnKlotho(argv, repo);
      const direct = await runCli(argv, { cwd: repo });
      expect(child.code).toBe(0);
      expect(child.stdout).toBe(direct.stdout);
    }
  });
});

describe("the klotho binary's recompile", () => {
  const COMPILE = [".", "--app", "pugs", "--provider", "aws"];
  const project = (padding: string): Record<string, string> => ({
    "package.json": '{ "name": "pugs", "dependencies": { "express": "^4.21.0" } }',
    "index.js": `const express = require("express");\nconst app = express();\n${padding}app.get("/pugs", (req, res) => res.send("ok"));\n/* @klotho::expose { id = "api", target = "public" } */\napp.listen(3000);\n`,
  });
  const MOVED = "// a comment that moves the route down\n\n";

  it("keeps the whole diagram, laying nothing out, after an edit that moves the routes but leaves the architecture, and writes what a fresh compile writes", () => {
    const edited = tempProject(project(""));
    expect(spawnKlotho(COMPILE, edited.dir).code).toBe(0);
    const before = readTree(edited.path("compiled"));
    expect(pngText(before["pugs.png"] ?? Buffer.alloc(0), "klotho drawing")).toMatch(/^[0-9a-f]{64} [0-9a-f]{64}$/);
    edited.write(project(MOVED));
    const again = spawnKlotho([...COMPILE, "--timings"], edited.dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^timing diagram_kept: /m);
    expect(again.stderr).not.toMatch(/^timing diagram_layout: /m);
    const fresh = tempProject(project(MOVED));
    expect(spawnKlotho(COMPILE, fresh.dir).code).toBe(0);
    const after = readTree(edited.path("compiled"));
    expect(after).toEqual(readTree(fresh.path("compiled")));
    // The route moved: the unit's code changed, the diagram did not.
    expect(after["pugs.png"]).toEqual(before["pugs.png"]);
    expect(after).not.toEqual(before);
  });

  it("draws the diagram again when the architecture changed", () => {
    const edited = tempProject(project(""));
    expect(spawnKlotho(COMPILE, edited.dir).code).toBe(0);
    const before = readTree(edited.path("compiled"));
    edited.write({ "store.js": '/** @klotho::persist { id = "cats" } */\nconst cats = new Map();\nmodule.exports = cats;\n', "index.js": `require("./store");\n${project("")["index.js"] ?? ""}` });
    const again = spawnKlotho([...COMPILE, "--timings"], edited.dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^timing diagram_layout: /m);
    expect(readTree(edited.path("compiled"))["pugs.svg"]?.toString()).toContain('data-node="persist_kv:cats"');
    expect(readTree(edited.path("compiled"))["pugs.png"]).not.toEqual(before["pugs.png"]);
  });
});

describe("the klotho binary's recompile of TypeScript", () => {
  const COMPILE = [".", "--app", "shop", "--provider", "aws"];
  const FILES = {
    "package.json": '{ "name": "shop", "type": "module", "dependencies": { "express": "^4.21.0" } }',
    "tsconfig.json": '{ "compilerOptions": { "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true } }',
    "src/index.ts": 'import express from "express";\nimport { total } from "./lib/total.js";\nconst app = express();\napp.get("/total", (req, res) => { res.json({ total: total([1, 2]) }); });\n/* @klotho::expose { id = "api", target = "public" } */\napp.listen(3000);\n',
    "src/lib/total.ts": "export function total(values: readonly number[]): number {\n  return values.reduce((sum, value) => sum + value, 0);\n}\n",
  };
  const EMITTED = "main/src/lib/total.js";
  const MAP = "main/klotho_runtime/source-maps/src/lib/total.js.map";

  it("keeps the JavaScript the output folder holds for unchanged TypeScript, as the compiler would emit it, and emits again what changed or was edited", () => {
    const project = tempProject(FILES);
    expect(spawnKlotho(COMPILE, project.dir).code).toBe(0);
    const cold = readTree(project.path("compiled"));
    const map = JSON.parse(cold[MAP]?.toString() ?? "{}") as Record<string, unknown>;
    expect(map["x_klotho_emit"]).toMatch(/^[0-9a-f]{64} [0-9a-f]{64}$/);
    expect(map["sourcesContent"]).toEqual([FILES["src/lib/total.ts"]]);

    // A recompile writes the same bytes.
    expect(spawnKlotho(COMPILE, project.dir).code).toBe(0);
    expect(readTree(project.path("compiled"))).toEqual(cold);

    // What it reuses is the output folder's file, not a new emit: a planted file whose digest the map records is kept.
    const planted = `${cold[EMITTED]?.toString() ?? ""}// planted\n`;
    const [stamp] = String(map["x_klotho_emit"]).split(" ");
    project.write({ [`compiled/${EMITTED}`]: planted, [`compiled/${MAP}`]: JSON.stringify({ ...map, x_klotho_emit: `${stamp ?? ""} ${createHash("sha256").update(planted).digest("hex")}` }) });
    expect(spawnKlotho(COMPILE, project.dir).code).toBe(0);
    expect(readTree(project.path("compiled"))[EMITTED]?.toString()).toBe(planted);

    // An edit the map does not record is emitted again.
    project.write({ [`compiled/${EMITTED}`]: `${cold[EMITTED]?.toString() ?? ""}// edited\n`, [`compiled/${MAP}`]: cold[MAP]?.toString() ?? "" });
    expect(spawnKlotho(COMPILE, project.dir).code).toBe(0);
    expect(readTree(project.path("compiled"))).toEqual(cold);

    // Changed TypeScript is emitted again, as a compile into an empty folder emits it.
    const changed = { "src/lib/total.ts": "export function total(values: readonly number[]): number {\n  return values.reduce((sum, value) => sum + value * 2, 0);\n}\n" };
    project.write(changed);
    expect(spawnKlotho(COMPILE, project.dir).code).toBe(0);
    const fresh = tempProject({ ...FILES, ...changed });
    expect(spawnKlotho(COMPILE, fresh.dir).code).toBe(0);
    expect(readTree(project.path("compiled"))).toEqual(readTree(fresh.path("compiled")));
    expect(readTree(project.path("compiled"))[EMITTED]?.toString()).toContain("value * 2");
  });
});
