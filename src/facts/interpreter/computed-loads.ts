import path from "node:path";
import type { Node } from "@babel/types";
import { createDiagnostic } from "../../diagnostics/diagnostic.js";
import type { ParsedFile } from "../../parse/parse-file.js";
import type { ModuleContext } from "./interpreter.js";
import { listingNamesOf, loadsFromListing } from "./listing-loads.js";

/**
 * A call listing a folder (fs `readdir`/`opendir` in any form, a glob), matched in the text as the module
 * scan does (module-scan.ts): a file without one loads nothing from a listing, and its tree is not read.
 */
const LISTS_FOLDER = /\b(?:readdir|opendir|glob)(?:Sync)?\s*\(|\bglob\.sync\s*\(/;

/**
 * What the program does with `require(x)` / `import(x)` of a specifier it computes but cannot know (the
 * folder listed is outside the project or not a path klotho can compute, the entry goes through code it
 * does not model): when the load reads a listing or runs in a loop or callback over one (listing-loads.ts),
 * the modules loaded there are those of a folder listing, whose routes the gateway then never routes; that
 * is a warning at the call, once. Any other computed load (`require(req.query.mod)`) is not one.
 */
export function createUnknownLoadReporter(fileOf: (file: string) => ParsedFile | undefined): (node: Node, module: ModuleContext) => void {
  const reported = new WeakSet<Node>();
  const listing = new Map<string, ReadonlySet<string> | null>();
  return (node, module) => {
    if (reported.has(node) || !isComputedLoad(node)) return;
    let names = listing.get(module.file);
    if (names === undefined) listing.set(module.file, (names = listingNames(fileOf(module.file))));
    if (names === null || !loadsFromListing(node, module.extractor.parent, names)) return;
    reported.add(node);
    module.extractor.report(createDiagnostic("facts/unknown-listed-module", { range: module.extractor.range(node) }));
  };
}

/** The names a file binds to listings (listing-loads.ts); null for a file that lists no folder. */
function listingNames(parsed: ParsedFile | undefined): ReadonlySet<string> | null {
  return parsed !== undefined && LISTS_FOLDER.test(parsed.file.text) ? listingNamesOf(parsed.ast) : null;
}

/** `import(x)` or `require(x)` of a specifier that is computed, not written as a string: it may load a different module each time it runs. */
export function isComputedLoad(node: Node): boolean {
  return node.type === "CallExpression" && node.arguments[0] !== undefined && node.arguments[0].type !== "StringLiteral";
}

/**
 * True when the relative `specifier` a computed load resolves from `file` names an entry of the project that is
 * no module (a README.md, a folder without an index file beside the modules of a folder listing): code
 * loading what it lists skips such entries when it runs, so it is no import that fails to resolve.
 */
export function namesProjectEntry(specifier: string, file: string, listFolder: (folder: string, recursive: boolean) => readonly string[] | undefined): boolean {
  if (!specifier.startsWith("./") && !specifier.startsWith("../")) return false;
  const target = path.posix.join(path.posix.dirname(file), specifier).replace(/\/+$/, "");
  if (target === "" || target === "." || target.startsWith("../")) return false;
  return listFolder(path.posix.dirname(target), false)?.includes(path.posix.basename(target)) === true;
}
