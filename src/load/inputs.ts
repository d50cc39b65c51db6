import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { isKlothoOutput } from "./walk.js";
import { followLinks } from "./follow-links.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath, relativePosix } from "../util/paths.js";
import { isDeclarationFile, isTypeScriptFile } from "../util/typescript-files.js";
import { readConfig, type ConfigFile, type KlothoConfig } from "./config.js";
import { readPreviousDiagram, type PreviousDiagram } from "./previous-diagram.js";
import { readPreviousEmits, type PreviousEmits } from "./previous-emits.js";
import { readProject, type Project } from "./project.js";
import { readTypeTable, type ProviderTypeTable } from "./provider-types.js";
import { loadRuleSet, type RuleSet } from "./rules.js";
import { readRuntimeFiles } from "./runtime-files.js";
import { readPrecompiledTemplates, readTemplates } from "./templates.js";
import { schemaValidator } from "./schemas.js";

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
  /** Built-in rules, then the organisation's, validated. */
  readonly ruleSet: RuleSet;
  /** The provider's cloud types with their kinds and default params. */
  readonly typeTable: ProviderTypeTable;
  /** klotho's runtime files, copied into every execution unit's folder (readInputs reads them on first use, after the plan). */
  readonly runtime: ReadonlyMap<string, string>;
  /** The provider's Nunjucks templates of the infrastructure program (name → text; read on first use, as `runtime`). */
  readonly templates: ReadonlyMap<string, string>;
  /** The templates `npm run build` compiled, by their text (none when running from the TypeScript sources; read on first use). */
  readonly precompiledTemplates: ReadonlyMap<string, object>;
  /** The diagram the output folder holds from an earlier compile (none for explain, which writes nothing). */
  readonly previousDiagram?: PreviousDiagram;
  /** A compile's: the JavaScript the output folder's unit folders hold for TypeScript (see readPreviousEmits). */
  readonly previousEmits?: PreviousEmits;
}

/** The outcome of reading the inputs: `inputs` unless something stopped the compile before it began. */
export interface InputsResult {
  readonly inputs?: Inputs;
  readonly diagnostics: Diagnostic[];
  readonly sources: ReadonlyMap<string, string>;
}

const SUPPORTED_PROVIDERS = ["aws"] as const;

/** App names whose topology file `<app>.json` would collide with another file klotho writes to the output folder. */
const RESERVED_APP_NAMES: readonly string[] = ["package", "resources", "tsconfig"];

/**
 * Reads klotho.yaml and the project; `cwd` anchors command-line paths. The output folder is checked
 * (it must not hold the project, and be empty or an earlier output) unless `writes` is false (explain).
 */
export function readInputs(options: CompileOptions, cwd: string, { writes = true }: { writes?: boolean } = {}): InputsResult {
  const startDir = path.resolve(cwd, options.path ?? ".");
  const configResult = readConfig(startDir, options.config && path.resolve(cwd, options.config));
  if (configResult.diagnostics.length > 0) return configResult;
  const configFile = configResult.configFile;
  const config = configFile?.config ?? {};
  const configDir = configFile?.dir ?? startDir;
  const { projectDir, pathIgnored } = projectFolder(options, configFile, startDir);
  const stop = (diagnostic: Diagnostic): InputsResult => ({ diagnostics: [diagnostic], sources: configResult.sources });
  const merged = mergeSettings(options, config, { cwd, projectDir, configDir });
  if ("diagnostic" in merged) return stop(merged.diagnostic);
  const settings = merged.settings;
  const unsafe = writes ? checkOutDir(settings.outDir, projectDir, cwd) : undefined;
  if (unsafe) return stop(unsafe);
  const projectResult = readProject(projectDir, [settings.outDir]);
  const sources = new Map(configResult.sources);
  if (!projectResult.project) return { diagnostics: [...pathIgnored, ...projectResult.diagnostics], sources: new Map([...sources, ...(projectResult.sources ?? [])]) };
  for (const file of [...projectResult.project.files, ...(projectResult.project.dockerfiles ?? [])]) sources.set(file.path, file.text);
  for (const [file, text] of projectResult.sources ?? []) sources.set(file, text);
  // A rules: entry of klotho.yaml naming nothing is located at the entry; the command line's are reported by loadRuleSet.
  const missing = (config.rules ?? []).flatMap((entry, index) => {
    const absolute = path.resolve(configDir, entry);
    if (existsSync(absolute)) return [];
    return [{ absolute, diagnostic: createDiagnostic("rule-file/not-found", configFile ? { range: configFile.document.locate(["rules", index]) } : {}, displayPath(projectDir, absolute)) }];
  });
  const rulePaths = settings.rulePaths.filter((rulePath) => !missing.some((m) => m.absolute === rulePath));
  const types = readTypeTable(settings.provider);
  const rules = loadRuleSet({ provider: settings.provider, rulePaths, projectRoot: projectDir, typeTable: types.typeTable });
  for (const [file, text] of rules.sources) sources.set(file, text);
  const ruleDiagnostics = [...missing.map((m) => m.diagnostic), ...rules.diagnostics];
  if (!rules.ruleSet || !types.typeTable || missing.length > 0) return { diagnostics: [...ruleDiagnostics, ...types.diagnostics], sources };
  const previousDiagram = writes ? readPreviousDiagram(settings.outDir, settings.app) : undefined;
  // Only a project with TypeScript has JavaScript emitted into its unit folders to reuse.
  const hasTypeScript = projectResult.project.files.some((file) => isTypeScriptFile(file.path) && !isDeclarationFile(file.path));
  const previousEmits = writes && hasTypeScript ? readPreviousEmits(settings.outDir) : undefined;
  // What only the output needs (the runtime files, the program's templates) is read when first asked
  // for, once the plan is made: a compile's main thread is then ahead of the diagram's, not on the way
  // to the plan (about 10 ms, most of it Node compiling the precompiled templates' file).
  let runtime: ReadonlyMap<string, string> | undefined;
  let templates: ReadonlyMap<string, string> | undefined;
  let precompiledTemplates: ReadonlyMap<string, object> | undefined;
  const inputs: Inputs = {
    project: projectResult.project,
    settings,
    ...(configFile ? { configFile } : {}),
    ruleSet: rules.ruleSet,
    typeTable: types.typeTable,
    get runtime() {
      return (runtime ??= readRuntimeFiles());
    },
    get templates() {
      return (templates ??= readTemplates(settings.provider));
    },
    get precompiledTemplates() {
      return (precompiledTemplates ??= readPrecompiledTemplates());
    },
    ...(previousDiagram ? { previousDiagram } : {}),
    ...(previousEmits ? { previousEmits } : {}),
  };
  return { inputs, diagnostics: [...pathIgnored, ...projectResult.diagnostics, ...ruleDiagnostics, ...types.diagnostics], sources };
}

/**
 * The folder to compile: the command line's path; else `path:` of a config file given with `-c`
 * (relative to the file); else the folder klotho started in. A klotho.yaml found there is in the
 * project folder by definition, so its `path:` naming a folder above it (a compiled/klotho.yaml copied
 * into the project says `..`) would compile a folder the user did not ask for: it is ignored, with
 * a warning at it. One naming a folder below it (`path: src`) is followed.
 */
function projectFolder(options: CompileOptions, configFile: ConfigFile | undefined, startDir: string): { projectDir: string; pathIgnored: Diagnostic[] } {
  const configPath = configFile?.config.path;
  if (!configFile || configPath === undefined) return { projectDir: startDir, pathIgnored: [] };
  const named = path.resolve(configFile.dir, configPath);
  const outside = path.relative(configFile.dir, named).split(path.sep)[0] === "..";
  if (options.config === undefined && outside) {
    const warning = createDiagnostic("config/path-ignored", { range: configFile.document.locate(["path"]) }, configPath);
    return { projectDir: startDir, pathIgnored: [warning] };
  }
  // The command line wins; `path:` in klotho.yaml is relative to the file, `out_dir:` to the project.
  return { projectDir: options.path === undefined ? named : startDir, pathIgnored: [] };
}

interface Anchors {
  readonly cwd: string;
  readonly projectDir: string;
  readonly configDir: string;
}

/** Merges klotho.yaml and the command line (CLI wins) and checks what the schema cannot see there. */
function mergeSettings(options: CompileOptions, config: KlothoConfig, at: Anchors): { settings: Settings } | { diagnostic: Diagnostic } {
  const app = options.app ?? config.app;
  const provider = options.provider ?? config.provider;
  if (!app) return { diagnostic: createDiagnostic("cli/missing-option", {}, "app") };
  if (!provider) return { diagnostic: createDiagnostic("cli/missing-option", {}, "provider") };
  const appViolation = schemaValidator("klotho-config")({ app })[0];
  if (appViolation) return { diagnostic: createDiagnostic("cli/invalid-app", {}, app, appViolation.message) };
  if (RESERVED_APP_NAMES.includes(app.toLowerCase())) {
    return { diagnostic: createDiagnostic("cli/invalid-app", {}, app, `'${app}.json' would overwrite one of klotho's own output files; choose another name`) };
  }
  if (!isSupportedProvider(provider)) return { diagnostic: createDiagnostic("cli/unknown-provider", {}, provider) };
  const outDir = options.outDir
    ? path.resolve(at.cwd, options.outDir)
    : config.out_dir
      ? path.resolve(at.projectDir, config.out_dir)
      : path.resolve(at.cwd, "compiled");
  const rulePaths = [
    ...(config.rules ?? []).map((r) => path.resolve(at.configDir, r)),
    ...options.rules.map((r) => path.resolve(at.cwd, r)),
  ];
  return { settings: { app, provider, outDir, rulePaths } };
}

/**
 * The writer replaces the whole output folder, so it must not hold the project, and an existing
 * one must be empty or an earlier klotho output (it has both klotho.yaml and resources.json: every
 * project of klotho's users holds a klotho.yaml too, and `-o ../other-service` must not delete one).
 * An output folder that is a symbolic link is checked as the folder it points to, which is the one replaced.
 */
function checkOutDir(outDir: string, projectDir: string, cwd: string): Diagnostic | undefined {
  const display = relativePosix(cwd, outDir) || ".";
  const holdsProject = isSameOrInside(projectDir, outDir) || isSameOrInside(followLinks(projectDir), followLinks(outDir));
  if (holdsProject) return createDiagnostic("cli/out-dir-holds-project", {}, display);
  if (!existsSync(outDir)) return undefined;
  const replaceable = statSync(outDir).isDirectory() && (readdirSync(outDir).length === 0 || isKlothoOutput(outDir));
  return replaceable ? undefined : createDiagnostic("cli/out-dir-not-output", {}, display);
}

/** True when `target` is `folder` or lies inside it. */
function isSameOrInside(target: string, folder: string): boolean {
  const relative = path.relative(folder, target);
  return relative === "" || (relative.split(path.sep)[0] !== ".." && !path.isAbsolute(relative));
}

function isSupportedProvider(provider: string): provider is "aws" {
  return (SUPPORTED_PROVIDERS as readonly string[]).includes(provider);
}
