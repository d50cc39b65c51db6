import path from "node:path";
import { compareStrings } from "./compare.js";

/** Where a static site serves each of its files, and the files that would have collided. */
export interface SiteKeys {
  /** The project folder served as the site's root ("" for the project root). */
  readonly root: string;
  /** The index document served for the root (the shallowest file named so), when there is one. */
  readonly index?: string;
  /** Each file (project path) → its object key, the URL path it is served at. */
  readonly keys: ReadonlyMap<string, string>;
  /** Pairs of files that would share a key under `root`: then every file keeps its project path. */
  readonly collisions: readonly (readonly [string, string])[];
}

/**
 * The site's root is the folder of its index document (the shallowest file named so), so the root
 * URL serves it and its relative links resolve: `public/index.html` is served at `index.html` and
 * `public/css/site.css` at `css/site.css`. A file outside that folder keeps its project path, which
 * is where a link climbing out of the folder (`../shared/x.js`) lands. Two files that would share a
 * key leave every file at its project path.
 */
export function siteObjectKeys(files: readonly string[], indexDocument: string | undefined): SiteKeys {
  const identity = (): Map<string, string> => new Map(files.map((file) => [file, file]));
  const indexes = files.filter((file) => indexDocument !== undefined && path.posix.basename(file) === indexDocument);
  const index = indexes.sort((a, b) => a.split("/").length - b.split("/").length || compareStrings(a, b))[0];
  const root = index === undefined ? "" : path.posix.dirname(index) === "." ? "" : path.posix.dirname(index);
  const found = index === undefined ? {} : { index };
  if (root === "") return { root, ...found, keys: identity(), collisions: [] };
  const keys = new Map(files.map((file) => [file, file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file]));
  const byKey = new Map<string, string>();
  const collisions: [string, string][] = [];
  for (const [file, key] of [...keys].sort(([a], [b]) => compareStrings(a, b))) {
    const other = byKey.get(key);
    if (other === undefined) byKey.set(key, file);
    else collisions.push([other, file]);
  }
  return collisions.length > 0 ? { root: "", ...found, keys: identity(), collisions } : { root, ...found, keys, collisions };
}
