import { importKind } from "../../facts/package-exports.js";
import type { ExportAllDeclaration, ExportNamedDeclaration, ImportDeclaration, Node } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ImportResolver, Resolution } from "../../facts/resolve-import.js";
import { rangeOfNode } from "../../util/source-range.js";
import { inlinedValue } from "../const-enums.js";
import type { DeclarationLookup, ModuleDeclarations } from "../declarations.js";
import type { EditContext } from "../edit-context.js";
import { isTypeScript } from "../typescript-paths.js";
import { valueReferences, type ValueReference } from "./value-references.js";
import { isDeclarationFile } from "../../util/typescript-files.js";
import { groupBy } from "../../util/lists.js";

/** An import binding whose module has no JavaScript for it: a `.d.ts`-only module's, or a type-only export's. */
interface TypeBinding {
  readonly declaration: ImportDeclaration;
  readonly specifier: ImportDeclaration["specifiers"][number];
  /** The declaration file that alone declares it (nothing of it exists at run time), with its name there (`*` for the file's namespace). */
  readonly declarationFile?: { readonly file: string; readonly declarations: ModuleDeclarations; readonly name: string };
}

/**
 * A TypeScript file is emitted on its own, so the emitter cannot know that an imported name is only a
 * type; it keeps the import for decorator metadata (`design:paramtypes`), and the unit fails to load a
 * module that has no JavaScript. tsc, seeing the whole program, drops such imports and emits `Object`;
 * so does this edit, by making them type-only (`import type`, `type Name`) in the text the emitter gets:
 * the imports a `.d.ts` file alone answers, and names a project file exports only as interfaces or type
 * aliases, itself or passed on from barrel to barrel. Re-exports of such names become type-only too
 * (`export type { A } from`, `export { type A, b } from`): an ES module re-exporting a name its source
 * does not export fails to load. A `.d.ts` file's `const enum` members are inlined as tsc inlines them
 * (`1 /* Level.Low *\/`); any other value use of a `.d.ts`-only import is reported, since nothing
 * defines it at run time.
 */
export function markTypeOnlyImports(context: EditContext, nodes: readonly Node[], resolve: ImportResolver, lookup: DeclarationLookup): Diagnostic[] {
  const file = context.parsed.file.path;
  if (!isTypeScript(file) || isDeclarationFile(file)) return [];
  const resolveFrom = (specifier: string): Resolution => resolve(specifier, file, importKind("esm", context.parsed.file));
  const bindings = new Map<string, TypeBinding>();
  for (const node of nodes) {
    if ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source && node.exportKind !== "type") {
      markTypeOnlyReexports(context, node, resolveFrom(node.source.value), lookup);
    }
    if (node.type !== "ImportDeclaration" || node.importKind === "type" || node.importKind === "typeof") continue;
    for (const binding of typeBindings(node, resolveFrom(node.source.value), lookup)) bindings.set(binding.specifier.local.name, binding);
  }
  const diagnostics: Diagnostic[] = [];
  const stillValues = inlineConstEnums(context, bindings, diagnostics);
  const typeOnly = [...bindings.entries()].filter(([local]) => !stillValues.has(local)).map(([, binding]) => binding);
  markTypeOnly(context, typeOnly);
  return diagnostics;
}

/** The bindings of an import that have no JavaScript: all of them when a declaration file answers it, else those naming a type-only or declaration-only export. */
function typeBindings(declaration: ImportDeclaration, target: Resolution, lookup: DeclarationLookup): TypeBinding[] {
  if (target.kind !== "declaration" && target.kind !== "file") return [];
  const declarations = target.kind === "declaration" ? lookup.declarationsOf(target.file) : undefined;
  return declaration.specifiers.flatMap((specifier): TypeBinding[] => {
    if (specifier.type === "ImportSpecifier" && specifier.importKind === "type") return [];
    if (target.kind === "declaration" && declarations) return [{ declaration, specifier, declarationFile: { file: target.file, declarations, name: importedName(specifier) } }];
    if (specifier.type === "ImportNamespaceSpecifier") return [];
    const found = lookup.exportedAs(target.file, importedName(specifier));
    if (found?.kind === "type") return [{ declaration, specifier }];
    if (found?.kind !== "declaration") return [];
    return [{ declaration, specifier, declarationFile: { file: found.file, declarations: lookup.declarationsOf(found.file), name: found.name } }];
  });
}

/**
 * `export type` for a re-export whose source is a declaration file, or whose every name is a type,
 * else `type` before each name that is: what the re-exporting module's JavaScript must not name.
 * An `export *` of a project module passes on only what that module's JavaScript has.
 */
function markTypeOnlyReexports(context: EditContext, node: ExportNamedDeclaration | ExportAllDeclaration, target: Resolution, lookup: DeclarationLookup): void {
  const afterExport = (node.start ?? 0) + "export".length;
  if (target.kind === "declaration") {
    context.insert(afterExport, " type");
    return;
  }
  if (target.kind !== "file" || node.type === "ExportAllDeclaration") return;
  const marked = node.specifiers.filter((specifier) => {
    if (specifier.type !== "ExportSpecifier" || specifier.exportKind === "type") return false;
    const found = lookup.exportedAs(target.file, exportedName(specifier.local));
    return found !== undefined && found.kind !== "value";
  });
  if (marked.length > 0 && marked.length === node.specifiers.length) context.insert(afterExport, " type");
  else for (const specifier of marked) context.insert(specifier.start ?? 0, "type ");
}

/**
 * Replaces the uses of `.d.ts` const enum members by their values; returns the bindings still used as
 * values, after reporting each such use.
 */
function inlineConstEnums(context: EditContext, bindings: ReadonlyMap<string, TypeBinding>, diagnostics: Diagnostic[]): Set<string> {
  const fromDeclarationFiles = new Set([...bindings].filter(([, binding]) => binding.declarationFile).map(([local]) => local));
  const stillValues = new Set<string>();
  if (fromDeclarationFiles.size === 0) return stillValues;
  for (const reference of valueReferences(context.parsed.ast.program, fromDeclarationFiles)) {
    const binding = bindings.get(reference.name);
    const declared = binding?.declarationFile;
    if (!binding || !declared) continue;
    const member = constEnumMember(declared, reference);
    if (member?.value !== undefined) {
      const source = context.parsed.file.text.slice(member.node.start ?? 0, member.node.end ?? 0);
      context.replace(member.node.start ?? 0, member.node.end ?? 0, inlinedValue(member.value, source));
      continue;
    }
    stillValues.add(reference.name);
    const specifier = binding.declaration.source.value;
    diagnostics.push(createDiagnostic("transform/declaration-only-value", { range: rangeOfNode(context.parsed.file.path, reference.node) }, reference.name, specifier, declared.file));
  }
  return stillValues;
}

/** The const enum member a reference reads (`Level.Low`, `Level["Low"]`, `types.Level.Low` through a namespace), and its value. */
function constEnumMember(declared: NonNullable<TypeBinding["declarationFile"]>, reference: ValueReference): { node: Node; value: number | string | undefined } | undefined {
  const [first, second] = reference.memberChain;
  if (declared.name === "*") {
    const members = first && declared.declarations.constEnums.get(first.key);
    return members && second ? { node: second.node, value: members.get(second.key) } : undefined;
  }
  const members = declared.declarations.constEnums.get(declared.name);
  return members && first ? { node: first.node, value: members.get(first.key) } : undefined;
}

/** `import type` for a declaration whose every binding is type-only (and that has no default and named bindings both), else `type` before each named one. */
function markTypeOnly(context: EditContext, bindings: readonly TypeBinding[]): void {
  for (const [declaration, marked] of groupBy(bindings, (binding) => binding.declaration)) {
    const values = declaration.specifiers.filter((s) => !(s.type === "ImportSpecifier" && s.importKind === "type") && !marked.some((m) => m.specifier === s));
    const mixed = declaration.specifiers.some((s) => s.type === "ImportDefaultSpecifier") && declaration.specifiers.some((s) => s.type !== "ImportDefaultSpecifier");
    if (values.length === 0 && !mixed) {
      context.insert((declaration.start ?? 0) + "import".length, " type");
      continue;
    }
    for (const { specifier } of marked) if (specifier.type === "ImportSpecifier") context.insert(specifier.start ?? 0, "type ");
  }
}

/** The export an import specifier binds: its imported name, `default`, or `*` for the namespace. */
function importedName(specifier: ImportDeclaration["specifiers"][number]): string {
  return specifier.type === "ImportSpecifier" ? exportedName(specifier.imported) : specifier.type === "ImportDefaultSpecifier" ? "default" : "*";
}

function exportedName(node: Node): string {
  return node.type === "Identifier" ? node.name : node.type === "StringLiteral" ? node.value : "";
}
