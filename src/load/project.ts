import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createDiagnostic, hasFailures, type Diagnostic } from "../diagnostics/diagnostic.js";
import { below, relativePosix } from "../util/paths.js";
import { checkDependencyMaps } from "./dependency-maps.js";
import { readJsonObject } from "./json-file.js";
import { readBuildTraces, type BuildTrace } from "./next-traces.js";
import type { TsconfigInfo } from "./tsconfig.js";
import { readProjectTsconfigs, tsconfigOutDirs } from "./tsconfig-project.js";
import { listIgnoredFiles, type IgnoredFile } from "./ignored-files.js";
import { walkProject, withoutFolders, type IgnoredEntry } from "./walk.js";
import { declaredPackageTest, readWorkspace, workspacePackagesOutside, type OutsidePackage } from "./workspaces.js";
import { isDeclarationFile } from "../util/typescript-files.js";

/** Whether a file is an ES module or CommonJS, as Node decides it. */
export type ModuleKind = "esm" | "cjs";

/** One source file of the project. */
export interface SourceFile {
  /** Project-relative POSIX path: the display path in every message and output. */
  readonly path: string;
  readonly text: string;
  readonly moduleKind: ModuleKind;
}

/** A project file klotho reads as text without parsing it as code (a Dockerfile). */
export interface ProjectTextFile {
  /** Project-relative POSIX path. */
  readonly path: string;
  readonly text: string;
}

/** The project as klotho sees it: its files and manifests, read once. */
export interface Project {
  /** Absolute path of the folder being compiled. */
  readonly root: string;
  /** The nearest package.json (in the folder or above it), parsed. */
  readonly packageJson: { readonly path: string; readonly data: Record<string, unknown> };
  /**
   * The project's tsconfig files (each folder's tsconfig.json and the tsconfigs they reference),
   * sorted by file: createTsconfigSelector (tsconfig-scope.ts) says which one compiles a file.
   */
  readonly tsconfigs?: readonly TsconfigInfo[];
  readonly files: readonly SourceFile[];
  /** Non-source files (project-relative), for static units and assets. */
  readonly otherFiles: readonly string[];
  /**
   * The project's JSON files of at most DATA_FILE_LIMIT bytes (package.json and tsconfig.json among
   * them), sorted by path: code may `require("./config.json")` or import them, and reads their values.
   */
  readonly dataFiles?: readonly ProjectTextFile[];
  /**
   * The package.json files of folders inside the project, sorted by folder: each decides its folder's
   * module `type` and adds its `dependencies` to the units holding its files; those the workspace
   * declares (`workspace`) are also imported by their `name`, as project code.
   */
  readonly packages?: readonly NestedPackage[];
  /** Files of Next.js build folders (`.next/`, project-relative, sorted), carried into the units serving a Next.js app. */
  readonly buildOutputFiles?: readonly string[];
  /** The traces of those builds (`*.nft.json`), in file order: the files their server code reads at run time. */
  readonly buildTraces?: readonly BuildTrace[];
  /**
   * What .gitignore rules leave out of the project, sorted by path: the files, and the folders not walked
   * into, each with its rule, to say why a file the project names (a Next.js trace lists) is not carried.
   */
  readonly gitignored?: readonly IgnoredEntry[];
  /**
   * Files a .gitignore rule leaves out that a `static_unit` annotation may name (below ignored folders
   * whose name its file contains), sorted by path: a static unit's glob naming their folder publishes them.
   */
  readonly ignoredFiles?: readonly IgnoredFile[];
  /**
   * The project's Dockerfiles (`Dockerfile`, `*.Dockerfile`), sorted by path: one annotated
   * `# @klotho::execution_unit { id = "x" }` replaces the Dockerfile klotho writes for unit x.
   */
  readonly dockerfiles?: readonly ProjectTextFile[];
  /**
   * The project's declaration files (`.d.ts`) of at most DATA_FILE_LIMIT bytes that declare a `const
   * enum`, sorted by path: a unit's TypeScript emitted file by file has their members inlined, as tsc does.
   */
  readonly declarationFiles?: readonly ProjectTextFile[];
  /** The workspace's packages outside the project, when it is compiled from inside one of them, by name. */
  readonly outsidePackages?: readonly OutsidePackage[];
}

/** A package.json below the project's root: its folder (project-relative) and contents. */
export interface NestedPackage {
  readonly dir: string;
  readonly data: Record<string, unknown>;
  /**
   * True when the workspace declares it (the root package.json's `workspaces`, pnpm-workspace.yaml's
   * `packages`): the package managers link it by its `name`, so code importing that name imports the
   * folder. Any other package.json (an example, a vendored copy, a test fixture) is not importable by name.
   */
  readonly workspace: boolean;
}

/** True for the file names klotho reads as Dockerfiles: `Dockerfile` and `<name>.Dockerfile`. */
export function isDockerfileName(file: string): boolean {
  const name = path.posix.basename(file);
  return name === "Dockerfile" || (name.endsWith(".Dockerfile") && name.length > ".Dockerfile".length);
}

/** What reading a project produced: the project, or the diagnostics that stopped it. */
export interface ProjectResult {
  readonly project?: Project;
  readonly diagnostics: Diagnostic[];
  /** The text of the files with located problems that are not sources (a package.json), by display path, for their code frames. */
  readonly sources?: ReadonlyMap<string, string>;
}

/** Reads the project in `root`: package.json, tsconfig.json and every source file. */
export function readProject(root: string, skipDirs: readonly string[]): ProjectResult {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return { diagnostics: [createDiagnostic("project/not-found", {}, root)] };
  }
  const manifestPath = findUp(root, "package.json");
  if (!manifestPath) return { diagnostics: [createDiagnostic("project/no-package-json", {}, root)] };
  const manifest = readJsonObject(manifestPath, (f) => relativePosix(root, f) || f);
  if ("diagnostic" in manifest) {
    const { diagnostic, text } = manifest;
    return { diagnostics: [diagnostic], ...(diagnostic.range && text !== undefined ? { sources: new Map([[diagnostic.range.file, text]]) } : {}) };
  }
  const found = walkProject(root, { skipDirs });
  const { tsconfigs, diagnostics: tsconfigDiagnostics } = readProjectTsconfigs(root, found.otherFiles);
  if (hasFailures(tsconfigDiagnostics)) return { diagnostics: [...tsconfigDiagnostics] };
  // A tsconfig's outDir holds its build output, whose copies of the sources are not analysed.
  const outDirs = tsconfigOutDirs(root, tsconfigs);
  const walked = withoutFolders(found, outDirs);
  const workspace = readWorkspace(root);
  const packages = readNestedPackages(root, walked.packageDirs, declaredPackageTest(workspace.workspace, root));
  const outsidePackages = workspacePackagesOutside(workspace.workspace, root);
  const types = packageTypes(manifest.data, packages);
  const dependencyProblems = manifestDependencyProblems(root, manifestPath, manifest.data, packages);
  const diagnostics: Diagnostic[] = [...tsconfigDiagnostics, ...workspace.diagnostics, ...dependencyProblems.diagnostics];
  const files: SourceFile[] = [];
  for (const file of walked.sourceFiles) {
    const text = readSource(below(root, file));
    if (typeof text === "string") files.push({ path: file, text, moduleKind: moduleKindOf(file, types) });
    else diagnostics.push(createDiagnostic("project/unreadable-file", {}, file, text.error));
  }
  if (files.length === 0 && diagnostics.length === 0) diagnostics.push(createDiagnostic("project/no-sources", {}, root));
  const dockerfiles: ProjectTextFile[] = [];
  for (const file of walked.otherFiles.filter(isDockerfileName)) {
    const text = readSource(below(root, file));
    if (typeof text === "string") dockerfiles.push({ path: file, text });
    else diagnostics.push(createDiagnostic("project/unreadable-file", {}, file, text.error));
  }
  const dataFiles: ProjectTextFile[] = [];
  for (const file of jsonFilesToRead(walked.otherFiles, files)) {
    const text = readSource(path.join(root, file), DATA_FILE_LIMIT);
    if (typeof text === "string") dataFiles.push({ path: file, text });
  }
  const declarationFiles: ProjectTextFile[] = [];
  for (const file of walked.otherFiles.filter(isDeclarationFile)) {
    const text = readSource(path.join(root, file), DATA_FILE_LIMIT);
    if (typeof text === "string" && /\bconst\s+enum\b/.test(text)) declarationFiles.push({ path: file, text });
  }
  const outsideOutDirs = (file: IgnoredFile): boolean => !outDirs.some((dir) => file.path.startsWith(`${dir}/`));
  const ignoredFiles = listIgnoredFiles(root, walked.ignored, files.map((file) => file.text), skipDirs).filter(outsideOutDirs);
  const project: Project = {
    root,
    packageJson: { path: manifestPath, data: manifest.data },
    ...(tsconfigs.length > 0 ? { tsconfigs } : {}),
    files,
    otherFiles: walked.otherFiles,
    buildOutputFiles: walked.buildOutputFiles,
    ...(ignoredFiles.length > 0 ? { ignoredFiles } : {}),
    ...(walked.ignored.length > 0 ? { gitignored: walked.ignored } : {}),
    buildTraces: readBuildTraces(root, walked.buildOutputFiles),
    dockerfiles,
    dataFiles,
    packages,
    ...(declarationFiles.length > 0 ? { declarationFiles } : {}),
    ...(outsidePackages.length > 0 ? { outsidePackages } : {}),
  };
  return { project, diagnostics, ...(dependencyProblems.sources.size > 0 ? { sources: dependencyProblems.sources } : {}) };
}

/** Up to this many JSON files, all are read; beyond it (test data, fixtures), only those the code may name. */
const JSON_FILES_READ_ALL = 200;

/**
 * The JSON files whose values are read: every one in a project with few, else the package.json files and
 * those a quoted string of the code ends with (`"./config.json"`, `"./settings"`, `"@cfg/data.json"`, a
 * folder's name for its index.json). One only an alias names is still copied, its values unknown.
 */
function jsonFilesToRead(otherFiles: readonly string[], sources: readonly SourceFile[]): string[] {
  const json = otherFiles.filter((file) => file.endsWith(".json"));
  if (json.length <= JSON_FILES_READ_ALL) return json;
  const named = new Set<string>();
  for (const source of sources) {
    for (const match of source.text.matchAll(/["'`]([^"'`\n]{1,300})["'`]/g)) {
      const last = (match[1] ?? "").split("/").at(-1) ?? "";
      named.add(last.replace(/\.json$/, ""));
    }
  }
  return json.filter((file) => {
    const stem = path.posix.basename(file, ".json");
    return stem === "package" || named.has(stem) || (stem === "index" && named.has(path.posix.basename(path.posix.dirname(file))));
  });
}

/**
 * The largest JSON file klotho reads for its values (1 MiB): a larger one (a data set, a lock file) is
 * still a module the code can import, copied into the units that do, but its values are not known.
 */
export const DATA_FILE_LIMIT = 1024 * 1024;

/** A file's text, or why it could not be read (permissions, a file removed during the walk); `undefined` when it is larger than `limit` bytes. */
function readSource(file: string): string | { error: string };
function readSource(file: string, limit: number): string | { error: string } | undefined;
function readSource(file: string, limit?: number): string | { error: string } | undefined {
  try {
    if (limit !== undefined && statSync(file).size > limit) return undefined;
    return readFileSync(file, "utf8");
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The first `name` in `dir` or one of its parents. */
export function findUp(dir: string, name: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, name);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The dependency maps that are not objects of version strings, in the project's package.json and those the
 * workspace declares (the project's code; another folder's, an example or a test fixture, is not klotho's to
 * judge), with the text of each manifest they are in, for the code frame.
 */
function manifestDependencyProblems(root: string, manifestPath: string, data: Record<string, unknown>, packages: readonly NestedPackage[]): { diagnostics: Diagnostic[]; sources: Map<string, string> } {
  const manifests = [
    { file: manifestPath, shown: relativePosix(root, manifestPath) || manifestPath, data },
    ...packages.filter((p) => p.workspace).map((p) => ({ file: path.join(root, p.dir, "package.json"), shown: `${p.dir}/package.json`, data: p.data })),
  ];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  for (const manifest of manifests) {
    const found = checkDependencyMaps(manifest.file, manifest.shown, manifest.data);
    if (found.length === 0) continue;
    diagnostics.push(...found);
    const text = readSource(manifest.file);
    if (typeof text === "string") sources.set(manifest.shown, text);
  }
  return { diagnostics, sources };
}

/**
 * The package.json files of the project's folders below its root (project-relative `dir`), parsed, each
 * marked with whether the workspace declares it; one that does not parse is left out.
 */
function readNestedPackages(root: string, packageDirs: readonly string[], isDeclared: (dir: string) => boolean): NestedPackage[] {
  const packages: NestedPackage[] = [];
  for (const dir of packageDirs) {
    if (dir === "") continue;
    const manifest = readJsonObject(path.join(root, dir, "package.json"), (f) => relativePosix(root, f) || f);
    if ("data" in manifest) packages.push({ dir, data: manifest.data, workspace: isDeclared(dir) });
  }
  return packages;
}

/** The `type` of each package.json folder in the project (project-relative), "" being the root. */
function packageTypes(rootManifest: Record<string, unknown>, nested: readonly NestedPackage[]): Map<string, ModuleKind> {
  const types = new Map<string, ModuleKind>();
  types.set("", rootManifest["type"] === "module" ? "esm" : "cjs");
  for (const { dir, data } of nested) types.set(dir, data["type"] === "module" ? "esm" : "cjs");
  return types;
}

/** Node's rule: .mjs/.mts are ESM, .cjs/.cts CommonJS, others follow the nearest package.json `type`. */
function moduleKindOf(file: string, packageTypes: ReadonlyMap<string, ModuleKind>): ModuleKind {
  if (/\.m[jt]s$/.test(file)) return "esm";
  if (/\.c[jt]s$/.test(file)) return "cjs";
  let dir = path.posix.dirname(file);
  for (;;) {
    const key = dir === "." ? "" : dir;
    const kind = packageTypes.get(key);
    if (kind) return kind;
    if (key === "") return "cjs";
    dir = path.posix.dirname(dir);
  }
}

/** The project file package.json `main` names (`./server`, `server.js`, `dist/x.js` for `src/x.ts` is not guessed). */
export function packageMainFile(project: Project): string | undefined {
  const main = project.packageJson.data["main"];
  if (typeof main !== "string") return undefined;
  const absolute = path.resolve(path.dirname(project.packageJson.path), main);
  const relative = relativePosix(project.root, absolute);
  const withoutExtension = relative.replace(/\.[^./]+$/, "");
  return (
    project.files.find((f) => f.path === relative)?.path ??
    project.files.find((f) => f.path.replace(/\.[^./]+$/, "") === withoutExtension)?.path ??
    project.files.find((f) => f.path.replace(/\.[^./]+$/, "") === `${relative}/index`)?.path
  );
}
