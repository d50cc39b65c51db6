// With `module: node16` or `nodenext`, a unit's JavaScript is what `tsc -p` emits for the project: in a
// CommonJS file `import()` stays a dynamic import (an ES-module-only package loads), ES modules stay
// ES modules. Each case is a small project compiled twice, by tsc's whole program and by klotho's
// per-file emit, and the two JavaScript texts of every file must be the same.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readProject } from "../../src/load/project.js";
import { emitAll, emitKey, isTypeScript, javascriptPath, loadTypeScript } from "../../src/transform/typescript.js";
import { tempProject } from "../helpers/temp-project.js";

const ts = loadTypeScript();

const SOURCES = {
  "src/app.ts": [
    'import { helper } from "./helper.js";',
    'import * as fs from "node:fs";',
    "export async function loadEsmOnly(): Promise<unknown> {",
    '  const esm = await import("esm-only-pkg");',
    "  return { esm, helper, exists: fs.existsSync };",
    "}",
    "export default class App { name = 'app'; }",
    "",
  ].join("\n"),
  "src/helper.ts": 'export const helper = (name: string): string => `hello ${name}`;\nexport const later = () => import("./app.js");\n',
  "src/worker.cts": 'export async function start(): Promise<unknown> { return import("esm-only-pkg"); }\n',
  "src/view.mts": 'export const load = async () => (await import("esm-only-pkg")).default;\nexport const here = import.meta.url;\n',
};

/** tsc's JavaScript for every TypeScript file of the project in `dir` (project-relative path → text). */
function tscOutput(dir: string): Map<string, string> {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), { outDir: path.join(dir, "tsc-out"), rootDir: path.join(dir, "src") }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!config) throw new Error("tsconfig.json not read");
  const written = new Map<string, string>();
  ts.createProgram(config.fileNames, config.options).emit(undefined, (name, text) => {
    if (!name.endsWith(".map")) written.set(`src/${path.relative(path.join(dir, "tsc-out"), name).split(path.sep).join("/")}`, text);
  });
  return written;
}

/** klotho's JavaScript for the same files, emitted one by one with the project's tsconfig.json. */
function klothoOutput(dir: string): Map<string, string> {
  const { project } = readProject(dir, [path.join(dir, "tsc-out")]);
  if (!project) throw new Error("project not read");
  const emit = project.tsconfigs?.[0]?.emit;
  const requests = project.files.filter((file) => isTypeScript(file.path)).map((file) => ({ path: file.path, text: file.text, moduleKind: file.moduleKind, project: { tsconfig: true, ...(emit ? { emit } : {}) } }));
  const emitted = emitAll(ts, requests);
  return new Map(requests.map((request) => [javascriptPath(request.path), emitted.get(emitKey(request))?.code.text ?? ""]));
}

const withoutMapComment = (text: string | undefined): string => (text ?? "").replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n");

describe.each(["node16", "nodenext"])("module: %s", (module) => {
  it.each(["commonjs", "module"])("emits as tsc does in a package of type %s", (type) => {
    const project = tempProject({
      ...SOURCES,
      "package.json": JSON.stringify({ name: "app", type, dependencies: { "esm-only-pkg": "1.0.0" } }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { module, target: "ES2022", sourceMap: true, strict: true, skipLibCheck: true, types: [] }, include: ["src"] }),
    });
    const expected = tscOutput(project.dir);
    const actual = klothoOutput(project.dir);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [file, text] of expected) expect(withoutMapComment(actual.get(file)), file).toBe(withoutMapComment(text));
    // What the fix is for: CommonJS keeps the dynamic import.
    const commonjs = actual.get(type === "module" ? "src/worker.cjs" : "src/app.js") ?? "";
    expect(commonjs).toContain('import("esm-only-pkg")');
    expect(commonjs).not.toContain('require("esm-only-pkg")');
  });
});
