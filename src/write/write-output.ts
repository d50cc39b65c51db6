import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync, cpSync } from "node:fs";
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
export function writeOutput(outDir: string, files: readonly OutputFile[], preserve: readonly string[] = []): WriteReport {
  const parent = path.dirname(outDir);
  const base = path.basename(outDir);
  const staging = path.join(parent, `.${base}.klotho-new-${process.pid}`);
  const retired = path.join(parent, `.${base}.klotho-old-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const created: string[] = [];
  // Folders made so far: thousands of files share a few hundred folders, and each mkdir is a system call.
  const folders = new Set<string>([staging]);
  const ensureFolder = (folder: string): void => {
    if (folders.has(folder)) return;
    mkdirSync(folder, { recursive: true });
    for (let f = folder; f.length > staging.length && !folders.has(f); f = path.dirname(f)) folders.add(f);
  };
  try {
    for (const file of files) {
      const target = path.join(staging, file.path);
      if (path.relative(staging, target).split(path.sep)[0] === "..") throw new Error(`internal: output path ${file.path} leaves the output folder`);
      ensureFolder(path.dirname(target));
      if ("copyFrom" in file) {
        copyFileSync(file.copyFrom, target);
        continue;
      }
      const previous = path.join(outDir, file.path);
      if (file.createOnly && existsSync(previous)) {
        cpSync(previous, target);
        continue;
      }
      writeFileSync(target, file.contents);
      if (file.createOnly) created.push(file.path);
    }
    for (const kept of preserve) {
      const previous = path.join(outDir, kept);
      const target = path.join(staging, kept);
      if (existsSync(previous) && !existsSync(target)) {
        mkdirSync(path.dirname(target), { recursive: true });
        cpSync(previous, target);
      }
    }
    swapIn(staging, outDir, retired);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return { created };
}

function swapIn(staging: string, outDir: string, retired: string): void {
  const hadOld = existsSync(outDir);
  if (hadOld) renameSync(outDir, retired);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    if (hadOld) renameSync(retired, outDir);
    throw error;
  }
  if (hadOld) rmSync(retired, { recursive: true, force: true });
}
