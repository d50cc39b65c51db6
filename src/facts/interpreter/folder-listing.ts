import { compareStrings } from "../../util/compare.js";

/**
 * The entries of a project folder (project-relative, `.` the root), sorted: the names of its files and
 * folders, or with `recursive` the paths below it (folders included, as `readdirSync(dir, { recursive: true })`
 * gives them); undefined for a folder the project does not hold.
 */
export type FolderListing = (folder: string, recursive: boolean) => readonly string[] | undefined;

/**
 * The listing of the folders of a project whose files are `files` (project-relative POSIX paths): what the
 * project loader read (src/load/project.ts), so never node_modules, hidden folders, files .gitignore
 * ignores or klotho's output. In the cloud a unit's folder holds only files of the project it carries,
 * so what the code lists there is at most this.
 */
export function createFolderListing(files: readonly string[]): FolderListing {
  let below: Map<string, Set<string>> | undefined;
  return (folder, recursive) => {
    below ??= entriesBelow(files);
    const entries = below.get(folder);
    if (entries === undefined) return undefined;
    const names = [...entries];
    if (recursive) return [...new Set(names.flatMap((name) => [name, ...descendants(below ?? new Map(), join(folder, name), name)]))].sort(compareStrings);
    return names.sort(compareStrings);
  };
}

/** Each folder's entry names, from the files' paths: `a/b/c.js` puts `a` in `.`, `b` in `a` and `c.js` in `a/b`. */
function entriesBelow(files: readonly string[]): Map<string, Set<string>> {
  const below = new Map<string, Set<string>>();
  for (const file of files) {
    const parts = file.split("/");
    for (let index = 0; index < parts.length; index++) {
      const folder = index === 0 ? "." : parts.slice(0, index).join("/");
      const name = parts[index] ?? "";
      const entries = below.get(folder);
      if (entries) entries.add(name);
      else below.set(folder, new Set([name]));
    }
  }
  return below;
}

/** The paths below `folder`, each prefixed with `prefix` (its path from the folder listed). */
function descendants(below: ReadonlyMap<string, ReadonlySet<string>>, folder: string, prefix: string): string[] {
  return [...(below.get(folder) ?? [])].flatMap((name) => [`${prefix}/${name}`, ...descendants(below, join(folder, name), `${prefix}/${name}`)]);
}

function join(folder: string, name: string): string {
  return folder === "." ? name : `${folder}/${name}`;
}
