// Writes dist/drawing-code.txt: a digest of every chunk of the bundle and of ELK's version, which is
// the code that turns a topology into a drawing. A compile keys its drawing with it (see
// src/diagram/drawing-key.ts and src/load/drawing-code.ts), so a recompile keeps the output folder's
// diagram only when the same build of klotho drew it from the same topology; any change to klotho's
// code draws again.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** @param {string} dist the dist/ folder the bundle was written to */
export async function writeDrawingCode(dist) {
  const { DRAWING_CODE_FILE } = await import(pathToFileURL(path.join(dist, "load/drawing-code.js")).href);
  const bundle = path.join(dist, "bundle");
  const hash = createHash("sha256");
  for (const name of readdirSync(bundle).filter((file) => file.endsWith(".cjs")).sort()) hash.update(`${name}\0`).update(readFileSync(path.join(bundle, name))).update("\0");
  const elk = createRequire(path.join(dist, "diagram/elk-layout.js"))("elkjs/package.json");
  hash.update(`elkjs ${elk.version}`);
  writeFileSync(path.join(dist, DRAWING_CODE_FILE), `${hash.digest("hex")}\n`);
  return "drawing code digest";
}
