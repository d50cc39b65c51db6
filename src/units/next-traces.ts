import type { BuildTrace } from "../load/next-traces.js";
import type { IgnoredEntry } from "../load/walk.js";
import { compareStrings } from "../util/compare.js";
import { isGeneratedUnitPath } from "./generated-paths.js";

/** A traced project file the project's walk left out, with why when a rule says so. */
export interface LeftOutFile {
  /** Project-relative (`.env.local`, `secrets/key.pem`). */
  readonly path: string;
  /** What leaves it out (`.gitignore:3 '.env*.local'`, `the hidden folder .secrets/`), when known. */
  readonly rule?: string;
}

/** The files a Next.js app's build traced that its unit carries, and those it cannot. */
export interface TracedAppFiles {
  /** Project files outside the build folders (`_posts/hello.md`), sorted. */
  readonly carried: string[];
  /** Files outside the project (`../content/a.md`), sorted: they have no place in the unit. Not package.json files. */
  readonly outside: string[];
  /**
   * Files inside the project that are not among its files (`.gitignore`d, in a hidden or skipped folder), sorted:
   * a trace lists what the server code may read, a `.env.local` or a key among them, so they are never carried.
   */
  readonly leftOut: LeftOutFile[];
}

/** What the project's walk kept (its files, project-relative) and what .gitignore rules left out. */
export interface ProjectFileSet {
  readonly files: ReadonlySet<string>;
  readonly ignored: readonly IgnoredEntry[];
}

/**
 * The files the traces of the build in `${prefix}.next/` list that the unit must carry besides the build
 * itself: what the app's pages and routes read at run time, when they are the project's files (`project`).
 * Left out: the build folders' files (carried, or left out on purpose, as the build cache is), paths where
 * klotho writes a file of its own (the root package.json Next.js reads for its `type`), and `.git`; and,
 * reported, files the project's walk did not keep (`.gitignore`d, hidden folders), which may hold secrets.
 */
export function tracedAppFiles(prefix: string, traces: readonly BuildTrace[], project: ProjectFileSet): TracedAppFiles {
  const carried = new Set<string>();
  const outside = new Set<string>();
  const leftOut = new Set<string>();
  for (const trace of traces.filter((t) => t.file.startsWith(`${prefix}.next/`))) {
    for (const file of trace.files) {
      const parts = file.split("/");
      // Outside the project, a package.json is one Node's module resolution read for its `type` (a workspace's root):
      // nothing the app reads, while a unit has a package.json of its own.
      if (file === ".." || file.startsWith("../")) {
        if (parts.at(-1) !== "package.json") outside.add(file);
      } else if (parts.includes(".next") || parts.includes(".git") || isGeneratedUnitPath(file)) continue;
      else if (project.files.has(file)) carried.add(file);
      else leftOut.add(file);
    }
  }
  return {
    carried: [...carried].sort(compareStrings),
    outside: [...outside].sort(compareStrings),
    leftOut: [...leftOut].sort(compareStrings).map((file) => withRule(file, project.ignored)),
  };
}

/** A left-out file with the .gitignore rule leaving it (or a folder holding it) out, or the hidden folder it is in. */
function withRule(file: string, ignored: readonly IgnoredEntry[]): LeftOutFile {
  const entry = ignored.find((e) => e.path === file || (e.directory && file.startsWith(`${e.path}/`)));
  if (entry) {
    const { file: gitignore, line, pattern } = entry.rule;
    return { path: file, rule: `${gitignore}${line === undefined ? "" : `:${String(line)}`} '${pattern}'` };
  }
  const parts = file.split("/");
  const hidden = parts.slice(0, -1).findIndex((part) => part.startsWith("."));
  return hidden >= 0 ? { path: file, rule: `the hidden folder ${parts.slice(0, hidden + 1).join("/")}/` } : { path: file };
}
