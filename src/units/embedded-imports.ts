import { importSpecifiers } from "../facts/module-scan.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { ImportKind } from "../facts/package-exports.js";
import { compareStrings } from "../util/compare.js";

/**
 * The import graph the closure of the TypeScript files `@klotho::embed_assets` gives a unit walks: the
 * analysis's for the modules that ran, and for a module it never ran (a plugin that a computed
 * `import(\`./plugins/${name}\`)` does not pick when compiling, what only such a plugin imports), the
 * project files its import specifiers resolve to, read from its text as the roots are found
 * (facts/roots.ts). Without them the unit would lack what the plugin imports, and the rewrite would
 * replace it with another unit's stand-in.
 */
export function embeddedImportGraph(
  code: readonly string[],
  imports: ReadonlyMap<string, readonly string[]>,
  textOf: (file: string) => string | undefined,
  resolve: ImportResolver,
): Map<string, readonly string[]> {
  const graph = new Map(imports);
  const scanned = new Set<string>();
  const stack = [...code];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (scanned.has(file)) continue;
    scanned.add(file);
    const targets = imports.get(file) ?? scannedImports(file, textOf(file), resolve);
    graph.set(file, targets);
    stack.push(...targets);
  }
  return graph;
}

/** Both kinds of import: a workspace package's `exports` may lead `import` and `require` to different files. */
const KINDS: readonly ImportKind[] = ["import", "require"];

/** The project files (source or JSON) `text`, the text of `file`, imports by a string specifier, sorted. */
function scannedImports(file: string, text: string | undefined, resolve: ImportResolver): string[] {
  if (text === undefined) return [];
  const targets = new Set<string>();
  for (const specifier of importSpecifiers(text)) {
    for (const kind of KINDS) {
      const resolution = resolve(specifier, file, kind);
      if (resolution.kind === "file" || resolution.kind === "data") targets.add(resolution.file);
    }
  }
  return [...targets].sort(compareStrings);
}
