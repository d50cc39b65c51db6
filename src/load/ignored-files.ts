import { readdirSync } from "node:fs";
import path from "node:path";
import { compareStrings } from "../util/compare.js";
import { toPosix } from "../util/paths.js";
import { isSkippedFolder, type GitignoreRule, type IgnoredEntry } from "./walk.js";

/** A file a .gitignore rule leaves out of the project, listed because a static unit's glob may name it. */
export interface IgnoredFile {
  /** Project-relative path. */
  readonly path: string;
  /** The ignored folder holding it, or the file itself: a glob reaches it only by naming this path. */
  readonly ignoredAt: string;
  readonly rule: GitignoreRule;
}

/** The annotation whose globs may publish ignored files. */
const STATIC_UNIT_MARK = "@klotho::static_unit";

/**
 * The files below the ignored folders (and the ignored files) a `static_unit` annotation may name, sorted
 * by path: a build folder such as `dist/` is .gitignored by every front-end scaffold, yet it is what a
 * static site serves. Only folders whose name a source file holding a static_unit annotation contains are
 * listed (a glob can reach an ignored folder only by naming it), so a project without one lists nothing.
 */
export function listIgnoredFiles(root: string, ignored: readonly IgnoredEntry[], sourceTexts: readonly string[], skipDirs: readonly string[]): IgnoredFile[] {
  const annotated = sourceTexts.filter((text) => text.includes(STATIC_UNIT_MARK));
  if (annotated.length === 0) return [];
  const named = (entry: IgnoredEntry): boolean => annotated.some((text) => text.includes(path.posix.basename(entry.path)));
  const skip = new Set(skipDirs.map((dir) => path.resolve(dir)));
  const out: IgnoredFile[] = [];
  for (const entry of ignored.filter(named)) {
    if (!entry.directory) out.push({ path: entry.path, ignoredAt: entry.path, rule: entry.rule });
    else for (const file of listFolder(root, path.join(root, entry.path), skip)) out.push({ path: file, ignoredAt: entry.path, rule: entry.rule });
  }
  return out.sort((a, b) => compareStrings(a.path, b.path));
}

/** Every file below `dir` (project-relative), skipping the folders the walk skips. */
function listFolder(root: string, dir: string, skip: ReadonlySet<string>): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory() && !isSkippedFolder(entry.name, absolute, skip)) files.push(...listFolder(root, absolute, skip));
    else if (entry.isFile()) files.push(toPosix(path.relative(root, absolute)));
  }
  return files;
}
