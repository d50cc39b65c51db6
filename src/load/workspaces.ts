import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { displayPath, toPosix } from "../util/paths.js";
import { isRecord } from "../util/records.js";
import { readJsonObject } from "./json-file.js";
import { parseLocatedYaml } from "./yaml-document.js";

/** The folders a workspace declares as its packages: globs relative to its root folder. */
export interface WorkspaceDeclaration {
  /** The workspace's root folder (absolute): where its package.json or pnpm-workspace.yaml is. */
  readonly dir: string;
  /** The root package.json's `workspaces` and pnpm-workspace.yaml's `packages`, as written (`!` negates). */
  readonly globs: readonly string[];
}

/** The workspace that holds a project, and the problems met reading its declaration. */
export interface WorkspaceResult {
  readonly workspace?: WorkspaceDeclaration;
  readonly diagnostics: Diagnostic[];
}

/**
 * The workspace that holds the project in `root`: the nearest folder, from `root` up, with a
 * pnpm-workspace.yaml or a package.json declaring `workspaces` (as npm, yarn and pnpm find their
 * workspace's root). Compiled from inside one workspace package, that is the workspace's root above
 * it, whose globs name folders relative to itself: a package.json in the compiled folder's subfolders
 * is one of its packages only if they match it. Without a workspace, no folder's package is.
 */
export function readWorkspace(root: string): WorkspaceResult {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    const found = readDeclarations(root, dir);
    // A workspace above the project holds it only when its globs name the project's folder or folders
    // inside it (as npm checks): an example app beside the packages is not one of them.
    if (found) return found.workspace && !holdsProject(found.workspace, root) ? { diagnostics: [] } : found;
    if (path.dirname(dir) === dir) return { diagnostics: [] };
  }
}

/** True when the workspace's globs match the project's folder, a folder inside it, or when it is the project's own. */
function holdsProject(workspace: WorkspaceDeclaration, root: string): boolean {
  const relative = toPosix(path.relative(workspace.dir, path.resolve(root)));
  if (relative === "") return true;
  if (workspaceMatcher(workspace.globs)(relative)) return true;
  return workspace.globs.some((glob) => {
    if (glob.startsWith("!")) return false;
    const clean = glob.replace(/^(?:\.\/)+/, "");
    return clean.startsWith("**") || clean.startsWith(`${relative}/`);
  });
}

/** The workspace declared in `dir` (package.json `workspaces`, pnpm-workspace.yaml `packages`, both joined); undefined when it declares none. */
function readDeclarations(root: string, dir: string): WorkspaceResult | undefined {
  const diagnostics: Diagnostic[] = [];
  const globs: string[] = [];
  let declared = false;
  const manifest = readManifest(path.join(dir, "package.json"));
  if (manifest && "workspaces" in manifest) {
    declared = true;
    const fromManifest = manifestWorkspaceGlobs(manifest);
    if (fromManifest) globs.push(...fromManifest);
    else diagnostics.push(createDiagnostic("project/invalid-workspaces", {}, displayPath(root, path.join(dir, "package.json")), "`workspaces` is neither a list of globs nor `{ packages: [...] }`"));
  }
  const pnpmFile = path.join(dir, "pnpm-workspace.yaml");
  if (existsSync(pnpmFile)) {
    declared = true;
    const display = displayPath(root, pnpmFile);
    try {
      const pnpm = readPnpmWorkspace(display, readFileSync(pnpmFile, "utf8"));
      globs.push(...pnpm.globs);
      diagnostics.push(...pnpm.diagnostics);
    } catch (error) {
      diagnostics.push(createDiagnostic("project/invalid-workspaces", {}, display, error instanceof Error ? error.message : String(error)));
    }
  }
  return declared ? { workspace: { dir, globs }, diagnostics } : undefined;
}

function readManifest(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  // The project's own package.json reports its errors where it is read; one above it is not klotho's to judge.
  const read = readJsonObject(file, (f) => f);
  return "data" in read ? read.data : undefined;
}

/** The globs of a package.json `workspaces`: a list (npm, yarn) or yarn's `{ packages: [...] }`; undefined for any other shape. */
export function manifestWorkspaceGlobs(manifest: Readonly<Record<string, unknown>>): string[] | undefined {
  const declared = manifest["workspaces"];
  const list = isRecord(declared) ? declared["packages"] : declared;
  return isStringList(list) ? [...list] : undefined;
}

/** The globs of pnpm-workspace.yaml's `packages:` list (none when it has no such key), with a located warning for YAML it cannot read. */
export function readPnpmWorkspace(file: string, text: string): { globs: string[]; diagnostics: Diagnostic[] } {
  const document = parseLocatedYaml(file, text);
  if (document.syntaxErrors.length > 0) {
    return { globs: [], diagnostics: document.syntaxErrors.map((e) => createDiagnostic("project/invalid-workspaces", { range: e.range }, file, e.message)) };
  }
  const value = document.value ?? {};
  const packages = isRecord(value) ? value["packages"] : undefined;
  if (packages === undefined && isRecord(value)) return { globs: [], diagnostics: [] };
  if (isStringList(packages)) return { globs: [...packages], diagnostics: [] };
  const range = document.locate(isRecord(value) ? ["packages"] : []);
  return { globs: [], diagnostics: [createDiagnostic("project/invalid-workspaces", { range }, file, "`packages` is not a list of globs")] };
}

/**
 * A test for folders (relative to the workspace's root, POSIX): true when one of the globs matches it
 * and none of the `!` globs does, whatever their order (as pnpm reads them). `./` and a trailing `/`
 * are ignored, as the package managers ignore them.
 */
export function workspaceMatcher(globs: readonly string[]): (dir: string) => boolean {
  const clean = (glob: string): string => glob.replace(/^(?:\.\/)+/, "").replace(/\/+$/, "");
  const included = globs.filter((g) => !g.startsWith("!")).map(clean);
  const excluded = globs.filter((g) => g.startsWith("!")).map((g) => clean(g.slice(1)));
  if (included.length === 0) return () => false;
  const matchesIncluded = picomatch(included);
  const matchesExcluded = excluded.length > 0 ? picomatch(excluded) : () => false;
  return (dir) => matchesIncluded(dir) && !matchesExcluded(dir);
}

/** A test for the project's folders (relative to `root`): true for those the workspace declares as its packages. */
export function declaredPackageTest(workspace: WorkspaceDeclaration | undefined, root: string): (dir: string) => boolean {
  if (!workspace) return () => false;
  const matches = workspaceMatcher(workspace.globs);
  return (dir) => {
    const relative = toPosix(path.relative(workspace.dir, path.join(root, dir)));
    return relative !== "" && !relative.startsWith("../") && matches(relative);
  };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

/** A package the workspace declares in a folder outside the compiled project. */
export interface OutsidePackage {
  readonly name: string;
  /** Its folder, relative to the project's root (`../../packages/ids`), POSIX. */
  readonly dir: string;
}

/** How deep below a glob's fixed folders a `**` is followed looking for packages. */
const DOUBLE_STAR_DEPTH = 3;

/**
 * The packages the workspace declares outside the project in `root` (compiled from inside one
 * workspace package): their code is not the project's, so an import of one by name can be neither
 * analysed nor copied, and npm cannot install it by its version (`*`, `workspace:*`). Found by
 * following each glob's folders from the workspace's root (not into node_modules or dot-folders).
 */
export function workspacePackagesOutside(workspace: WorkspaceDeclaration | undefined, root: string): OutsidePackage[] {
  if (!workspace || path.resolve(workspace.dir) === path.resolve(root)) return [];
  const matches = workspaceMatcher(workspace.globs);
  const found = new Map<string, OutsidePackage>();
  const insideProject = (absolute: string): boolean => {
    const relative = path.relative(root, absolute);
    return !relative.startsWith("..") && !path.isAbsolute(relative);
  };
  const visit = (relative: string, depth: number): void => {
    const absolute = path.join(workspace.dir, relative);
    if (insideProject(absolute)) return;
    if (relative !== "" && matches(relative)) {
      const name = readManifest(path.join(absolute, "package.json"))?.["name"];
      if (typeof name === "string" && !found.has(name)) found.set(name, { name, dir: toPosix(path.relative(root, absolute)) });
    }
    if (depth === 0) return;
    for (const entry of listFolders(absolute)) visit(relative === "" ? entry : `${relative}/${entry}`, depth - 1);
  };
  for (const glob of workspace.globs.filter((g) => !g.startsWith("!"))) {
    const segments = glob.replace(/^(?:\.\/)+/, "").replace(/\/+$/, "").split("/");
    const fixed = segments.findIndex((segment) => /[*?[\]{}!]/.test(segment));
    const base = (fixed === -1 ? segments : segments.slice(0, fixed)).join("/");
    const depth = fixed === -1 ? 0 : segments.slice(fixed).includes("**") ? DOUBLE_STAR_DEPTH : segments.length - fixed;
    visit(base, depth);
  }
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The sub-folders of `dir` a workspace's packages may be in, sorted; none when it cannot be read. */
function listFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== "node_modules" && !entry.name.startsWith("."))
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
