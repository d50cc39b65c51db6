import { importKind } from "../../facts/package-exports.js";
import type { ExportAllDeclaration, ExportNamedDeclaration, ImportDeclaration, Node } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ImportResolver } from "../../facts/resolve-import.js";
import { rangeOfNode } from "../../util/source-range.js";
import { inlinedValue } from "../const-enums.js";
import type { DeclarationLookup, ModuleDeclarations } from "../declarations.js";
import type { EditContext } from "../edit-context.js";
import { isTypeScript } from "../typescript-paths.js";
import { valueReferences, type ValueReference } from "./value-references.js";
import { isDeclarationFile } from "../../util/typescript-files.js";

/** An import binding whose module has no JavaScript for it: a `.d.ts`-only module's, or a type-only export's. */
interface TypeBinding {
  readonly declaration: ImportDeclaration;
  readonly specifier: ImportDeclaration["specifiers"][number];
  /** The module's declarations, when only a declaration file answers the import (nothing of it exists at run time). */
  readonly declarationFile?: { readonly file: string; readonly declarations: ModuleDeclarations };
}

/**
 * A TypeScript file is emitted on its own, so the emitter cannot know that an imported name is only a
 * type; it keeps the import for decorator metadata (`design:paramtypes`), and the unit fails to load a
 * module that has no JavaScript. tsc, seeing the whole program, drops such imports and emits `Object`;
 * so does this edit, by making them type-only (`import type`, `type Name`) in the text the emitter gets:
 * the imports a `.d.ts` file alone answers, and names a project file exports only as interfaces or type
 * aliases. A `.d.ts` file's `const enum` members are inlined as tsc inlines them (`1 /* Level.Low *\/`);
 * any other value use of a `.d.ts`-only import is reported, since nothing defines it at run time.
 */
export function markTypeOnlyImports(context: EditContext, nodes: readonly Node[], resolve: ImportResolver, declarationsOf: DeclarationLookup): Diagnostic[] {
  const file = context.parsed.file.path;
  if (!isTypeScript(file) || isDeclarationFile(file)) return [];
  const bindings = new Map<string, TypeBinding>();
  const reexports: (ExportNamedDeclaration | ExportAllDeclaration)[] = [];
  for (const node of nodes) {
    if ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.exportKind !== "type" && node.source) {
      const target = resolve(node.source.value, file, importKind("esm", context.parsed.file));
      if (target.kind === "declaration") reexports.push(node);
      continue;
    }
    if (node.type !== "ImportDeclaration" || node.importKind === "type" || node.importKind === "typeof") continue;
    const target = resolve(node.source.value, file, importKind("esm", context.parsed.file));
    if (target.kind !== "declaration" && target.kind !== "file") continue;
    const declarations = declarationsOf(target.file);
    for (const specifier of node.specifiers) {
      if (specifier.type === "ImportSpecifier" && specifier.importKind === "type") continue;
      const declarationFile = target.kind === "declaration" ? { file: target.file, declarations } : undefined;
      if (declarationFile || (specifier.type === "ImportSpecifier" && declarations.typeOnly.has(importedName(specifier)))) {
        bindings.set(specifier.local.name, { declaration: node, specifier, ...(declarationFile ? { declarationFile } : {}) });
      }
    }
  }
  const diagnostics: Diagnostic[] = [];
  const stillValues = inlineConstEnums(context, bindings, diagnostics);
  const typeOnly = [...bindings.entries()].filter(([local]) => !stillValues.has(local)).map(([, binding]) => binding);
  markTypeOnly(context, typeOnly);
  for (const node of reexports) context.insert((node.start ?? 0) + "export".length, " type");
  return diagnostics;
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
    const member = constEnumMember(binding, declared.declarations, reference);
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

/** The const enum member a reference reads (`Level.Low`, `Level["Low"]`, `types.Level.Low` through a namespace import), and its value. */
function constEnumMember(binding: TypeBinding, declarations: ModuleDeclarations, reference: ValueReference): { node: Node; value: number | string | undefined } | undefined {
  const [first, second] = reference.memberChain;
  if (binding.specifier.type === "ImportNamespaceSpecifier") {
    const members = first && declarations.constEnums.get(first.key);
    return members && second ? { node: second.node, value: members.get(second.key) } : undefined;
  }
  const members = declarations.constEnums.get(binding.specifier.type === "ImportSpecifier" ? importedName(binding.specifier) : "default");
  return members && first ? { node: first.node, value: members.get(first.key) } : undefined;
}

/** `import type` for a declaration whose every binding is type-only (and that has no default and named bindings both), else `type` before each named one. */
function markTypeOnly(context: EditContext, bindings: readonly TypeBinding[]): void {
  const byDeclaration = new Map<ImportDeclaration, TypeBinding[]>();
  for (const binding of bindings) byDeclaration.set(binding.declaration, [...(byDeclaration.get(binding.declaration) ?? []), binding]);
  for (const [declaration, marked] of byDeclaration) {
    const values = declaration.specifiers.filter((s) => !(s.type === "ImportSpecifier" && s.importKind === "type") && !marked.some((m) => m.specifier === s));
    const mixed = declaration.specifiers.some((s) => s.type === "ImportDefaultSpecifier") && declaration.specifiers.some((s) => s.type !== "ImportDefaultSpecifier");
    if (values.length === 0 && !mixed) {
      context.insert((declaration.start ?? 0) + "import".length, " type");
      continue;
    }
    for (const { specifier } of marked) if (specifier.type === "ImportSpecifier") context.insert(specifier.start ?? 0, "type ");
  }
}

function importedName(specifier: { imported: Node }): string {
  return specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.type === "StringLiteral" ? specifier.imported.value : "";
}
