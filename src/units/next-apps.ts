import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { progressMessages } from "../diagnostics/progress.js";
import type { Fact, FactOf } from "../facts/index.js";
import type { Project } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { allProjectFiles } from "./file-globs.js";
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
 * cache), `public/` and `next.config.{js,mjs,ts}`, as assets at their project paths. Reported
 * at the call: no build yet, `dev: true`, a `dir` not known or outside the project, and `next`,
 * `react` or `react-dom` missing from package.json `dependencies`.
 */
export function carryNextApps(project: Project, facts: readonly Fact[], units: readonly Unit[]): NextAppFiles {
  const files = allProjectFiles(project.files.map((f) => f.path), project.otherFiles);
  const added = new Map<string, Set<string>>();
  const progress: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const app of facts.filter((f): f is FactOf<"next_app"> => f.kind === "next_app")) {
    const holders = units.filter((unit) => unit.files.includes(app.range.file));
    if (holders.length === 0) continue;
    const carried = appFiles(app.dir ?? ".", files, project.buildOutputFiles ?? []);
    diagnostics.push(...appDiagnostics(app, project, carried?.files ?? []));
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

/** What `next(...)`'s options and the project's manifest say about running the app (carrying `carried`) in a unit. */
function appDiagnostics(app: FactOf<"next_app">, project: Project, carried: readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = { range: app.range };
  if (app.dir === undefined) out.push(createDiagnostic("next/unknown-dir", at));
  else if (app.dir === ".." || app.dir.startsWith("../")) out.push(createDiagnostic("next/dir-outside-project", at, app.dir));
  if (app.dev === true) out.push(createDiagnostic("next/dev-mode", at));
  const dependencies = project.packageJson.data["dependencies"];
  const declared = typeof dependencies === "object" && dependencies !== null ? Object.keys(dependencies) : [];
  // Next.js compiles next.config.ts with the typescript package when it starts (and tries to install it when missing).
  const needed = carried.some((file) => file.endsWith("next.config.ts")) ? [...NEXT_PACKAGES, "typescript"] : NEXT_PACKAGES;
  const missing = needed.filter((name) => !declared.includes(name));
  if (missing.length > 0) out.push(createDiagnostic("next/missing-dependencies", at, missing.join(", ")));
  return out;
}

/** The files of the Next.js app in `dir`, with a summary for the progress line; undefined for a folder outside the project. */
function appFiles(dir: string, files: readonly string[], buildFiles: readonly string[]): { prefix: string; files: string[]; parts: string[]; built: boolean } | undefined {
  if (dir === ".." || dir.startsWith("../")) return undefined;
  const prefix = dir === "." ? "" : `${dir}/`;
  const build = buildFiles.filter((file) => file.startsWith(`${prefix}.next/`));
  const publicFiles = files.filter((file) => file.startsWith(`${prefix}public/`));
  const configs = CONFIG_NAMES.map((name) => `${prefix}${name}`).filter((file) => files.includes(file));
  const parts = [
    ...(build.length > 0 ? [`${prefix}.next/ (${count(build.length)})`] : []),
    ...(publicFiles.length > 0 ? [`${prefix}public/ (${count(publicFiles.length)})`] : []),
    ...configs,
  ];
  return { prefix, files: [...build, ...publicFiles, ...configs], parts, built: build.includes(`${prefix}.next/BUILD_ID`) };
}

function count(files: number): string {
  return files === 1 ? "1 file" : `${files} files`;
}
