import { isBuiltin } from "node:module";
import type { Node } from "@babel/types";
import { importKind } from "../facts/package-exports.js";
import { packageName, type ImportResolver } from "../facts/resolve-import.js";
import { importSpecifier, isTypeOnlyImport, type ImportSpecifier } from "../parse/import-specifier.js";
import type { SourceProgram } from "../parse/source-program.js";
import { walkAst } from "../parse/walk.js";
import { compareStrings } from "../util/compare.js";
import { rangeOfNode, type SourceRange } from "../util/source-range.js";

/** What a Next.js config file loads when the server starts and reads it. */
export interface ConfigModules {
  /** The project files its code imports, directly or not (modules and JSON files), without the config itself; sorted. */
  readonly imported: string[];
  /** The packages they load (not Node's built-ins), each at its first import, in the order they are met. */
  readonly packages: { readonly name: string; readonly range: SourceRange }[];
}

/**
 * The modules `config` (a `next.config.*`) loads: Next.js runs it when the server starts, so the unit
 * carries the project files it imports (`require("./next-i18next.config")`) and needs the packages it
 * loads (`@next/bundle-analyzer`) installed. Imports of types only load nothing.
 */
export function nextConfigModules(config: string, program: Pick<SourceProgram, "get">, resolve: ImportResolver): ConfigModules {
  const seen = new Set<string>([config]);
  const packages = new Map<string, SourceRange>();
  const queue = [config];
  for (let index = 0; index < queue.length; index++) {
    const parsed = program.get(queue[index] ?? "");
    if (!parsed) continue;
    for (const load of loadsOf(parsed.ast)) {
      const resolution = resolve(load.value, parsed.file.path, importKind(load.syntax, parsed.file));
      if (resolution.kind === "file" || resolution.kind === "data") {
        if (seen.has(resolution.file)) continue;
        seen.add(resolution.file);
        queue.push(resolution.file);
      } else if (resolution.kind === "package" && !resolution.workspace && !resolution.outside && !isBuiltin(load.value)) {
        const name = packageName(load.value);
        if (!packages.has(name)) packages.set(name, rangeOfNode(parsed.file.path, load.node));
      }
    }
  }
  seen.delete(config);
  return { imported: [...seen].sort(compareStrings), packages: [...packages].map(([name, range]) => ({ name, range })) };
}

/** The modules a file loads by a specifier written as a string (importSpecifier), but imports of types only. */
function loadsOf(root: Node): ImportSpecifier[] {
  const loads: ImportSpecifier[] = [];
  walkAst(root, (node) => {
    const load = isTypeOnlyImport(node) ? undefined : importSpecifier(node);
    if (load) loads.push(load);
    return undefined;
  });
  return loads;
}

