import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { removeTree } from "./remove-tree.js";
import type { OutputFile } from "../pipeline.js";

/** What the writer did with the files marked create-only, and what it could not clean up. */
export interface WriteReport {
  /** Create-only files that did not exist before and were written now. */
  readonly created: string[];
  /** The earlier output, set aside by the swap, when it could not be deleted (the new output is in place). */
  readonly leftover?: { readonly folder: string; readonly reason: string };
}

/** A failure to write the output tree (as opposed to a bug): the old output is as it was. */
export class OutputWriteError extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause });
  }
}

/**
 * A new output tree being built beside `outDir`: `write` adds files (as many times as the compile
 * has files ready), `commit` swaps the tree in, `abandon` removes it and leaves the old output as it was.
 */
export interface OutputStaging {
  write(files: readonly OutputFile[]): void;
  commit(preserve?: readonly string[]): WriteReport;
  abandon(): void;
}

/**
 * A new output tree in a sibling folder of `outDir`, made on the first write and swapped in with
 * renames, so a crash or an error leaves either the old output or the new one, never a mix, and a
 * compile that fails before writing creates nothing at all. A file given as `copyFrom` is copied
 * byte for byte (a static unit's files). Create-only files, and the `preserve` paths (files of the
 * user's inside the output, such as the Pulumi stack settings), are carried over from the old tree
 * when they exist there. Failures are OutputWriteErrors, after the staging folder is removed.
 */
export function stageOutput(outDir: string): OutputStaging {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const staging = path.join(parent, `.${base}.klotho-new-${process.pid}`);
  const retired = path.join(parent, `.${base}.klotho-old-${process.pid}`);
  const folders = new Set<string>([staging]);
  const created: string[] = [];
  let started = false;
  // Best effort: a staging folder that could not be made (its parent is a file) cannot be removed either.
  const abandon = (): void => {
    if (!started) return;
    try {
      removeTree(staging);
    } catch {
      // Nothing was made to remove.
    }
  };
  const guarded = <T>(work: () => T): T => {
    try {
      if (!started) {
        started = true;
        removeAbandoned(parent, base);
        removeTree(staging);
        mkdirSync(staging, { recursive: true });
      }
      return work();
    } catch (error) {
      abandon();
      throw error instanceof Error && typeof (error as NodeJS.ErrnoException).code === "string" ? new OutputWriteError(error) : error;
    }
  };
  return {
    write(files) {
      guarded(() => {
        makeFolders(staging, files, folders);
        // One after the other, synchronously: each write is a copy into the page cache, and the promise
        // API's file handles cost more than that for thousands of small files (2.5 times as much CPU).
        for (const file of files) writeOne(staging, outDir, file, created);
      });
    },
    commit(preserve = []) {
      guarded(() => {
        for (const kept of preserve) {
          const previous = path.join(outDir, kept);
          const target = path.join(staging, kept);
          if (existsSync(previous) && !existsSync(target)) {
            mkdirSync(path.dirname(target), { recursive: true });
            cpSync(previous, target);
          }
        }
        // What the user made in the output (installed packages, other stacks' settings) moves across, and back if the swap fails.
        const moved: string[] = [];
        try {
          moveUserArtifacts(outDir, staging, moved);
          swapIn(staging, outDir, retired);
        } catch (error) {
          for (const entry of moved.reverse()) renameSync(path.join(staging, entry), path.join(outDir, entry));
          throw error;
        }
      });
      // The new output is in place: the old one, set aside, is deleted as well as it can be.
      try {
        removeTree(retired);
      } catch (error) {
        return { created: created.sort(), leftover: { folder: retired, reason: error instanceof Error ? error.message : String(error) } };
      }
      return { created: created.sort() };
    },
    abandon,
  };
}

/**
 * Files the user makes in the output folder, which klotho never writes: `npm install`'s packages and
 * lock file (in the Pulumi program's folder and in a unit's, as the README's local run does), the
 * settings of every Pulumi stack, and a local Pulumi backend's state. A compile carries them over, or
 * each would wipe an install that takes minutes, and stacks' settings that may hold encrypted secrets.
 */
const USER_ARTIFACTS = ["node_modules", "package-lock.json", ".pulumi"];
const STACK_SETTINGS = /^Pulumi\..+\.ya?ml$/;

/**
 * Moves the user's artifacts (USER_ARTIFACTS and Pulumi stack settings at the top, USER_ARTIFACTS in a
 * folder the new tree has too) from the old output into the new tree, where the new tree has no such
 * path; adds each to `moved` (relative paths) as it goes, so a failure part way can move them back.
 */
function moveUserArtifacts(outDir: string, staging: string, moved: string[]): void {
  if (!existsSync(outDir)) return;
  const wanted: string[] = [];
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    if (USER_ARTIFACTS.includes(entry.name) || (entry.isFile() && STACK_SETTINGS.test(entry.name))) wanted.push(entry.name);
    else if (entry.isDirectory() && existsSync(path.join(staging, entry.name))) {
      for (const name of USER_ARTIFACTS) if (existsSync(path.join(outDir, entry.name, name))) wanted.push(`${entry.name}/${name}`);
    }
  }
  for (const entry of wanted.sort()) {
    if (existsSync(path.join(staging, entry))) continue;
    renameSync(path.join(outDir, entry), path.join(staging, entry));
    moved.push(entry);
  }
}

/**
 * Removes the staging and set-aside folders (`.<base>.klotho-new-<pid>`, `-old-<pid>`) that a klotho
 * process killed mid-write left beside the output: those of processes that no longer run.
 */
function removeAbandoned(parent: string, base: string): void {
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.klotho-(?:new|old)-(\\d+)$`);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(pattern.exec(entry)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    try {
      removeTree(path.join(parent, entry));
    } catch {
      // Left for the user: it is not the output, and the next compile tries again.
    }
  }
}

/** True when process `pid` exists (signal 0 only checks; EPERM means it exists under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Writes `files` to `outDir` in one go (see stageOutput). */
export function writeOutput(outDir: string, files: readonly OutputFile[], preserve: readonly string[] = []): WriteReport {
  const staging = stageOutput(outDir);
  staging.write(files);
  return staging.commit(preserve);
}

function writeOne(staging: string, outDir: string, file: OutputFile, created: string[]): void {
  const target = path.join(staging, file.path);
  if ("copyFrom" in file) {
    copyFileSync(file.copyFrom, target);
    return;
  }
  if (file.createOnly && existsSync(path.join(outDir, file.path))) {
    cpSync(path.join(outDir, file.path), target);
    return;
  }
  writeFileSync(target, file.contents);
  if (file.createOnly) created.push(file.path);
}

/** Checks that every path stays inside the output folder and makes each folder once (thousands of files share a few hundred). */
function makeFolders(staging: string, files: readonly OutputFile[], folders: Set<string>): void {
  for (const file of files) {
    const relative = path.normalize(file.path);
    if (path.isAbsolute(relative) || relative === ".." || relative.startsWith(`..${path.sep}`)) throw new Error(`internal: output path ${file.path} leaves the output folder`);
    const folder = path.dirname(path.join(staging, relative));
    if (folders.has(folder)) continue;
    mkdirSync(folder, { recursive: true });
    for (let f = folder; f.length > staging.length && !folders.has(f); f = path.dirname(f)) folders.add(f);
  }
}

/** Old output aside, new output in; the old one is put back if the second rename fails. */
function swapIn(staging: string, outDir: string, retired: string): void {
  const hadOld = existsSync(outDir);
  if (hadOld) renameSync(outDir, retired);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    if (hadOld) renameSync(retired, outDir);
    throw error;
  }
}
