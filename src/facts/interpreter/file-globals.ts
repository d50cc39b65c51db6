import path from "node:path";
import type { ParsedFile } from "../../parse/parse-file.js";
import { fileUrl, projectPath } from "./file-paths.js";
import type { Scope } from "./scope.js";
import { ObjectRef, special, type Value } from "./values.js";

/** The scope name `import.meta` is declared under (not an identifier, so no code can shadow it). */
export const IMPORT_META = "import.meta";

/** Tag of the global `URL` constructor (also `require("url").URL`). */
export const URL_CONSTRUCTOR = "url.URL";

/**
 * The globals that name a module's own file: `__dirname` and `__filename` in a module Node runs as
 * CommonJS (TypeScript emitted as CommonJS included; an ES module has neither), `import.meta`'s
 * `dirname`, `filename` and `url`, and the `URL` constructor, so `new URL("./x", import.meta.url)` is known.
 */
export function declareFileGlobals(scope: Scope, parsed: ParsedFile): void {
  const file = parsed.file.path;
  const text = parsed.file.text;
  const folder = path.posix.dirname(file);
  // Only what the file's text names: most modules use none of them, and a compile has thousands.
  if (parsed.file.moduleKind === "cjs") {
    if (text.includes("__dirname")) scope.declare("__dirname", projectPath(folder));
    if (text.includes("__filename")) scope.declare("__filename", projectPath(file));
  }
  if (text.includes("URL")) scope.declare("URL", special(URL_CONSTRUCTOR));
  if (!text.includes("import.meta")) return;
  const meta = new ObjectRef("import.meta", `${file}:import.meta`, undefined);
  const entries: [string, Value][] = [
    ["dirname", projectPath(folder)],
    ["filename", projectPath(file)],
    ["url", fileUrl(file)],
  ];
  for (const [key, value] of entries) meta.props.set(key, value);
  scope.declare(IMPORT_META, { kind: "object", ref: meta });
}
