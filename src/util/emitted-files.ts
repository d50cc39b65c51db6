/**
 * Where a unit keeps the source maps of the files klotho rewrote or emitted: under klotho_runtime/,
 * not beside each file, so that the app's own folders hold only the app's files. Code that lists a
 * folder and loads every entry (`readdirSync(__dirname).forEach((f) => require(`./${f}`)(app))`)
 * would otherwise load a `.map` as JavaScript and fail.
 */
export const SOURCE_MAPS_FOLDER = "klotho_runtime/source-maps";

/** Where a unit keeps the source map of its file at `codePath`. */
export function sourceMapPath(codePath: string): string {
  return `${SOURCE_MAPS_FOLDER}/${codePath}.map`;
}

/**
 * The source map field of JavaScript emitted for TypeScript that says what made it:
 * `<emit stamp> <SHA-256 of the JavaScript file>`. The stamp names the build of klotho, the
 * TypeScript version, the module kind and the tsconfig's emit options; with the TypeScript itself
 * (the map's sourcesContent) and the file's path, that is everything the JavaScript depends on.
 */
export const EMIT_STAMP_FIELD = "x_klotho_emit";
