import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { compareStrings } from "../util/compare.js";

/**
 * One `*.nft.json` file of a Next.js build: `next build` traces each server page, API route and app
 * route, and lists the files its code reads at run time (`fs.readFileSync(join(process.cwd(), "_posts", ...))`)
 * beside the modules it loads.
 */
export interface BuildTrace {
  /** The trace file, project-relative (`.next/server/pages/api/posts.js.nft.json`). */
  readonly file: string;
  /**
   * The files it lists that exist, project-relative POSIX paths (`_posts/hello.md`; `../shared/a.md`
   * for one outside the project), sorted; not those in a `node_modules` folder, which npm installs in the unit.
   */
  readonly files: readonly string[];
}

/** The name every trace file of a Next.js build ends with. */
const TRACE_SUFFIX = ".nft.json";

/**
 * The traces of the project's Next.js builds (`buildOutputFiles`: the files of its `.next/` folders), in
 * file order. A trace that cannot be read or is not a trace (`{ files: [...] }`) is left out: it is the
 * build's, not the user's, and the app files klotho carries anyway do not depend on it.
 */
export function readBuildTraces(root: string, buildOutputFiles: readonly string[]): BuildTrace[] {
  const traces: BuildTrace[] = [];
  // Traces list the same chunks, packages and data files over and over: each path is looked at once.
  const isFileMemo = new Map<string, boolean>();
  // So are the entries of the traces of one folder (the same chunks from every page).
  const resolved = new Map<string, string | null>();
  const projectPath = (folder: string, entry: string): string | undefined => {
    const key = `${folder}\u0000${entry}`;
    let relative = resolved.get(key);
    if (relative === undefined) resolved.set(key, (relative = tracedPath(folder, entry) ?? null));
    return relative ?? undefined;
  };
  const exists = (relative: string): boolean => {
    let known = isFileMemo.get(relative);
    if (known === undefined) isFileMemo.set(relative, (known = isFile(path.join(root, relative))));
    return known;
  };
  for (const file of buildOutputFiles.filter((name) => name.endsWith(TRACE_SUFFIX))) {
    const listed = tracedEntries(path.join(root, file));
    if (listed === undefined) continue;
    const folder = path.posix.dirname(file);
    const files = new Set<string>();
    for (const entry of listed) {
      const relative = projectPath(folder, entry);
      if (relative !== undefined && exists(relative)) files.add(relative);
    }
    traces.push({ file, files: [...files].sort(compareStrings) });
  }
  return traces;
}

/**
 * The project-relative path of a trace's entry (relative to the trace's `folder`); undefined for an
 * absolute path, which is not Next.js's format and is not followed, and for a file in a `node_modules`
 * folder, which npm installs in the unit.
 */
function tracedPath(folder: string, entry: string): string | undefined {
  if (path.isAbsolute(entry) || path.posix.isAbsolute(entry)) return undefined;
  const relative = path.posix.normalize(path.posix.join(folder, entry.split(path.sep).join("/")));
  return relative.split("/").includes("node_modules") ? undefined : relative;
}

/** The `files` a trace lists (relative to its folder), or undefined when it cannot be read as a trace. */
function tracedEntries(absolute: string): string[] | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(absolute, "utf8"));
    if (typeof data !== "object" || data === null || !("files" in data) || !Array.isArray(data.files)) return undefined;
    return data.files.filter((entry): entry is string => typeof entry === "string");
  } catch {
    return undefined;
  }
}

/** True for a regular file (or a link to one); false for a folder or a path that does not exist. */
function isFile(absolute: string): boolean {
  try {
    return statSync(absolute, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    // Not a folder where the path needs one, no permission, a loop of links.
    return false;
  }
}
