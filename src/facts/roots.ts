import type { SourceFile } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { KNOWN_PACKAGES } from "./extractors/registry.js";
import { importSpecifiers, loadsComputedSpecifier, reactsOnSight } from "./module-scan.js";
import type { ImportKind } from "./package-exports.js";
import { bareSpecifier, type ImportResolver } from "./resolve-import.js";

/**
 * The modules the analysis runs from the start; the others run only when running code imports them,
 * as Node runs them, and a module nothing runs is never parsed.
 *
 * A module is a root when Node starts from it (`entries`: the program's own entry, package.json
 * `main`), or when it may find something on its own: it is annotated, imports a package an
 * extractor knows (express, events, fs, redis, ...), holds what an extractor reacts to on sight
 * (module-scan.ts), imports something that does not resolve (the warning is the user's) or by a
 * specifier it computes (`require(\`./stores/${driver}\`)`, which may lead anywhere), or imports a
 * root, directly or not (`scripts/seed.js` writing to a persisted Map through `./db`). Any other module
 * runs only code of modules like itself: what it could do with a server, a store or an emitter it can
 * only be handed by running code, which imports it, and so runs it, first.
 */
export function rootModules(files: readonly SourceFile[], resolve: ImportResolver, entries: readonly string[] = []): string[] {
  const roots = new Set<string>(entries);
  const importers = new Map<string, string[]>();
  for (const file of files) {
    if (reactsOnSight(file.text) || loadsComputedSpecifier(file.text)) roots.add(file.path);
    // Both kinds of import: a workspace package's `exports` may lead `import` and `require` to different files.
    const resolutions = importSpecifiers(file.text).flatMap((specifier) => KINDS.map((kind) => ({ specifier, resolution: resolve(specifier, file.path, kind) })));
    for (const { specifier, resolution } of resolutions) {
      if (resolution.kind === "file") {
        const list = importers.get(resolution.file);
        if (list) list.push(file.path);
        else importers.set(resolution.file, [file.path]);
      } else if (resolution.kind === "unresolved" || (resolution.kind === "package" && (resolution.workspace || resolution.outside || KNOWN_PACKAGES.has(bareSpecifier(specifier))))) {
        roots.add(file.path);
      }
    }
  }
  const queue = [...roots];
  for (let index = 0; index < queue.length; index++) {
    for (const importer of importers.get(queue[index] ?? "") ?? []) {
      if (roots.has(importer)) continue;
      roots.add(importer);
      queue.push(importer);
    }
  }
  return [...roots].sort(compareStrings);
}

const KINDS: readonly ImportKind[] = ["import", "require"];

/**
 * `roots` in the order the analysis runs them: the program's `entries` first (package.json `main`,
 * then each exposed server's file, the entry of every unit serving its routes), in that order, then
 * the others as sorted. Node runs the program from its entries, so a module in an import cycle is
 * reached as Node reaches it: a router file importing back the barrel that re-exports it
 * (`routes/index.js`) runs inside the barrel, which then exports its router, not first for its name,
 * leaving the barrel to see it half made.
 */
export function entriesFirst(roots: readonly string[], entries: readonly string[]): string[] {
  const included = new Set(roots);
  const first = [...new Set(entries)].filter((file) => included.has(file));
  const taken = new Set(first);
  return [...first, ...roots.filter((file) => !taken.has(file))];
}
