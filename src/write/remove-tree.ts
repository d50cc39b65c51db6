import { lstatSync, readdirSync, rmdirSync, unlinkSync, type Dirent } from "node:fs";
import path from "node:path";

/**
 * Deletes a folder klotho made (an output set aside, a staging folder) with everything in it; a
 * folder that is not there is no error. For the tens of thousands of files of a large output it is
 * quicker than `rmSync(..., { recursive: true })`, which stats every file and first tries to remove
 * every folder as if it were empty: a folder's listing already says what each entry is. A `folder`
 * that is a symbolic link is removed as a link: what it points to is never touched.
 */
export function removeTree(folder: string): void {
  if (isLink(folder)) {
    unlinkSync(folder);
    return;
  }
  removeFolder(folder);
}

/** True when `file` is a symbolic link (false when it is not there). */
function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Deletes `folder`, known not to be a link, and what it holds (its entries' links are removed, never followed). */
function removeFolder(folder: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  for (const entry of entries) {
    const child = path.join(folder, entry.name);
    // Some file systems do not say what an entry is: then it is asked (a link is removed, never followed).
    const isFolder = entry.isDirectory() || (!entry.isFile() && !entry.isSymbolicLink() && lstatSync(child).isDirectory());
    if (isFolder) removeFolder(child);
    else unlinkSync(child);
  }
  rmdirSync(folder);
}
