import path from "node:path";
import type { RewrittenFile } from "./rewrite-file.js";

/**
 * Where a unit keeps the source maps of the files klotho rewrote or emitted: under klotho_runtime/,
 * not beside each file, so that the app's own folders hold only the app's files. Code that lists a
 * folder and loads every entry (`readdirSync(__dirname).forEach((f) => require(`./${f}`)(app))`)
 * would otherwise load a `.map` as JavaScript and fail.
 */
export const SOURCE_MAPS_FOLDER = "klotho_runtime/source-maps";

/**
 * A unit's file (`code`, at its path in the unit) made from `source` (a path in the unit's folder
 * too), and its map `mapJson`: the code ends with a sourceMappingURL comment pointing at the map,
 * and the map names the code and the source relative to where the map is, as the spec reads them.
 */
export function withSourceMap(code: RewrittenFile, mapJson: string, source: string): [RewrittenFile, RewrittenFile] {
  const mapPath = `${SOURCE_MAPS_FOLDER}/${code.path}.map`;
  const fromMap = (target: string): string => path.posix.relative(path.posix.dirname(mapPath), target);
  const map = JSON.parse(mapJson) as { file?: string; sources?: string[] };
  const placed = { ...map, file: fromMap(code.path), sources: [fromMap(source)] };
  const url = path.posix.relative(path.posix.dirname(code.path), mapPath);
  return [
    { path: code.path, text: `${code.text.replace(/\n?\/\/# sourceMappingURL=.*\s*$/, "")}\n//# sourceMappingURL=${url}\n` },
    { path: mapPath, text: JSON.stringify(placed) },
  ];
}
