// Helpers for the Pulumi program tests: compile a project in memory, write its program into a
// folder under the repository (so `@pulumi/*` resolve from its node_modules), type-check several
// programs with one tsc run, and run each under Pulumi's mocks in a child process.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { readInputs, type CompileOptions } from "../../src/load/inputs.js";
import { compile, type CompileResult } from "../../src/pipeline.js";
import type { MockInventory, MockResource } from "./mock-runner.js";

const run = promisify(execFile);

/** The repository root. */
export const REPO = path.resolve(import.meta.dirname, "..", "..");
const TSC = path.join(REPO, "node_modules", "typescript", "bin", "tsc");

/** The files of a compiled Pulumi program, by name (index.ts, tsconfig.json, ...). */
export type ProgramFiles = ReadonlyMap<string, string>;

/** Compiles the project at `dir` in memory (nothing is written) with the given options. */
export async function compileProject(dir: string, app: string, options: Partial<CompileOptions> = {}): Promise<CompileResult> {
  const read = readInputs({ path: dir, app, provider: "aws", rules: [], ...options }, REPO);
  if (!read.inputs) throw new Error(`cannot read ${dir}: ${read.diagnostics.map((d) => d.message).join("; ")}`);
  return compile(read.inputs);
}

/** The Pulumi project files among a compile's output files. */
export function programFiles(result: CompileResult, app: string): ProgramFiles {
  const names = ["index.ts", "tsconfig.json", "package.json", "Pulumi.yaml", `Pulumi.${app}.yaml`];
  const out = new Map<string, string>();
  for (const file of result.files) {
    if (names.includes(file.path) && "contents" in file && typeof file.contents === "string") out.set(file.path, file.contents);
  }
  return out;
}

/** A scratch folder under the repository for generated programs; `remove()` deletes it. */
export interface ProgramWorkspace {
  readonly root: string;
  /** Writes a program's files into `<root>/compiled/<name>/` and returns that folder. */
  write(name: string, files: ProgramFiles): string;
  remove(): void;
}

/** Creates the scratch folder (`.tmp/render-*`, ignored by git; programs live under a `compiled/` folder, which ESLint skips). */
export function createWorkspace(): ProgramWorkspace {
  mkdirSync(path.join(REPO, ".tmp"), { recursive: true });
  const root = mkdtempSync(path.join(REPO, ".tmp", "render-"));
  return {
    root,
    write(name, files) {
      const dir = path.join(root, "compiled", name);
      mkdirSync(dir, { recursive: true });
      for (const [file, text] of files) writeFileSync(path.join(dir, file), text);
      return dir;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * Type-checks the programs in `dirs` with one tsc run, using the generated tsconfig.json of the
 * first (the test checks they are all the same) for every index.ts. Returns tsc's diagnostics.
 */
export async function typecheckPrograms(workspace: ProgramWorkspace, dirs: readonly string[]): Promise<string> {
  const first = dirs[0];
  if (first === undefined) return "";
  const config = path.join(workspace.root, "tsconfig.all.json");
  const files = dirs.map((dir) => path.relative(workspace.root, path.join(dir, "index.ts")));
  writeFileSync(config, JSON.stringify({ extends: `./${path.relative(workspace.root, path.join(first, "tsconfig.json"))}`, compilerOptions: { noEmit: true }, files }));
  try {
    await run(process.execPath, [TSC, "-p", config], { cwd: workspace.root, maxBuffer: 16 * 1024 * 1024 });
    return "";
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    return `${output.stdout ?? ""}${output.stderr ?? ""}` || String(error);
  }
}

/** Transpiles `file` (TypeScript) to CommonJS JavaScript at `target`. */
function transpileTo(file: string, target: string): void {
  const output = ts.transpileModule(readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
  });
  writeFileSync(target, output.outputText);
}

/** Runs the program in `dir` under Pulumi's mocks with `config` as its stack config and returns what it created. */
export async function runUnderMocks(dir: string, project: string, config: Readonly<Record<string, string>> = {}, secrets: readonly string[] = []): Promise<MockInventory> {
  const runner = path.join(dir, "mock-runner.cjs");
  const preload = path.join(dir, "mock-preload.cjs");
  transpileTo(path.join(import.meta.dirname, "mock-runner.ts"), runner);
  transpileTo(path.join(import.meta.dirname, "mock-preload.ts"), preload);
  transpileTo(path.join(dir, "index.ts"), path.join(dir, "index.js"));
  const env = {
    ...process.env,
    PULUMI_CONFIG: JSON.stringify(Object.fromEntries(Object.entries(config).map(([key, value]) => [key.includes(":") ? key : `${project}:${key}`, value]))),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secrets.map((key) => `${project}:${key}`)),
  };
  const { stdout } = await run(process.execPath, ["--require", preload, runner, path.join(dir, "index.js"), project], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as MockInventory;
}

/** Resources of one type token. */
export function ofType(inventory: MockInventory, type: string): MockResource[] {
  return inventory.resources.filter((resource) => resource.type === type);
}

/** `type` → count, for the whole inventory. */
export function typeCounts(inventory: MockInventory): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of inventory.resources) counts[resource.type] = (counts[resource.type] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The one resource of `type` named `name`; throws when there is none. */
export function resourceNamed(inventory: MockInventory, type: string, name: string): MockResource {
  const found = inventory.resources.find((resource) => resource.type === type && resource.name === name);
  if (!found) throw new Error(`no ${type} named ${name}; have: ${ofType(inventory, type).map((r) => r.name).join(", ")}`);
  return found;
}
