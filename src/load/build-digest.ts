import { readFileSync } from "node:fs";

/**
 * The file the build writes into dist/ (scripts/build/build-digest.mjs): one line, a digest of the
 * bundle's code and of ELK's version, which is what turns a topology into a drawing and TypeScript
 * into a unit's JavaScript.
 */
export const BUILD_DIGEST_FILE = "build-digest.txt";

let read: string | null | undefined;

/**
 * The build's digest of its code, read once; undefined when klotho runs from its TypeScript sources
 * (the tests), where no build made one and no earlier output is taken for this build's.
 */
export function readBuildDigest(): string | undefined {
  if (read === undefined) {
    try {
      // From dist/load/ or dist/bundle/, the file is in dist/; beside src/load/ there is none.
      read = readFileSync(new URL(`../${BUILD_DIGEST_FILE}`, import.meta.url), "utf8").trim() || null;
    } catch {
      read = null;
    }
  }
  return read ?? undefined;
}
