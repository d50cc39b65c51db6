import { existsSync, mkdirSync, renameSync, rmSync, cpSync } from "node:fs";
import { copyFile, cp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OutputFile } from "../pipeline.js";

/** What the writer did with the files marked create-only. */
export interface WriteReport {
  /** Create-only files that did not exist before and were written now. */
  readonly created: string[];
}

/**
 * Writes `files` to `outDir` atomically: the new tree is built in a sibling folder and swapped in
 * with renames, so a crash or an error leaves either the old output or the new one, never a mix.
 * A file given as `copyFrom` is copied byte for byte (a static unit's files).
 * Create-only files, and the `preserve` paths (files of the user's inside the output, such as the
 * Pulumi stack settings), are carried over from the old tree when they exist there.
 */
export async function writeOutput(outDir: string, files: readonly OutputFile[], preserve: readonly string[] = []): Promise<WriteReport> {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const staging = path.join(parent, `.${base}.klotho-new-${process.pid}`);
  const retired = path.join(parent, `.${base}.klotho-old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const created: string[] = [];
  try {
    makeFolders(staging, files);
    // Thousands of files: written a few at a time on libuv's threads rather than one after the other.
    await forEachConcurrently(files, WRITES_IN_FLIGHT, async (file) => {
      const target = path.join(staging, file.path);
      if ("copyFrom" in file) return copyFile(file.copyFrom, target);
      const previous = path.join(outDir, file.path);
      if (file.createOnly && existsSync(previous)) return cp(previous, target);
      await writeFile(target, file.contents);
      if (file.createOnly) created.push(file.path);
    });
    for (const kept of preserve) {
      const previous = path.join(outDir, kept);
      const target = path.join(staging, kept);
      if (existsSync(previous) && !existsSync(target)) {
        mkdirSync(path.dirname(target), { recursive: true });
        cpSync(previous, target);
      }
    }
    await swapIn(staging, outDir, retired);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { created: created.sort() };
}

const WRITES_IN_FLIGHT = 16;

/** Checks that every path stays inside the output folder and makes each folder once (thousands of files share a few hundred). */
function makeFolders(staging: string, files: readonly OutputFile[]): void {
  const folders = new Set<string>([staging]);
  for (const file of files) {
    const target = path.join(staging, file.path);
    if (path.relative(staging, target).split(path.sep)[0] === "..") throw new Error(`internal: output path ${file.path} leaves the output folder`);
    const folder = path.dirname(target);
    if (folders.has(folder)) continue;
    mkdirSync(folder, { recursive: true });
    for (let f = folder; f.length > staging.length && !folders.has(f); f = path.dirname(f)) folders.add(f);
  }
}

/** Runs `task` over `items` with at most `limit` running; waits for all of them, then throws the first failure. */
async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (next < items.length && failures.length === 0) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failures.push(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}

async function swapIn(staging: string, outDir: string, retired: string): Promise<void> {
  const hadOld = existsSync(outDir);
  if (hadOld) renameSync(outDir, retired);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    if (hadOld) renameSync(retired, outDir);
    throw error;
  }
  if (hadOld) await rm(retired, { recursive: true, force: true });
}
