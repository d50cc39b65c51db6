import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The folder klotho itself is installed in (holding `schemas/`, `rules/`, `providers/`, `templates/`). */
export const klothoHome: string = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Reads one of klotho's own files, e.g. `schemas/plan.schema.json`. */
export function readOwnText(relativePath: string): string {
  return readFileSync(path.join(klothoHome, relativePath), "utf8");
}

/** Reads and parses one of klotho's own JSON files, e.g. `package.json`. */
export function readOwnJson(relativePath: string): unknown {
  return JSON.parse(readOwnText(relativePath)) as unknown;
}

/** klotho's own version, from its package.json. */
export function klothoVersion(): string {
  const manifest = readOwnJson("package.json");
  if (manifest && typeof manifest === "object" && "version" in manifest && typeof manifest.version === "string") {
    return manifest.version;
  }
  return "0.0.0";
}
