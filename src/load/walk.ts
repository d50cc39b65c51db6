import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import { compareStrings } from "../util/compare.js";
import { below, toPosix } from "../util/paths.js";
import { isDeclarationFile } from "../util/typescript-files.js";

/** File extensions klotho reads as source code. */
export const SOURCE_EXTENSIONS: readonly string[] = [".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"];

/** Folder names never walked into. */
const SKIPPED_NAMES = new Set(["node_modules", ".git"]);
/** A Next.js build output folder: its files are listed (a unit serving the app carries them), never parsed. */
const NEXT_BUILD = ".next";
/** Parts of a Next.js build no server reads: the build cache and `output: "standalone"`'s copy of the app. */
const SKIPPED_BUILD_PARTS = new Set(["cache", "standalone"]);

/** What the walk skips besides node_modules, .git and hidden folders. */
export interface WalkOptions {
  /** Absolute folders to skip (the out dir, tsconfig's outDir). */
  readonly skipDirs: readonly string[];
}

/** Everything the walk found: project-relative POSIX paths, sorted. */
export interface WalkResult {
  readonly sourceFiles: string[];
  /** Folders holding a package.json, for per-folder module kinds. */
  readonly packageDirs: string[];
  /** Every other file (assets, Dockerfiles, ...), for static units and embedded assets later. */
  readonly otherFiles: string[];
  /** Files of Next.js build folders (`.next/`, even when .gitignored, without `cache/` and `standalone/`), never parsed. */
  readonly buildOutputFiles: string[];
  /** The folders and files a .gitignore rule leaves out (the folders not walked into), sorted by path. */
  readonly ignored: IgnoredEntry[];
}

/** The .gitignore rule that leaves a file or folder out of the project. */
export interface GitignoreRule {
  /** The rule as written (`dist`, `/build/`, `*.map`). */
  readonly pattern: string;
  /** The .gitignore file holding it, project-relative. */
  readonly file: string;
  /** Its 1-based line in that file, when found. */
  readonly line?: number;
}

/** A file or folder (project-relative) left out of the project by a .gitignore rule. */
export interface IgnoredEntry {
  readonly path: string;
  readonly directory: boolean;
  readonly rule: GitignoreRule;
}

interface IgnoreScope {
  /** The folder of the .gitignore file, project-relative ("" for the root). */
  readonly base: string;
  /** The .gitignore file, project-relative. */
  readonly file: string;
  readonly lines: readonly string[];
  readonly rules: Ignore;
}

/** Walks `root` in sorted order, honouring .gitignore files at every level. */
export function walkProject(root: string, options: WalkOptions): WalkResult {
  const result: WalkResult = { sourceFiles: [], packageDirs: [], otherFiles: [], buildOutputFiles: [], ignored: [] };
  const skip = new Set(options.skipDirs.map((d) => path.resolve(d)));
  // Resolved once: entries' paths are joined to it as they are (below), and compared with `skip`.
  const base = path.resolve(root);
  visit(base, base, "", [], skip, result);
  // Folder-by-folder order puts `lib/a.js` before `lib.js`; sort whole paths so the lists really are sorted.
  for (const list of [result.sourceFiles, result.packageDirs, result.otherFiles, result.buildOutputFiles]) list.sort(compareStrings);
  result.ignored.sort((a, b) => compareStrings(a.path, b.path));
  return result;
}

/** Visits `dir`, `folder` from the root (POSIX, "" for the root itself): paths are joined, not computed, as there are many. */
function visit(root: string, dir: string, folder: string, scopes: readonly IgnoreScope[], skip: Set<string>, out: WalkResult): void {
  const local = readGitignore(dir, folder);
  const active = local ? [...scopes, local] : scopes;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => compareStrings(a.name, b.name));
  for (const entry of entries) {
    const absolute = below(dir, entry.name);
    const relative = folder === "" ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name === NEXT_BUILD && !skip.has(absolute)) {
        listBuildOutput(root, absolute, absolute, out.buildOutputFiles);
        continue;
      }
      if (isSkippedFolder(entry.name, absolute, skip)) continue;
      const rule = ignoringRule(active, relative, true);
      if (rule) out.ignored.push({ path: relative, directory: true, rule });
      else visit(root, absolute, relative, active, skip, out);
    } else if (entry.isFile()) {
      const rule = ignoringRule(active, relative, false);
      if (rule) {
        out.ignored.push({ path: relative, directory: false, rule });
        continue;
      }
      if (entry.name === "package.json") out.packageDirs.push(folder);
      if (isSourceFile(entry.name) || isNodeScript(entry.name, absolute)) out.sourceFiles.push(relative);
      else out.otherFiles.push(relative);
    }
  }
}

/** Every file below a Next.js build folder `build`, but its cache and standalone copy. */
function listBuildOutput(root: string, build: string, dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory() && !(dir === build && SKIPPED_BUILD_PARTS.has(entry.name))) listBuildOutput(root, build, absolute, out);
    else if (entry.isFile()) out.push(toPosix(path.relative(root, absolute)));
  }
}

/** True for the extensions klotho parses, excluding TypeScript declaration files. */
export function isSourceFile(name: string): boolean {
  if (isDeclarationFile(name)) return false;
  return SOURCE_EXTENSIONS.includes(path.extname(name));
}

/** Enough of a file for its `#!` line. */
const SHEBANG_BYTES = 256;

/**
 * A file without an extension whose `#!` line runs Node (`#!/usr/bin/env node`, `#!/usr/local/bin/node`):
 * a script such as express-generator's `bin/www`, which Node runs as JavaScript (CommonJS, or as its
 * package's `type`). Not `ts-node` or `nodemon`, and not a file that cannot be read.
 */
function isNodeScript(name: string, absolute: string): boolean {
  if (path.extname(name) !== "" || name.startsWith(".")) return false;
  const command = shebangCommand(readHead(absolute));
  return command === "node" || command === "nodejs";
}

/** The first bytes of a file, enough for its `#!` line; "" when it cannot be read. */
function readHead(absolute: string): string {
  const head = Buffer.alloc(SHEBANG_BYTES);
  let descriptor: number | undefined;
  try {
    descriptor = openSync(absolute, "r");
    return head.toString("utf8", 0, readSync(descriptor, head, 0, SHEBANG_BYTES, 0));
  } catch {
    return "";
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

/** The program a `#!` line runs, by name: `env`'s command (after its options) when it is `env`. */
function shebangCommand(text: string): string | undefined {
  const firstLine = text.split("\n", 1)[0] ?? "";
  if (!firstLine.startsWith("#!")) return undefined;
  const [interpreter, ...rest] = firstLine.slice(2).trim().split(/\s+/);
  const program = path.posix.basename(interpreter ?? "");
  return program === "env" ? rest.find((word) => !word.startsWith("-") && !word.includes("=")) : program;
}

/**
 * A folder the walk never enters, ignored or not: node_modules, .git, hidden folders, the out dir and
 * tsconfig outDirs given as `skip`, and an earlier klotho output.
 */
export function isSkippedFolder(name: string, absolute: string, skip: ReadonlySet<string>): boolean {
  return SKIPPED_NAMES.has(name) || name.startsWith(".") || skip.has(absolute) || isKlothoOutput(absolute);
}

/** The .gitignore of `dir` (`folder` from the root), if it has one. */
function readGitignore(dir: string, folder: string): IgnoreScope | undefined {
  const file = path.join(dir, ".gitignore");
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  return { base: folder, file: folder === "" ? ".gitignore" : `${folder}/.gitignore`, lines: text.split(/\r?\n/), rules: ignore().add(text) };
}

/** The rule of the first .gitignore (outermost first) that leaves the file or folder out, if any. */
function ignoringRule(scopes: readonly IgnoreScope[], file: string, isDirectory: boolean): GitignoreRule | undefined {
  for (const scope of scopes) {
    // A scope's folder holds the file: the path below it is the rest of the file's.
    const relative = scope.base === "" ? file : file.slice(scope.base.length + 1);
    const { rule } = scope.rules.test(isDirectory ? `${relative}/` : relative);
    if (!rule) continue;
    const index = scope.lines.findIndex((line) => line.trim() === rule.pattern);
    return { pattern: rule.pattern, file: scope.file, ...(index >= 0 ? { line: index + 1 } : {}) };
  }
  return undefined;
}

/** A folder an earlier klotho compile wrote: it holds both resources.json and klotho.yaml. */
export function isKlothoOutput(dir: string): boolean {
  return existsSync(path.join(dir, "resources.json")) && existsSync(path.join(dir, "klotho.yaml"));
}

/** The walk's lists without the files (and package folders) in `dirs` (project-relative folders, such as a tsconfig's outDir). */
export function withoutFolders(walked: WalkResult, dirs: readonly string[]): WalkResult {
  if (dirs.length === 0) return walked;
  const outside = (file: string): boolean => !dirs.some((dir) => file === dir || file.startsWith(`${dir}/`));
  return {
    sourceFiles: walked.sourceFiles.filter(outside),
    packageDirs: walked.packageDirs.filter(outside),
    otherFiles: walked.otherFiles.filter(outside),
    buildOutputFiles: walked.buildOutputFiles.filter(outside),
    ignored: walked.ignored.filter((entry) => outside(entry.path)),
  };
}
