// Writes dist/build-digest.txt: a digest of every chunk of the bundle and of ELK's version. A compile
// keys what it reuses from the output folder with it (src/load/build-digest.ts): the diagram (see
// src/diagram/drawing-key.ts) and the JavaScript emitted for TypeScript (src/transform/emit-reuse.ts)
// are kept only when the same build of klotho made them; any change to klotho's code makes them again.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** @param {string} dist the dist/ folder the bundle was written to */
export async function writeBuildDigest(dist) {
  const { BUILD_DIGEST_FILE } = await import(pathToFileURL(path.join(dist, "load/build-digest.js")).href);
  const bundle = path.join(dist, "bundle");
  const hash = createHash("sha256");
  for (const name of readdirSync(bundle).filter((file) => file.endsWith(".cjs")).sort()) hash.update(`${name}\0`).update(readFileSync(path.join(bundle, name))).update("\0");
  const elk = createRequire(path.join(dist, "diagram/elk-layout.js"))("elkjs/package.json");
  hash.update(`elkjs ${elk.version}`);
  writeFileSync(path.join(dist, BUILD_DIGEST_FILE), `${hash.digest("hex")}\n`);
  return "build digest";
}
