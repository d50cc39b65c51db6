// dist/source-digest.txt: a digest of everything a build reads (SOURCES) and of the Node that ran it
// (the code caches are V8's). scripts/build.mjs does nothing when dist/ already holds the build of the
// tree as it is, and a test that needs a built package (test/cli/binary.test.ts) copies such a dist/
// instead of building a private one.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What scripts/build.mjs reads, relative to the repository: besides node_modules, whose versions package-lock.json names. */
const SOURCES = ["src", "scripts/build.mjs", "scripts/build", "tsconfig.json", "tsconfig.build.json", "package.json", "package-lock.json", "schemas", "rules", "providers", "templates", "examples/pugs"];
/** Folders under SOURCES a build neither reads nor writes into the package (a compile of the example run by hand). */
const SKIPPED = new Set(["node_modules", "compiled"]);

export const SOURCE_DIGEST_FILE = "source-digest.txt";

/**
 * The digest of the build's sources under `root`: each file's path and bytes, in path order, and the
 * Node version and architecture.
 * @param {string} root the repository
 */
export function sourceDigest(root) {
  const hash = createHash("sha256").update(`${process.version} ${process.arch}\0`);
  for (const file of SOURCES.flatMap((source) => filesOf(root, source)).sort()) hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update("\0");
  return hash.digest("hex");
}

/**
 * @param {string} dist the dist/ folder just built
 * @param {string} digest the sourceDigest of the repository, taken before the build read it
 */
export function writeSourceDigest(dist, digest) {
  writeFileSync(path.join(dist, SOURCE_DIGEST_FILE), `${digest}\n`);
  return "source digest";
}

/**
 * Whether `dist` is the build of `root` as it is now.
 * @param {string} root the repository
 * @param {string} dist a dist/ folder
 */
export function isBuildOf(root, dist) {
  const file = path.join(dist, SOURCE_DIGEST_FILE);
  return existsSync(file) && readFileSync(file, "utf8").trim() === sourceDigest(root);
}

/** @param {string} root @param {string} relative @returns {string[]} */
function filesOf(root, relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full, { withFileTypes: true })
    .filter((entry) => !SKIPPED.has(entry.name))
    .flatMap((entry) => filesOf(root, path.join(relative, entry.name)));
}
