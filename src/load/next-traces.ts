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
  for (const file of buildOutputFiles.filter((name) => name.endsWith(TRACE_SUFFIX))) {
    const listed = tracedEntries(path.join(root, file));
    if (listed === undefined) continue;
    const folder = path.posix.dirname(file);
    const files = new Set<string>();
    for (const entry of listed) {
      // Next.js writes paths relative to the trace; an absolute one is not its format, and is not followed.
      if (path.isAbsolute(entry) || path.posix.isAbsolute(entry)) continue;
      const relative = path.posix.normalize(path.posix.join(folder, entry.split(path.sep).join("/")));
      if (relative.split("/").includes("node_modules")) continue;
      if (isFile(path.join(root, relative))) files.add(relative);
    }
    traces.push({ file, files: [...files].sort(compareStrings) });
  }
  return traces;
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
    return statSync(absolute).isFile();
  } catch {
    return false;
  }
}
