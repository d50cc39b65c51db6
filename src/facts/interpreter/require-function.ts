import path from "node:path";
import type { Node } from "@babel/types";
import { projectPathOf } from "./file-paths.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { UNKNOWN, special, type Value } from "./values.js";

/**
 * Tag of a `require` function made for a file (`createRequire(import.meta.url)`, `createRequire(__filename)`);
 * `data.folder` is the project folder its relative specifiers resolve from.
 */
export const REQUIRE_FUNCTION = "require-function";

/**
 * The `require` that `createRequire(base)` makes: `base` names a file (a project path or a `file:` URL,
 * whose folder relative specifiers resolve from, as Node's do) or a folder (a `file:` URL ending with `/`).
 * Unknown for any other base, or one outside the project: what it loads is not followed.
 */
export function requireFunction(base: Value): Value {
  const at = projectPathOf(base);
  if (at === undefined) return UNKNOWN;
  const named = base.kind === "special" ? base.data?.["path"] : undefined;
  const folder = named?.kind === "string" && named.value.endsWith("/") ? at : path.posix.dirname(at);
  if (isOutside(folder)) return UNKNOWN;
  return special(REQUIRE_FUNCTION, { folder: { kind: "string", value: folder } });
}

/** The folder a require function resolves relative specifiers from; undefined when `value` is not one. */
export function requireFolderOf(value: Value): string | undefined {
  if (value.kind !== "special" || value.tag !== REQUIRE_FUNCTION) return undefined;
  const folder = value.data?.["folder"];
  return folder?.kind === "string" ? folder.value : undefined;
}

/**
 * Loads the module `require(first)` / `import(first)` names, where `first` is a known string (a literal, a
 * constant, a template) or a path in the project (`require(__dirname + "/../config/config.json")`,
 * `path.join(__dirname, ...)`, `new URL("./x.js", import.meta.url)`). A relative string resolves from
 * `folder` (the module's own folder, unless a require function made for another file loads it).
 * Any other specifier is unknown, and so is what it loads ({@link Interpreter.unknownLoad}).
 */
export function loadBySpecifier(it: Interpreter, first: Value | undefined, node: Node, module: ModuleContext, style: "esm" | "cjs", folder?: string): Value {
  const own = path.posix.dirname(module.file);
  if (first?.kind === "string") {
    const relative = first.value.startsWith("./") || first.value.startsWith("../");
    const moved = relative && folder !== undefined && folder !== own;
    const specifier = moved ? specifierOf(own, path.posix.join(folder, first.value)) + (first.value.endsWith("/") ? "/" : "") : first.value;
    return it.importModule(specifier, module, node, style);
  }
  const target = first === undefined ? undefined : projectPathOf(first);
  if (target !== undefined && !isOutside(target)) return it.importModule(specifierOf(own, target), module, node, style);
  // Not a module klotho can name (a value it cannot know, a file outside the project): what it loads is not followed.
  if (first !== undefined) it.unknownLoad(node, module);
  return UNKNOWN;
}

/** The relative specifier of the project path `target` from the folder `from`. */
function specifierOf(from: string, target: string): string {
  const relative = path.posix.relative(from, target);
  return relative.startsWith(".") ? relative : `./${relative}`;
}

function isOutside(projectPath: string): boolean {
  return projectPath === ".." || projectPath.startsWith("../");
}
