import path from "node:path";

/** A path with forward slashes, as every path in diagnostics and output is written. */
export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

/** `target` relative to `from`, POSIX style. */
export function relativePosix(from: string, target: string): string {
  return toPosix(path.relative(from, target));
}
