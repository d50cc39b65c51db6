import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { EMIT_STAMP_FIELD, SOURCE_MAPS_FOLDER } from "../util/emitted-files.js";
import { sha256 } from "../util/sha256.js";

/** JavaScript an earlier compile emitted for TypeScript into a unit folder: the file and its source map, as written. */
export interface PreviousEmit {
  readonly code: string;
  readonly map: string;
}

/** The output folder's emitted files, looked up by what they were emitted from. */
export interface PreviousEmits {
  /** The JavaScript at `codePath` of some unit folder, emitted with `stamp` from the TypeScript `source`. */
  get(stamp: string, codePath: string, source: string): PreviousEmit | undefined;
}

/** One unit folder's emitted file, as its source map records it. */
interface RecordedEmit extends PreviousEmit {
  readonly stamp: string;
  readonly source: string;
}

/**
 * The JavaScript the output folder's unit folders hold for TypeScript, with their source maps: a map
 * under a unit's SOURCE_MAPS_FOLDER that records its emit (EMIT_STAMP_FIELD) and the TypeScript,
 * beside a JavaScript file whose digest is the one recorded (a file edited since, or missing, is
 * not taken). A recompile reuses these instead of loading the TypeScript compiler to emit them again.
 * None when no unit folder has source maps. Anything unreadable is simply not there.
 *
 * A file is read only when asked for, and at one path the unit folders are tried one by one until
 * one holds the same emit: units carrying the same files hold the same JavaScript, so a rebuild
 * reads each file about once, not once per unit (41 units of a 1,200-file NestJS app held 46,000
 * maps, which took 2.5 s to read).
 */
export function readPreviousEmits(outDir: string): PreviousEmits | undefined {
  const units = listFolders(outDir).filter((unit) => existsSync(path.join(outDir, unit, SOURCE_MAPS_FOLDER)));
  if (units.length === 0) return undefined;
  const recorded = new Map<string, RecordedEmit | undefined>();
  const recordedIn = (unit: string, codePath: string): RecordedEmit | undefined => {
    const key = `${unit}\u0000${codePath}`;
    if (!recorded.has(key)) recorded.set(key, readEmit(path.join(outDir, unit, SOURCE_MAPS_FOLDER, `${codePath}.map`), path.join(outDir, unit, codePath)));
    return recorded.get(key);
  };
  return {
    get(stamp, codePath, source) {
      for (const unit of units) {
        const emit = recordedIn(unit, codePath);
        if (emit?.stamp === stamp && emit.source === source) return { code: emit.code, map: emit.map };
      }
      return undefined;
    },
  };
}

function readEmit(mapFile: string, codeFile: string): RecordedEmit | undefined {
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
      .map((entry) => entry.name)
      .sort();
  } catch {
    return [];
  }
}
