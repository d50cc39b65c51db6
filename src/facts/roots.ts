import type { SourceFile } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { KNOWN_PACKAGES } from "./extractors/registry.js";
import { importSpecifiers, reactsOnSight } from "./module-scan.js";
import type { ImportResolver } from "./resolve-import.js";

/**
 * The modules the analysis runs from the start; the others run only when running code imports them,
 * as Node runs them, and a module nothing runs is never parsed.
 *
 * A module is a root when Node starts from it (`entries`: the program's own entry, package.json
 * `main`), or when it may find something on its own: it is annotated, imports a package an
 * extractor knows (express, events, fs, redis, ...), holds what an extractor reacts to on sight
 * (module-scan.ts), imports something that does not resolve (the warning is the user's), or imports a
 * root, directly or not (`scripts/seed.js` writing to a persisted Map through `./db`). Any other module
 * runs only code of modules like itself: what it could do with a server, a store or an emitter it can
 * only be handed by running code, which imports it, and so runs it, first.
 */
export function rootModules(files: readonly SourceFile[], resolve: ImportResolver, entries: readonly string[] = []): string[] {
  const roots = new Set<string>(entries);
  const importers = new Map<string, string[]>();
  for (const file of files) {
    if (reactsOnSight(file.text)) roots.add(file.path);
    for (const specifier of importSpecifiers(file.text)) {
      const resolution = resolve(specifier, file.path);
      if (resolution.kind === "file") {
        const list = importers.get(resolution.file);
        if (list) list.push(file.path);
        else importers.set(resolution.file, [file.path]);
      } else if (resolution.kind === "unresolved" || (resolution.kind === "package" && (resolution.workspace || resolution.outside || KNOWN_PACKAGES.has(bare(specifier))))) {
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

function bare(specifier: string): string {
  return specifier.startsWith("node:") ? specifier.slice(5) : specifier;
}
