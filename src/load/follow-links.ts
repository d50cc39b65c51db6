import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";

/** More links than this in a row is a loop (Linux's own limit is 40). */
const MAX_LINKS = 40;

/**
 * The real folder `folder` names when it is a symbolic link (followed link after link, each target
 * relative to the link's folder), with the folders above it resolved too; `folder` itself otherwise.
 * A link to a folder that does not exist yet gives that folder, so that it can be made there. The
 * output folder is resolved this way before it is checked and replaced: replacing the link itself
 * would turn it into a folder and leave the folder it pointed to behind.
 */
export function followLinks(folder: string): string {
  let current = path.resolve(folder);
  // A relative target is relative to the link's real folder, which a link above it may move (`work/deep -> /elsewhere`).
  for (let hops = 0; hops < MAX_LINKS && isLink(current); hops++) current = path.resolve(realFolder(path.dirname(current)), readlinkSync(current));
  try {
    return path.join(realpathSync(path.dirname(current)), path.basename(current));
  } catch {
    return current;
  }
}

function realFolder(folder: string): string {
  try {
    return realpathSync(folder);
  } catch {
    return folder;
  }
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
