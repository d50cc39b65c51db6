import path from "node:path";

/** A path with forward slashes, as every path in diagnostics and output is written. */
export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/**
 * `folder` (a normalized absolute path) and a relative `name` below it (a directory entry's name, or a
 * POSIX path of such names), joined without path.join's normalizing: the project's walk and read join
 * each of thousands of files (at 1,000 files, path.join's normalizing took about 10 ms of a cold compile).
 */
export function below(folder: string, name: string): string {
  return folder.endsWith(path.sep) || folder.endsWith("/") ? `${folder}${name}` : `${folder}${path.sep}${name}`;
}

/** `target` relative to `from`, POSIX style. */
export function relativePosix(from: string, target: string): string {
  return toPosix(path.relative(from, target));
}

/**
 * How messages name a file the user gave: relative to the project when it is inside it (as source
 * files are named), else its absolute path, which reads right from any folder (`../../x/rules.yaml`
 * would be relative to the project, not to where the user stands).
 */
export function displayPath(projectRoot: string, file: string): string {
  const relative = path.relative(projectRoot, file);
  if (relative === "") return ".";
  return relative.startsWith("..") || path.isAbsolute(relative) ? toPosix(path.resolve(file)) : toPosix(relative);
}

/** `text` (a folder's path) with the characters globs give a meaning to escaped, so it matches only itself in a glob. */
export function escapeGlob(text: string): string {
  return text.replace(/[\\*?[\]{}()!+@|]/g, "\\$&");
}
