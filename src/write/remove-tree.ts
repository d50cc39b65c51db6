import { lstatSync, readdirSync, rmdirSync, unlinkSync, type Dirent } from "node:fs";
import path from "node:path";

/**
 * Deletes a folder klotho made (an output set aside, a staging folder) with everything in it; a
 * folder that is not there is no error. For the tens of thousands of files of a large output it is
 * quicker than `rmSync(..., { recursive: true })`, which stats every file and first tries to remove
 * every folder as if it were empty: a folder's listing already says what each entry is.
 */
export function removeTree(folder: string): void {
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
    if (isFolder) removeTree(child);
    else unlinkSync(child);
  }
  rmdirSync(folder);
}
