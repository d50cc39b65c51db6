import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import { parse as parseYaml } from "yaml";

/** Files to write: a POSIX path relative to the folder → the file's text. */
export type FileTree = Readonly<Record<string, string>>;

/** A fresh folder under the system temp folder. */
export interface TempFolder {
  /** Absolute path of the folder. */
  readonly dir: string;
  /** An absolute path inside the folder. */
  path(...segments: string[]): string;
  /** Writes `files` (creating folders as needed), replacing files that exist. */
  write(files: FileTree): void;
  /** The text of a file inside the folder. */
  read(relative: string): string;
  /** Deletes the folder and everything in it. */
  remove(): void;
}

/** Creates a temp folder holding `files`; the caller removes it (use in `beforeAll`/`afterAll`). */
export function createTempFolder(files: FileTree = {}): TempFolder {
  const dir = mkdtempSync(path.join(os.tmpdir(), "klotho-test-"));
  const folder: TempFolder = {
    dir,
    path: (...segments) => path.join(dir, ...segments),
    write(tree) {
      for (const [relative, text] of Object.entries(tree)) {
        const target = path.join(dir, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, text);
      }
    },
    read: (relative) => readFileSync(path.join(dir, relative), "utf8"),
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  folder.write(files);
  return folder;
}

/** A temp folder holding `files`, removed when the current test finishes. */
export function tempProject(files: FileTree = {}): TempFolder {
  const folder = createTempFolder(files);
  onTestFinished(() => {
    folder.remove();
  });
  return folder;
}

/** Every file below `dir` (POSIX relative path → bytes), sorted by path; empty when `dir` does not exist. */
export function readTree(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  const visit = (current: string): void => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const absolute = path.join(current, entry.name);
      if (entry.isDirectory()) visit(absolute);
      else out[path.relative(dir, absolute).split(path.sep).join("/")] = readFileSync(absolute);
    }
  };
  try {
    visit(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return out;
}

/** The effective config a compile wrote (`<outDir>/klotho.yaml`), parsed. */
export function readEffectiveConfig(outDir: string): Record<string, unknown> {
  return parseYaml(readFileSync(path.join(outDir, "klotho.yaml"), "utf8")) as Record<string, unknown>;
}
