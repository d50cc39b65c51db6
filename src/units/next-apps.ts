import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { progressMessages } from "../diagnostics/progress.js";
import { projectResolver, type Fact, type FactOf } from "../facts/index.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { Project } from "../load/project.js";
import type { SourceProgram } from "../parse/source-program.js";
import { compareStrings } from "../util/compare.js";
import { allProjectFiles } from "./file-globs.js";
import { nextConfigModules, type ConfigModules } from "./next-config.js";
import { tracedAppFiles, type LeftOutFile } from "./next-traces.js";
import type { Unit } from "./unit.js";

/** The configuration files a Next.js server loads when it starts. */
const CONFIG_NAMES: readonly string[] = ["next.config.js", "next.config.mjs", "next.config.ts"];
/** The packages a Next.js server needs installed in the unit. */
const NEXT_PACKAGES: readonly string[] = ["next", "react", "react-dom"];

/** The units once they carry their Next.js apps' files, and what finding those files reported. */
export interface NextAppFiles {
  readonly units: Unit[];
  /** `Adding Next.js app files to unit ...`, per app and unit. */
  readonly progress: string[];
  readonly diagnostics: Diagnostic[];
}

/**
 * A unit whose folder holds a `next(...)` call serves that Next.js app, so it carries what the
 * server reads at run time, from the app's folder: the production build `.next/` (without its
 * cache), `public/`, `next.config.{js,mjs,ts}` with the project files it imports, and the project
 * files the build's traces (the `*.nft.json` files in `.next/`) say its pages and routes read (`_posts/*.md`),
 * as assets at their project paths. Reported at the call: no build yet, `dev: true`, a `dir` not
 * known or outside the project, traced files outside the project or that the project leaves out
 * (`.gitignore`d, in hidden folders: never carried, as they may hold secrets), and `next`, `react` or
 * `react-dom` missing from package.json `dependencies`; at the import, a package the config loads
 * that is not there either.
 */
export function carryNextApps(project: Project, facts: readonly Fact[], units: readonly Unit[], program: Pick<SourceProgram, "get">): NextAppFiles {
  const files = allProjectFiles(project.files.map((f) => f.path), project.otherFiles);
  const added = new Map<string, Set<string>>();
  const progress: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let resolver: ImportResolver | undefined;
  const resolve: ImportResolver = (...args) => (resolver ??= projectResolver(project))(...args);
  for (const app of facts.filter((f): f is FactOf<"next_app"> => f.kind === "next_app")) {
    const holders = units.filter((unit) => unit.files.includes(app.range.file));
    if (holders.length === 0) continue;
    const carried = appFiles(app.dir ?? ".", files, project, (config) => nextConfigModules(config, program, resolve));
    diagnostics.push(...appDiagnostics(app, project, carried));
    if (!carried) continue;
    if (!carried.built) diagnostics.push(createDiagnostic("next/no-build", { range: app.range }, `${carried.prefix}.next/`));
    if (carried.parts.length === 0) continue;
    for (const unit of holders) {
      const assets = added.get(unit.id) ?? new Set<string>();
      for (const file of carried.files) assets.add(file);
      added.set(unit.id, assets);
      progress.push(progressMessages.addingNextApp(carried.parts, unit.id));
    }
  }
  const withAssets = units.map((unit) => {
    const extra = added.get(unit.id);
    if (!extra) return unit;
    return { ...unit, assets: [...new Set([...(unit.assets ?? []), ...extra])].sort(compareStrings) };
  });
  return { units: withAssets, progress, diagnostics };
}

/** The files of one Next.js app a unit carries, with a summary for the progress line and what checking them needs. */
interface AppFiles {
  readonly prefix: string;
  readonly files: string[];
  readonly parts: string[];
  readonly built: boolean;
  /** The next.config.* files carried. */
  readonly configs: string[];
  /** The packages those configs load. */
  readonly configPackages: ConfigModules["packages"];
  /** Files the build traced outside the project, which no unit can carry. */
  readonly tracedOutside: string[];
  /** Files the build traced that the project leaves out (`.gitignore`d, hidden folders), which are not carried. */
  readonly tracedLeftOut: LeftOutFile[];
}

/** What `next(...)`'s options and the project's manifest say about running the app (carrying `carried`) in a unit. */
function appDiagnostics(app: FactOf<"next_app">, project: Project, carried: AppFiles | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = { range: app.range };
  if (app.dir === undefined) out.push(createDiagnostic("next/unknown-dir", at));
  else if (app.dir === ".." || app.dir.startsWith("../")) out.push(createDiagnostic("next/dir-outside-project", at, app.dir));
  if (app.dev === true) out.push(createDiagnostic("next/dev-mode", at));
  if (carried && carried.tracedOutside.length > 0) out.push(createDiagnostic("next/traced-file-outside-project", at, carried.tracedOutside));
  if (carried && carried.tracedLeftOut.length > 0) out.push(createDiagnostic("next/traced-file-left-out", at, carried.tracedLeftOut));
  const declared = declaredDependencies(project, carried?.configs ?? []);
  // Next.js compiles next.config.ts with the typescript package when it starts (and tries to install it when missing).
  const needed = carried?.configs.some((file) => file.endsWith("next.config.ts")) === true ? [...NEXT_PACKAGES, "typescript"] : NEXT_PACKAGES;
  const missing = needed.filter((name) => !declared.has(name));
  if (missing.length > 0) out.push(createDiagnostic("next/missing-dependencies", at, missing.join(", ")));
  for (const { name, range } of carried?.configPackages ?? []) {
    if (!needed.includes(name) && !declared.has(name)) out.push(createDiagnostic("next/config-missing-dependency", { range }, name, range.file));
  }
  return out;
}

/** The packages package.json `dependencies` declares: the project's, and those of the project folders holding the app's config files. */
function declaredDependencies(project: Project, configs: readonly string[]): Set<string> {
  const manifests = [project.packageJson.data, ...(project.packages ?? []).filter((p) => configs.some((file) => file.startsWith(`${p.dir}/`))).map((p) => p.data)];
  const names = new Set<string>();
  for (const manifest of manifests) {
    const dependencies = manifest["dependencies"];
    if (typeof dependencies === "object" && dependencies !== null) for (const name of Object.keys(dependencies)) names.add(name);
  }
  return names;
}

/** The files of the Next.js app in `dir`, with a summary for the progress line; undefined for a folder outside the project. */
function appFiles(dir: string, files: readonly string[], project: Project, configModules: (config: string) => ConfigModules): AppFiles | undefined {
  if (dir === ".." || dir.startsWith("../")) return undefined;
  const prefix = dir === "." ? "" : `${dir}/`;
  const build = (project.buildOutputFiles ?? []).filter((file) => file.startsWith(`${prefix}.next/`));
  const publicFiles = files.filter((file) => file.startsWith(`${prefix}public/`));
  const configs = CONFIG_NAMES.map((name) => `${prefix}${name}`).filter((file) => files.includes(file));
  const loaded = configs.map(configModules);
  const configImports = [...new Set(loaded.flatMap((modules) => modules.imported))].sort(compareStrings);
  const traced = tracedAppFiles(prefix, project.buildTraces ?? [], { files: new Set(files), ignored: project.gitignored ?? [] });
  const carried = new Set([...build, ...publicFiles, ...configs, ...configImports]);
  const tracedOnly = traced.carried.filter((file) => !carried.has(file));
  const parts = [
    ...(build.length > 0 ? [`${prefix}.next/ (${count(build.length)})`] : []),
    ...(publicFiles.length > 0 ? [`${prefix}public/ (${count(publicFiles.length)})`] : []),
    ...configs.map((config, index) => {
      const imported = loaded[index]?.imported.length ?? 0;
      return imported > 0 ? `${config} with ${count(imported)} it imports` : config;
    }),
    ...(tracedOnly.length > 0 ? [`${count(tracedOnly.length)} traced by next build`] : []),
  ];
  return {
    prefix,
    files: [...carried, ...tracedOnly].sort(compareStrings),
    parts,
    built: build.includes(`${prefix}.next/BUILD_ID`),
    configs,
    configPackages: loaded.flatMap((modules) => modules.packages),
    tracedOutside: traced.outside,
    tracedLeftOut: traced.leftOut,
  };
}

function count(files: number): string {
  return files === 1 ? "1 file" : `${files} files`;
}
