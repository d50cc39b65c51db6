import path from "node:path";
import { importKind } from "../../facts/package-exports.js";
import type { ImportResolver } from "../../facts/resolve-import.js";
import type { EditContext } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import { javascriptPath } from "../typescript.js";

/**
 * Imports of the unit's own files are rewritten to the exact relative path of the JavaScript
 * Node will run: tsconfig `paths` aliases (`@lib/store`), workspace package names and extensionless
 * ES module specifiers (`./store`) do not resolve at run time without a bundler, `./store.js` does.
 * The same for JSON modules (`@cfg/data.json` → `../config/data.json`).
 */
export function pinLocalSpecifiers(context: EditContext, nodes: NodeIndex, resolve: ImportResolver): void {
  const file = context.parsed.file.path;
  for (const node of nodes.imports) {
    const found = nodes.specifierOf(node);
    if (!found) continue;
    const target = resolve(found.value, file, importKind(found.syntax, context.parsed.file));
    // A JSON module is copied into every unit whose code imports it, at its project path.
    if (!(target.kind === "data" || (target.kind === "file" && context.unitFiles.has(target.file)))) continue;
    let wanted = path.posix.relative(path.posix.dirname(javascriptPath(file)), target.kind === "data" ? target.file : javascriptPath(target.file));
    if (!wanted.startsWith(".")) wanted = `./${wanted}`;
    if (wanted === found.value || !needsPinning(found.value, context)) continue;
    context.replace(found.node.start ?? 0, found.node.end ?? 0, JSON.stringify(wanted));
  }
}

/** Relative CommonJS specifiers resolve by themselves; aliases and ES module specifiers without the file's extension do not. */
function needsPinning(specifier: string, context: EditContext): boolean {
  const relative = specifier.startsWith("./") || specifier.startsWith("../");
  if (!relative) return true;
  const esm = context.parsed.file.moduleKind === "esm";
  return esm && !/\.[mc]?js$/.test(specifier);
}

