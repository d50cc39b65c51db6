import type { SourceProgram } from "../../src/parse/source-program.js";
import { readCode } from "../../src/analyse.js";
import type { Annotation } from "../../src/annotations/index.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Fact } from "../../src/facts/index.js";
import type { ModuleKind, Project } from "../../src/load/project.js";
import type { TsconfigInfo } from "../../src/load/tsconfig.js";
import { manifestWorkspaceGlobs, readPnpmWorkspace, workspaceMatcher } from "../../src/load/workspaces.js";
import type { ParsedFile } from "../../src/parse/parse-file.js";
import { assignUnits, type UnitsResult } from "../../src/units/index.js";

/** The root of every in-memory project. */
export const VIRTUAL_ROOT = "/virtual";

/** Files of an in-memory project: project-relative path → text; `.json` files are JSON the code may import, the others sources. */
export type SourceTree = Readonly<Record<string, string>>;

/** How the in-memory project looks besides its files. */
export interface ProgramOptions {
  /** package.json contents (default `{ name: "app" }`). */
  readonly packageJson?: Readonly<Record<string, unknown>>;
  /** tsconfig `paths`, targets relative to the project root. */
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  /** Non-source files of the project (project-relative), for static units and assets. */
  readonly otherFiles?: readonly string[];
  /**
   * package.json files of the project's folders: folder → contents. Those the root package.json's
   * `workspaces` or `pnpmWorkspace` declare are the workspace's packages, imported by name.
   */
  readonly packages?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The text of the root's pnpm-workspace.yaml. */
  readonly pnpmWorkspace?: string;
  /** Run every module, not only those a compile starts from (readCode's `everyModule`). */
  readonly everyModule?: boolean;
}

/** Everything the front of the pipeline produced for an in-memory project. */
export interface ProgramAnalysis {
  readonly project: Project;
  readonly parsed: readonly ParsedFile[];
  readonly annotations: readonly Annotation[];
  readonly facts: readonly Fact[];
  readonly imports: ReadonlyMap<string, readonly string[]>;
  /** The project's parsed sources, as the compile's stages ask for them. */
  readonly program: Pick<SourceProgram, "get">;
  /** Syntax errors, annotation problems and fact extraction diagnostics. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Builds an in-memory project from `files`, then reads its code as a compile does (readCode); `parsed`
 * then holds every file that parses, the ones the analysis did not need to read included.
 */
export function analyzeProgram(files: SourceTree, options: ProgramOptions = {}): ProgramAnalysis {
  const project = virtualProject(files, options);
  const reading = readCode(project, options.everyModule ? { everyModule: true } : {});
  const parsed = project.files.flatMap((file) => reading.program.get(file.path) ?? []);
  return { project, parsed, annotations: reading.annotations, facts: reading.facts.facts, imports: reading.facts.imports, program: reading.program, diagnostics: reading.diagnostics };
}

/** Analyses `files` and splits the program into execution units. */
export function analyzeUnits(files: SourceTree, options: ProgramOptions = {}): ProgramAnalysis & { readonly units: UnitsResult } {
  const analysis = analyzeProgram(files, options);
  return { ...analysis, units: assignUnits(analysis.project, analysis.annotations, analysis.facts, analysis.imports, analysis.program) };
}

/** The in-memory `Project` for `files` rooted at {@link VIRTUAL_ROOT}. */
export function virtualProject(files: SourceTree, options: ProgramOptions = {}): Project {
  const data: Record<string, unknown> = { name: "app", ...options.packageJson };
  const esm = data["type"] === "module";
  const declared = workspaceTest(data, options.pnpmWorkspace);
  // `.json` entries are the project's JSON files, which code may import; the others its sources.
  const dataFiles = Object.entries(files)
    .filter(([path]) => path.endsWith(".json"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, text]) => ({ path, text }));
  const tsconfig: TsconfigInfo | undefined = options.paths
    ? {
        file: `${VIRTUAL_ROOT}/tsconfig.json`,
        baseUrl: VIRTUAL_ROOT,
        paths: Object.fromEntries(Object.entries(options.paths).map(([key, targets]) => [key, targets.map((t) => `${VIRTUAL_ROOT}/${t}`)])),
      }
    : undefined;
  return {
    root: VIRTUAL_ROOT,
    packageJson: { path: `${VIRTUAL_ROOT}/package.json`, data },
    ...(tsconfig ? { tsconfigs: [tsconfig] } : {}),
    files: Object.entries(files)
      .filter(([path]) => !path.endsWith(".json"))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, text]) => ({ path, text, moduleKind: moduleKindOf(path, esm) })),
    otherFiles: [...(options.otherFiles ?? []), ...dataFiles.map((f) => f.path)].sort(),
    dataFiles,
    ...(options.packages ? { packages: Object.entries(options.packages).map(([dir, nested]) => ({ dir, data: { ...nested }, workspace: declared(dir) })) } : {}),
  };
}

/** The test for folders the workspace declares, from the root package.json's `workspaces` and the pnpm-workspace.yaml text, as readProject reads them. */
function workspaceTest(packageJson: Readonly<Record<string, unknown>>, pnpmWorkspace: string | undefined): (dir: string) => boolean {
  const globs = [...(manifestWorkspaceGlobs(packageJson) ?? []), ...(pnpmWorkspace === undefined ? [] : readPnpmWorkspace("pnpm-workspace.yaml", pnpmWorkspace).globs)];
  return workspaceMatcher(globs);
}

/** Node's rule for the module kind of a file, given the package's `type`. */
function moduleKindOf(path: string, esm: boolean): ModuleKind {
  if (/\.m[jt]s$/.test(path)) return "esm";
  if (/\.c[jt]s$/.test(path)) return "cjs";
  return esm ? "esm" : "cjs";
}

/** Joins source lines with `\n`, so sources in test tables read top to bottom. */
export function lines(...source: string[]): string {
  return source.join("\n");
}

/**
 * Facts as one line each, objects named by `<file>:<line>` of the fact that created them:
 * `http_route routes.js:4 GET /x on routes.js:2`. Only the kinds in `kinds` (all when empty).
 */
export function summarizeFacts(facts: readonly Fact[], ...kinds: Fact["kind"][]): string[] {
  const sites = new Map<string, string>();
  for (const fact of facts) if ("id" in fact) sites.set(fact.id, `${fact.range.file}:${fact.range.start.line}`);
  const site = (id: string | undefined): string => (id === undefined ? "?" : (sites.get(id) ?? `unknown(${id})`));
  return facts.filter((fact) => kinds.length === 0 || kinds.includes(fact.kind)).map((fact) => `${fact.kind} ${fact.range.file}:${fact.range.start.line} ${detailsOf(fact, site)}`);
}

function detailsOf(fact: Fact, site: (id: string | undefined) => string): string {
  switch (fact.kind) {
    case "http_app":
    case "http_router":
    case "kv_map":
    case "emitter":
      return fact.name ?? "-";
    case "redis_client":
      return `${fact.library}${fact.cluster ? " cluster" : ""} ${fact.name ?? "-"}`;
    case "fs_import":
      return `${fact.promises ? "promises" : "callbacks"} ${fact.name ?? "-"}`;
    case "orm_client":
      return `${fact.library} ${fact.name ?? "-"}`;
    case "http_route":
      return `${fact.method} ${fact.path} on ${site(fact.owner)}`;
    case "http_mount":
      return `${fact.prefix} ${fact.child !== undefined ? site(fact.child) : fact.handler !== undefined ? `handler '${fact.handler}'${fact.answers === true ? " answers" : ""}` : `unresolved '${fact.unresolved ?? "?"}'`} on ${site(fact.parent)}`;
    case "http_listen":
    case "next_handler":
      return site(fact.app);
    case "next_app":
      return `${fact.name ?? "-"} dir=${fact.dir ?? "?"}${fact.dev === undefined ? "" : ` dev=${String(fact.dev)}`}`;
    case "object_use":
      return `${fact.method} ${site(fact.target)}${fact.path === undefined ? "" : ` ${JSON.stringify(fact.path)}`}`;
    case "unawaited_call":
      return `${fact.method} ${site(fact.target)}`;
    case "kv_sync_use":
      return `${fact.use} ${site(fact.target)}`;
    case "emitter_export":
      return `${site(fact.target)} as ${fact.name} from ${fact.module}`;
    case "emitter_event":
      return `${fact.role} ${fact.method} ${fact.topic === undefined ? "?" : JSON.stringify(fact.topic)} on ${site(fact.target)}${fact.calledFrom ? ` called from ${fact.calledFrom.file}:${fact.calledFrom.start.line}` : ""}`;
    case "import":
      return `${fact.specifier} -> ${fact.resolved ?? "?"}`;
    case "nestjs_global_enhancer":
      return `${fact.method} ${fact.name} from ${fact.file}`;
    case "file_read":
      return `${fact.method} ${fact.folder ? "folder" : "file"} ${fact.path}${fact.probe ? " probe" : ""}${fact.store === undefined ? "" : ` via ${site(fact.store)}`}`;
    case "file_write":
      return `${fact.method} ${fact.path}${fact.store === undefined ? "" : ` via ${site(fact.store)}`}`;
    case "http_static":
      return `${fact.prefix} ${fact.folder ?? "?"} on ${site(fact.parent)}`;
    case "http_middleware":
      return `${fact.file} on ${site(fact.parent)}${fact.cors === undefined ? "" : ` cors ${fact.cors}`}`;
  }
}

/** Diagnostics as `code file:line message`, for exact comparison. */
export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range ? `${d.range.file}:${d.range.start.line}` : "-"} ${d.message}`);
}

/** The routes every exposed gateway serves, as `METHOD path unit file:line`. */
export function summarizeRoutes(units: UnitsResult): string[] {
  return units.exposures.flatMap((exposure) => exposure.served.map((r) => `${r.method} ${r.path} ${r.unit} ${r.file}:${r.line}`));
}
