import path from "node:path";
import { EMIT_STAMP_FIELD, sourceMapPath } from "../util/emitted-files.js";
import { sha256 } from "../util/sha256.js";
import type { RewrittenFile } from "./rewrite-file.js";


/** A source map's fields (version, mappings, ...), as JSON gives them or as magic-string makes them. */
export type SourceMapFields = object;

/**
 * A unit's file (`code`, at its path in the unit) made from `source` (a path in the unit's folder
 * too), and its map (JSON text, or its fields): the code ends with a sourceMappingURL comment pointing
 * at the map, and the map names the code and the source relative to where the map is, as the spec
 * reads them. An emit's `stamp` is recorded in the map with the code's digest (EMIT_STAMP_FIELD).
 */
export function withSourceMap(code: RewrittenFile, sourceMap: string | SourceMapFields, source: string, stamp?: string): [RewrittenFile, RewrittenFile] {
  const mapPath = sourceMapPath(code.path);
  const fromMap = (target: string): string => path.posix.relative(path.posix.dirname(mapPath), target);
  const map = typeof sourceMap === "string" ? (JSON.parse(sourceMap) as SourceMapFields) : sourceMap;
  const placed = { ...map, file: fromMap(code.path), sources: [fromMap(source)] };
  const url = path.posix.relative(path.posix.dirname(code.path), mapPath);
  const text = `${code.text.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "")}\n//# sourceMappingURL=${url}\n`;
  return [
    { path: code.path, text },
    { path: mapPath, text: JSON.stringify(stamp === undefined ? placed : { ...placed, [EMIT_STAMP_FIELD]: `${stamp} ${sha256(text)}` }) },
  ];
}
