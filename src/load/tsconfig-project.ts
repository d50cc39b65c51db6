import { existsSync } from "node:fs";
import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { compareStrings } from "../util/compare.js";
import { relativePosix } from "../util/paths.js";
import { readJsoncFile } from "./json-file.js";
import { readTsconfigFile, type TsconfigInfo } from "./tsconfig.js";
import type { JsoncReader } from "./tsconfig-settings.js";

/** The project's tsconfig files and what reading them found wrong. */
export interface ProjectTsconfigs {
  /** Sorted by file. */
  readonly tsconfigs: readonly TsconfigInfo[];
  /** Each once, however many tsconfigs extend the file it is about. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The project's tsconfig files: the `tsconfig.json` of every folder (in `otherFiles`, the walk's
 * project-relative non-source files, and the root's) and, as `tsc -b` follows them, the tsconfig
 * files their `references` name inside the project (`tsconfig.app.json`). A file extended by many is read once.
 */
export function readProjectTsconfigs(root: string, otherFiles: readonly string[]): ProjectTsconfigs {
  const cache = new Map<string, unknown>();
  const read: JsoncReader = (file) => {
    if (!cache.has(file)) cache.set(file, readJsoncFile(file));
    return cache.get(file);
  };
  const queue = folderConfigs(root, otherFiles);
  const queued = new Set(queue);
  const tsconfigs: TsconfigInfo[] = [];
  const diagnostics = new Map<string, Diagnostic>();
  const report = (d: Diagnostic): void => void diagnostics.set(`${d.code}\u0000${d.range?.file ?? ""}\u0000${String(d.range?.start.offset)}\u0000${d.message}`, d);
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const result = readTsconfigFile(next, root, read);
    if ("diagnostic" in result) {
      // The root's tsconfig.json compiles the project; another (a scaffold's template, a broken fixture) only its folder.
      const { diagnostic } = result;
      report(next === path.join(root, "tsconfig.json") ? diagnostic : createDiagnostic("project/unreadable-tsconfig", diagnostic.range ? { range: diagnostic.range } : {}, diagnostic.message));
      continue;
    }
    tsconfigs.push(result.info);
    result.diagnostics.forEach(report);
    for (const reference of result.info.references ?? []) {
      if (queued.has(reference) || !isInside(root, reference)) continue;
      queued.add(reference);
      queue.push(reference);
    }
  }
  return { tsconfigs: tsconfigs.sort((a, b) => compareStrings(a.file, b.file)), diagnostics: [...diagnostics.values()] };
}

/**
 * The project folders (project-relative) that are a tsconfig's `outDir`: their files are that
 * tsconfig's build output, not sources. Not an outDir outside the project, nor one holding its tsconfig (`.`).
 */
export function tsconfigOutDirs(root: string, tsconfigs: readonly TsconfigInfo[]): string[] {
  return tsconfigs.flatMap(({ file, outDir }) => {
    if (outDir === undefined || isInside(outDir, path.dirname(file)) || !isInside(root, outDir)) return [];
    return [relativePosix(root, outDir)];
  });
}

/** The absolute `tsconfig.json` files of the project's folders, sorted. */
function folderConfigs(root: string, otherFiles: readonly string[]): string[] {
  const files = new Set(otherFiles.filter((file) => path.posix.basename(file) === "tsconfig.json").map((file) => path.join(root, file)));
  const atRoot = path.join(root, "tsconfig.json");
  if (existsSync(atRoot)) files.add(atRoot);
  return [...files].sort(compareStrings);
}

/** True when `target` is `dir` or below it. */
function isInside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
