import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { EMIT_STAMP_FIELD, emittedFileKey, SOURCE_MAPS_FOLDER } from "../util/emitted-files.js";
import { sha256 } from "../util/sha256.js";

/** JavaScript an earlier compile emitted for TypeScript into a unit folder: the file and its source map, as written. */
export interface PreviousEmit {
  readonly code: string;
  readonly map: string;
}

/** The output folder's emitted files by emittedFileKey. */
export type PreviousEmits = ReadonlyMap<string, PreviousEmit>;

/**
 * The JavaScript the output folder's unit folders hold for TypeScript, with their source maps: each
 * map under a unit's SOURCE_MAPS_FOLDER that records its emit (EMIT_STAMP_FIELD) and the TypeScript,
 * beside a JavaScript file whose digest is the one recorded (a file edited since, or missing, is
 * not taken). A recompile reuses these instead of loading the TypeScript compiler to emit them again.
 * Anything unreadable is simply not there.
 */
export function readPreviousEmits(outDir: string): Map<string, PreviousEmit> {
  const found = new Map<string, PreviousEmit>();
  for (const unit of listFolders(outDir)) {
    const mapsFolder = path.join(outDir, unit, SOURCE_MAPS_FOLDER);
    for (const mapFile of listFiles(mapsFolder)) {
      if (!mapFile.endsWith(".map")) continue;
      const codePath = mapFile.slice(0, -".map".length).split(path.sep).join("/");
      const previous = readEmit(path.join(mapsFolder, mapFile), path.join(outDir, unit, codePath));
      if (previous) found.set(emittedFileKey(previous.stamp, codePath, previous.source), { code: previous.code, map: previous.map });
    }
  }
  return found;
}

function readEmit(mapFile: string, codeFile: string): { stamp: string; source: string; code: string; map: string } | undefined {
  try {
    const map = readFileSync(mapFile, "utf8");
    const parsed = JSON.parse(map) as Record<string, unknown>;
    const recorded = parsed[EMIT_STAMP_FIELD];
    const sources = parsed["sourcesContent"];
    if (typeof recorded !== "string" || !Array.isArray(sources) || typeof sources[0] !== "string") return undefined;
    const [stamp, digest] = recorded.split(" ");
    const code = readFileSync(codeFile, "utf8");
    if (stamp === undefined || sha256(code) !== digest) return undefined;
    return { stamp, source: sources[0], code, map };
  } catch {
    return undefined;
  }
}

function listFolders(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    return [];
  }
}

function listFiles(folder: string): string[] {
  try {
    return readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
  } catch {
    return [];
  }
}
