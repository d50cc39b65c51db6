import type { Node, Statement } from "@babel/types";
import type { ProjectTextFile } from "../load/project.js";
import { parseFile, type ParsedFile } from "../parse/parse-file.js";
import type { SourceProgram } from "../parse/source-program.js";
import { enumMembers, type ConstEnumValue } from "./const-enums.js";

/** What a module declares that a file emitted on its own cannot see: its type-only exports and its const enums. */
export interface ModuleDeclarations {
  /** Names it exports only as types (interfaces, type aliases): an import of them is for types. */
  readonly typeOnly: ReadonlySet<string>;
  /** Its exported `const enum`s, each member's value by name. */
  readonly constEnums: ReadonlyMap<string, ReadonlyMap<string, ConstEnumValue>>;
}

/** The declarations of a project file (a source, or a `.d.ts` declaration file) by its path. */
export type DeclarationLookup = (file: string) => ModuleDeclarations;

const NOTHING: ModuleDeclarations = { typeOnly: new Set(), constEnums: new Map() };

/**
 * The declarations of the project's files, each worked out once when first asked: sources from their
 * ASTs, declaration files (parsed here, only when a unit's code imports one) from their text.
 */
export function createDeclarationLookup(sources: Pick<SourceProgram, "get">, declarationFiles: readonly ProjectTextFile[]): DeclarationLookup {
  const texts = new Map(declarationFiles.map((file) => [file.path, file.text]));
  const known = new Map<string, ModuleDeclarations>();
  return (file) => {
    let found = known.get(file);
    if (!found) known.set(file, (found = declarationsOf(sources.get(file) ?? parseDeclarationFile(file, texts.get(file)))));
    return found;
  };
}

function parseDeclarationFile(file: string, text: string | undefined): ParsedFile | undefined {
  return text === undefined ? undefined : parseFile({ path: file, text, moduleKind: "esm" }).parsed;
}

/** The type-only names and const enums a module exports, from its top-level statements. */
function declarationsOf(parsed: ParsedFile | undefined): ModuleDeclarations {
  if (!parsed) return NOTHING;
  const types = new Set<string>();
  const values = new Set<string>();
  const enums = new Map<string, Map<string, ConstEnumValue>>();
  const exported = new Map<string, string>();
  for (const statement of parsed.ast.program.body) {
    const declaration = statement.type === "ExportNamedDeclaration" && !statement.source ? statement.declaration : statement;
    if (declaration) declare(declaration, types, values, enums);
    if (statement.type === "ExportNamedDeclaration" && statement.declaration) for (const name of declaredNames(statement.declaration)) exported.set(name, name);
    if (statement.type === "ExportNamedDeclaration" && !statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === "ExportSpecifier" && specifier.local.type === "Identifier") exported.set(exportName(specifier.exported), specifier.local.name);
      }
    }
  }
  const typeOnly = new Set<string>();
  const constEnums = new Map<string, ReadonlyMap<string, ConstEnumValue>>();
  for (const [name, local] of exported) {
    if (types.has(local) && !values.has(local)) typeOnly.add(name);
    const members = enums.get(local);
    if (members) constEnums.set(name, members);
  }
  return { typeOnly, constEnums };
}

/** Sorts a top-level declaration's names into types, values and const enums. */
function declare(node: Statement, types: Set<string>, values: Set<string>, enums: Map<string, Map<string, ConstEnumValue>>): void {
  if (node.type === "TSInterfaceDeclaration" || node.type === "TSTypeAliasDeclaration") {
    types.add(node.id.name);
    return;
  }
  if (node.type === "TSEnumDeclaration" && node.const === true) enums.set(node.id.name, enumMembers(node));
  for (const name of declaredNames(node)) values.add(name);
}

/** The names a declaration statement binds (values and types alike). */
function declaredNames(node: Statement): string[] {
  switch (node.type) {
    case "TSInterfaceDeclaration":
    case "TSTypeAliasDeclaration":
    case "TSEnumDeclaration":
      return [node.id.name];
    case "ClassDeclaration":
    case "FunctionDeclaration":
    case "TSDeclareFunction":
      return node.id ? [node.id.name] : [];
    case "TSModuleDeclaration":
      return node.id.type === "Identifier" ? [node.id.name] : [];
    case "VariableDeclaration":
      return node.declarations.flatMap((declarator) => (declarator.id.type === "Identifier" ? [declarator.id.name] : []));
    default:
      return [];
  }
}

function exportName(node: Node): string {
  return node.type === "Identifier" ? node.name : node.type === "StringLiteral" ? node.value : "";
}
