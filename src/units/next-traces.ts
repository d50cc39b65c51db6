import type { BuildTrace } from "../load/next-traces.js";
import { compareStrings } from "../util/compare.js";
import { isGeneratedUnitPath } from "./generated-paths.js";

/** The files a Next.js app's build traced that its unit carries, and those it cannot. */
export interface TracedAppFiles {
  /** Project files outside the build folders (`_posts/hello.md`), sorted. */
  readonly carried: string[];
  /** Files outside the project (`../content/a.md`), sorted: they have no place in the unit. Not package.json files. */
  readonly outside: string[];
}

/**
 * The files the traces of the build in `${prefix}.next/` list that the unit must carry besides the build
 * itself: what the app's pages and routes read at run time. Left out: the build folders' files (carried,
 * or left out on purpose, as the build cache is), paths where klotho writes a file of its own (the root
 * package.json Next.js reads for its `type`), and `.git`.
 */
export function tracedAppFiles(prefix: string, traces: readonly BuildTrace[]): TracedAppFiles {
  const carried = new Set<string>();
  const outside = new Set<string>();
  for (const trace of traces.filter((t) => t.file.startsWith(`${prefix}.next/`))) {
    for (const file of trace.files) {
      const parts = file.split("/");
      // Outside the project, a package.json is one Node's module resolution read for its `type` (a workspace's root):
      // nothing the app reads, while a unit has a package.json of its own.
      if (file === ".." || file.startsWith("../")) {
        if (parts.at(-1) !== "package.json") outside.add(file);
      }
      else if (!parts.includes(".next") && !parts.includes(".git") && !isGeneratedUnitPath(file)) carried.add(file);
    }
  }
  return { carried: [...carried].sort(compareStrings), outside: [...outside].sort(compareStrings) };
}
