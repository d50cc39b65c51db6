import type { Node, Statement } from "@babel/types";
import { patternNames } from "../../parse/bindings.js";
import type { ImportResolver } from "../../facts/resolve-import.js";
import type { SourceProgram } from "../../parse/source-program.js";

/**
 * The names an ES module exports at run time, read from its source as `export * from` sees them:
 * its declarations and lists, what its own `export *` pass on (but their `default`), never types.
 * A module klotho cannot read, or one that exports with `export =`, gives none.
 */
export function exportedNames(file: string, program: Pick<SourceProgram, "get">, resolve: ImportResolver, seen: Set<string> = new Set()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const body = program.get(file)?.ast.program.body ?? [];
  const names = new Set(ownExportNames(body));
  for (const statement of body) {
    if (statement.type !== "ExportAllDeclaration" || statement.exportKind === "type") continue;
    const target = resolve(statement.source.value, file, "import");
    if (target.kind !== "file") continue;
    for (const name of exportedNames(target.file, program, resolve, seen)) if (name !== "default") names.add(name);
  }
  return [...names].sort();
}

/** The names a module's statements export themselves: all but what its `export * from` pass on. */
export function ownExportNames(body: readonly Statement[]): string[] {
  return body.flatMap((statement): string[] => {
    if (statement.type === "ExportDefaultDeclaration") return ["default"];
    if (statement.type !== "ExportNamedDeclaration" || statement.exportKind === "type") return [];
    const declared = statement.declaration ? declaredNames(statement.declaration) : [];
    const listed = statement.specifiers.flatMap((s) => (s.type === "ExportSpecifier" && s.exportKind === "type" ? [] : [nameOf(s.exported)]));
    return [...declared, ...listed];
  });
}

/** The values a declaration makes: variables (through patterns), functions, classes, enums and namespaces that are not `declare`d. */
function declaredNames(declaration: Node): string[] {
  if ("declare" in declaration && declaration.declare === true) return [];
  switch (declaration.type) {
    case "VariableDeclaration":
      return declaration.declarations.flatMap((d) => patternNames(d.id));
    case "FunctionDeclaration":
    case "ClassDeclaration":
      return declaration.id ? [declaration.id.name] : [];
    case "TSEnumDeclaration":
      // A const enum too: each file is emitted on its own, which keeps it as a value.
      return [declaration.id.name];
    case "TSModuleDeclaration":
      return declaration.id.type === "Identifier" ? [declaration.id.name] : [];
    default:
      return [];
  }
}

function nameOf(node: Node): string {
  return node.type === "Identifier" ? node.name : node.type === "StringLiteral" ? node.value : "";
}
