import type { Resolution } from "../facts/resolve-import.js";
import type { ModuleDeclarations } from "./declarations.js";

/** How a module's JavaScript has a name the module exports. */
export type ExportedAs =
  | { readonly kind: "value" }
  /** Only as a type (an interface, a type alias, anything exported with `type`): its JavaScript has nothing of it. */
  | { readonly kind: "type" }
  /** Declared by a declaration file alone (a `declare const`, a `const enum`): nothing defines it at run time. `name` is its name there, `*` for the file's namespace. */
  | { readonly kind: "declaration"; readonly file: string; readonly name: string };

const VALUE: ExportedAs = { kind: "value" };
const TYPE: ExportedAs = { kind: "type" };

/**
 * How `file`'s JavaScript has the name it exports as `name`, following what it passes on of other
 * project modules (`export { a as b } from`, an import exported again, `export *`, `export * as ns`)
 * from barrel to barrel, as tsc's whole program sees them. A name passed on from a declaration file
 * has no JavaScript: a type stays a type, any other name is the declaration file's. Undefined when the
 * file does not export the name, or passes it on from a module klotho does not read (a package);
 * a circular chain of re-exports ends where it comes back (`seen`).
 */
export function exportedAs(declarationsOf: (file: string) => ModuleDeclarations, file: string, name: string, seen: Set<string> = new Set()): ExportedAs | undefined {
  const key = `${file}\u0000${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const declarations = declarationsOf(file);
  const source = declarations.exports.get(name);
  if (source?.kind === "module") {
    const passedOn = throughModule(declarationsOf, source.target, source.name, seen);
    // `export { a } from "./types"` of a name the declaration file does not show (a global, an augmentation) has no JavaScript either.
    return passedOn ?? (source.target.kind === "declaration" ? { kind: "declaration", file: source.target.file, name: source.name } : undefined);
  }
  if (source) return source.kind === "type" ? TYPE : VALUE;
  // `export *` passes on everything but the default export, and not what the module exports itself.
  if (name === "default") return undefined;
  for (const star of declarations.starExports) {
    const passedOn = throughModule(declarationsOf, star.target, name, seen);
    if (passedOn) return star.typeOnly ? TYPE : passedOn;
  }
  return undefined;
}

/** What a module passing on `target`'s export `name` has of it; undefined when `target` does not export it or is not a project module. */
function throughModule(declarationsOf: (file: string) => ModuleDeclarations, target: Resolution, name: string, seen: Set<string>): ExportedAs | undefined {
  if (target.kind === "file") return name === "*" ? VALUE : exportedAs(declarationsOf, target.file, name, seen);
  if (target.kind !== "declaration") return undefined;
  if (name === "*") return { kind: "declaration", file: target.file, name };
  const found = exportedAs(declarationsOf, target.file, name, seen);
  return found?.kind === "value" ? { kind: "declaration", file: target.file, name } : found;
}
