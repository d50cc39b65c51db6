import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { readConfig, type ConfigFile } from "./config.js";
import { readProject, type Project } from "./project.js";

/** The options of a compile as the user gave them on the command line. */
export interface CompileOptions {
  readonly path?: string;
  readonly app?: string;
  readonly provider?: string;
  readonly outDir?: string;
  readonly config?: string;
  readonly rules: readonly string[];
}

/** The settings in force once klotho.yaml and the command line are merged (CLI wins). */
export interface Settings {
  readonly app: string;
  readonly provider: "aws";
  /** Absolute output folder. */
  readonly outDir: string;
  /** Absolute rule files or folders, config ones first, then command-line ones. */
  readonly rulePaths: readonly string[];
}

/** Everything a compile reads from disk. */
export interface Inputs {
  readonly project: Project;
  readonly settings: Settings;
  readonly configFile?: ConfigFile;
}

/** The outcome of reading the inputs: `inputs` unless something stopped the compile before it began. */
export interface InputsResult {
  readonly inputs?: Inputs;
  readonly diagnostics: Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

const SUPPORTED_PROVIDERS = ["aws"] as const;

/** Reads klotho.yaml and the project; `cwd` anchors command-line paths. */
export function readInputs(options: CompileOptions, cwd: string): InputsResult {
  const projectDir = path.resolve(cwd, options.path ?? ".");
  const configResult = readConfig(projectDir, options.config && path.resolve(cwd, options.config));
  if (configResult.diagnostics.length > 0) return configResult;
  const configFile = configResult.configFile;
  const config = configFile?.config ?? {};
  const app = options.app ?? config.app;
  const provider = options.provider ?? config.provider;
  if (!app) return { diagnostics: [createDiagnostic("cli/missing-option", {}, "app")], sources: configResult.sources };
  if (!provider) return { diagnostics: [createDiagnostic("cli/missing-option", {}, "provider")], sources: configResult.sources };
  if (!isSupportedProvider(provider)) {
    return { diagnostics: [createDiagnostic("cli/unknown-provider", {}, provider)], sources: configResult.sources };
  }
  const configDir = configFile?.dir ?? projectDir;
  const outDir = options.outDir
    ? path.resolve(cwd, options.outDir)
    : config.out_dir
      ? path.resolve(configDir, config.out_dir)
      : path.resolve(cwd, "compiled");
  const rulePaths = [
    ...(config.rules ?? []).map((r) => path.resolve(configDir, r)),
    ...options.rules.map((r) => path.resolve(cwd, r)),
  ];
  const projectResult = readProject(projectDir, [outDir]);
  const sources = new Map(configResult.sources);
  if (!projectResult.project) return { diagnostics: projectResult.diagnostics, sources };
  for (const file of projectResult.project.files) sources.set(file.path, file.text);
  const settings: Settings = { app, provider, outDir, rulePaths };
  const inputs: Inputs = { project: projectResult.project, settings, ...(configFile ? { configFile } : {}) };
  return { inputs, diagnostics: projectResult.diagnostics, sources };
}

function isSupportedProvider(provider: string): provider is "aws" {
  return (SUPPORTED_PROVIDERS as readonly string[]).includes(provider);
}
