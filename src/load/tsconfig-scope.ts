import path from "node:path";
import picomatch from "picomatch";
import { escapeGlob, relativePosix, toPosix } from "../util/paths.js";
import type { TsconfigInfo } from "./tsconfig.js";

/** The tsconfig that compiles a project file (project-relative POSIX path), or nothing when no tsconfig.json is above it. */
export type TsconfigSelector = (file: string) => TsconfigInfo | undefined;

/**
 * The tsconfig each project file is compiled with, as an editor's TypeScript finds it: the
 * `tsconfig.json` nearest above the file within the project; when that one does not compile the file
 * (its `files`, `include` and `exclude`) but references projects (a solution-style `{ "files": [],
 * "references": [...] }`), the first referenced project that does, looked for depth first; else the
 * nearest one still (a script it leaves out is emitted with its options). Chosen once per file.
 */
export function createTsconfigSelector(root: string, tsconfigs: readonly TsconfigInfo[] | undefined): TsconfigSelector {
  if (!tsconfigs || tsconfigs.length === 0) return () => undefined;
  const byFile = new Map(tsconfigs.map((config) => [config.file, config]));
  const byFolder = new Map<string, TsconfigInfo>();
  for (const config of tsconfigs) {
    const folder = relativePosix(root, path.dirname(config.file));
    if (path.basename(config.file) === "tsconfig.json" && !folder.startsWith("..") && !path.isAbsolute(folder)) byFolder.set(folder, config);
  }
  const compiles = coverageTest();
  const chosen = new Map<string, TsconfigInfo | undefined>();
  const select = (file: string): TsconfigInfo | undefined => {
    const nearest = nearestConfig(byFolder, file);
    if (!nearest?.references) return nearest;
    const absolute = toPosix(path.resolve(root, file));
    return compilingProject(nearest, absolute, byFile, compiles, new Set()) ?? nearest;
  };
  return (file) => {
    if (!chosen.has(file)) chosen.set(file, select(file));
    return chosen.get(file);
  };
}

/** The tsconfig.json of the file's folder or the nearest one above it. */
function nearestConfig(byFolder: ReadonlyMap<string, TsconfigInfo>, file: string): TsconfigInfo | undefined {
  for (let folder = path.posix.dirname(file); ; folder = path.posix.dirname(folder)) {
    const config = byFolder.get(folder === "." ? "" : folder);
    if (config || folder === "." || folder === "/" || folder === "") return config;
  }
}

/** `config` when it compiles `file`, else the first project it references (depth first) that does. */
function compilingProject(config: TsconfigInfo, file: string, byFile: ReadonlyMap<string, TsconfigInfo>, compiles: CoverageTest, visited: Set<string>): TsconfigInfo | undefined {
  if (visited.has(config.file)) return undefined;
  visited.add(config.file);
  if (compiles(config, file)) return config;
  for (const reference of config.references ?? []) {
    const referenced = byFile.get(reference);
    const found = referenced && compilingProject(referenced, file, byFile, compiles, visited);
    if (found) return found;
  }
  return undefined;
}

/** True when the tsconfig compiles the file (absolute, POSIX). */
type CoverageTest = (config: TsconfigInfo, file: string) => boolean;

/**
 * The test of which files a tsconfig compiles, as TypeScript decides it: those `files` lists, and
 * those `include` matches (every file below its folder when it has neither) that `exclude` does not.
 * Each tsconfig's globs are compiled once.
 */
function coverageTest(): CoverageTest {
  const matchers = new Map<TsconfigInfo, { listed: ReadonlySet<string>; included: (file: string) => boolean; excluded: (file: string) => boolean }>();
  return (config, file) => {
    let matcher = matchers.get(config);
    if (!matcher) {
      const include = config.include ?? (config.files ? [] : [`${escapeGlob(toPosix(path.dirname(config.file)))}/**/*`]);
      matcher = {
        listed: new Set((config.files ?? []).map(toPosix)),
        included: include.length > 0 ? picomatch([...include]) : () => false,
        excluded: config.exclude && config.exclude.length > 0 ? picomatch([...config.exclude]) : () => false,
      };
      matchers.set(config, matcher);
    }
    return matcher.listed.has(file) || (matcher.included(file) && !matcher.excluded(file));
  };
}
