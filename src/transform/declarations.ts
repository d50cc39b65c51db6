import type { ExportNamedDeclaration, ImportDeclaration, Node, Statement } from "@babel/types";
import { importKind } from "../facts/package-exports.js";
import type { ImportResolver, Resolution } from "../facts/resolve-import.js";
import type { ProjectTextFile } from "../load/project.js";
import { parseFile, type ParsedFile } from "../parse/parse-file.js";
import type { SourceProgram } from "../parse/source-program.js";
import { enumMembers, type ConstEnumValue } from "./const-enums.js";
import { exportedAs, type ExportedAs } from "./export-chains.js";

/** Where a name a module exports comes from, as the module's own statements say. */
export type ExportSource =
  /** An interface or a type alias of the module, or a name exported with `type`: its JavaScript has nothing of it. */
  | { readonly kind: "type" }
  /** A value the module declares (a class, an enum, a function, a variable), which its JavaScript exports. */
  | { readonly kind: "value" }
  /** Another module's export passed on (`export { name } from`, or an import exported again); `*` for that module's namespace. */
  | { readonly kind: "module"; readonly target: Resolution; readonly name: string };

/** An `export * from` statement. */
export interface StarExport {
  readonly target: Resolution;
  /** `export type * from`: whatever it passes on is a type. */
  readonly typeOnly: boolean;
}

/** What a module declares that a file emitted on its own cannot see: where its exports come from, and its const enums. */
export interface ModuleDeclarations {
  /** Each name it exports (but those its `export *` pass on), with where it comes from. */
  readonly exports: ReadonlyMap<string, ExportSource>;
  /** Its `export * from` statements, in order. */
  readonly starExports: readonly StarExport[];
  /** Its exported `const enum`s, each member's value by name. */
  readonly constEnums: ReadonlyMap<string, ReadonlyMap<string, ConstEnumValue>>;
}

/** What the unit edits ask of the project's files (sources and `.d.ts` declaration files), by path. */
export interface DeclarationLookup {
  /** A file's declarations. */
  readonly declarationsOf: (file: string) => ModuleDeclarations;
  /** How a file's JavaScript has a name the file exports, following re-exports from barrel to barrel; undefined when it does not export it, or klotho cannot tell. */
  readonly exportedAs: (file: string, name: string) => ExportedAs | undefined;
}

const NOTHING: ModuleDeclarations = { exports: new Map(), starExports: [], constEnums: new Map() };
const TYPE: ExportSource = { kind: "type" };
const VALUE: ExportSource = { kind: "value" };

/**
 * The declarations of the project's files, each worked out once when first asked: sources from their
 * ASTs, declaration files (parsed here, only when a unit's code imports one) from their text; the
 * modules they name are resolved as the unit's rewrite resolves them.
 */
export function createDeclarationLookup(sources: Pick<SourceProgram, "get">, declarationFiles: readonly ProjectTextFile[], resolve: ImportResolver): DeclarationLookup {
  const texts = new Map(declarationFiles.map((file) => [file.path, file.text]));
  const known = new Map<string, ModuleDeclarations>();
  const declarationsOf = (file: string): ModuleDeclarations => {
    let found = known.get(file);
    if (!found) known.set(file, (found = declarationsIn(sources.get(file) ?? parseDeclarationFile(file, texts.get(file)), resolve)));
    return found;
  };
  // Every unit asks for the names its files import: each chain of barrels is followed once.
  const answers = new Map<string, ExportedAs | undefined>();
  const exportedAsCached = (file: string, name: string): ExportedAs | undefined => {
    const key = `${file}\u0000${name}`;
    if (!answers.has(key)) answers.set(key, exportedAs(declarationsOf, file, name));
    return answers.get(key);
  };
  return { declarationsOf, exportedAs: exportedAsCached };
}

function parseDeclarationFile(file: string, text: string | undefined): ParsedFile | undefined {
  return text === undefined ? undefined : parseFile({ path: file, text, moduleKind: "esm" }).parsed;
}

/** The names a module binds at its top level: declared types and values, and imports (with where they come from). */
interface Locals {
  readonly types: Set<string>;
  readonly values: Set<string>;
  readonly imports: Map<string, ExportSource>;
  readonly constEnums: Map<string, Map<string, ConstEnumValue>>;
}

/** Where a module's exports come from and its const enums, from its top-level statements. */
function declarationsIn(parsed: ParsedFile | undefined, resolve: ImportResolver): ModuleDeclarations {
  if (!parsed) return NOTHING;
  const resolveFrom = (specifier: string): Resolution => resolve(specifier, parsed.file.path, importKind("esm", parsed.file));
  const body = parsed.ast.program.body;
  const locals = localsOf(body, resolveFrom);
  const sourceOf = (local: string): ExportSource => locals.imports.get(local) ?? (locals.types.has(local) && !locals.values.has(local) ? TYPE : VALUE);
  const exports = new Map<string, ExportSource>();
  const starExports: StarExport[] = [];
  const localExports = new Map<string, string>();
  for (const statement of body) {
    if (statement.type === "ExportAllDeclaration") starExports.push({ target: resolveFrom(statement.source.value), typeOnly: statement.exportKind === "type" });
    if (statement.type === "ExportDefaultDeclaration") exports.set("default", defaultExport(statement.declaration, sourceOf));
    if (statement.type !== "ExportNamedDeclaration") continue;
    for (const name of statement.declaration ? declaredNames(statement.declaration) : []) localExports.set(name, name);
    for (const [name, source] of listedExports(statement, resolveFrom)) {
      if (typeof source === "string") localExports.set(name, source);
      else exports.set(name, source);
    }
  }
  const constEnums = new Map<string, ReadonlyMap<string, ConstEnumValue>>();
  for (const [name, local] of localExports) {
    exports.set(name, sourceOf(local));
    const members = locals.constEnums.get(local);
    if (members) constEnums.set(name, members);
  }
  return { exports, starExports, constEnums };
}

/** Sorts the module's top-level bindings into types, values (const enums apart too) and imports. */
function localsOf(body: readonly Statement[], resolveFrom: (specifier: string) => Resolution): Locals {
  const locals: Locals = { types: new Set(), values: new Set(), imports: new Map(), constEnums: new Map() };
  for (const statement of body) {
    if (statement.type === "ImportDeclaration") {
      for (const [local, source] of importedBindings(statement, resolveFrom)) locals.imports.set(local, source);
      continue;
    }
    const declaration: Node | null | undefined = statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" ? statement.declaration : statement;
    if (declaration?.type === "TSInterfaceDeclaration" || declaration?.type === "TSTypeAliasDeclaration") locals.types.add(declaration.id.name);
    else if (declaration) for (const name of declaredNames(declaration)) locals.values.add(name);
    if (declaration?.type === "TSEnumDeclaration" && declaration.const === true) locals.constEnums.set(declaration.id.name, enumMembers(declaration));
  }
  return locals;
}

/** An import's bindings: local name → the export it binds (`default`, `*` for a namespace), or a type when the import is type-only. */
function importedBindings(statement: ImportDeclaration, resolveFrom: (specifier: string) => Resolution): [string, ExportSource][] {
  const target = resolveFrom(statement.source.value);
  return statement.specifiers.map((specifier) => {
    const typeOnly = statement.importKind === "type" || statement.importKind === "typeof" || (specifier.type === "ImportSpecifier" && (specifier.importKind === "type" || specifier.importKind === "typeof"));
    const name = specifier.type === "ImportSpecifier" ? exportName(specifier.imported) : specifier.type === "ImportDefaultSpecifier" ? "default" : "*";
    return [specifier.local.name, typeOnly ? TYPE : { kind: "module", target, name }];
  });
}

/** The names an `export { ... }` list exports: with `from`, where each comes from; without, the local name each exports. */
function listedExports(statement: ExportNamedDeclaration, resolveFrom: (specifier: string) => Resolution): [string, ExportSource | string][] {
  const target = statement.source ? resolveFrom(statement.source.value) : undefined;
  return statement.specifiers.map((specifier) => {
    const exported = exportName(specifier.exported);
    if (statement.exportKind === "type" || (specifier.type === "ExportSpecifier" && specifier.exportKind === "type")) return [exported, TYPE];
    const local = specifier.type === "ExportSpecifier" ? exportName(specifier.local) : specifier.type === "ExportNamespaceSpecifier" ? "*" : "default";
    return [exported, target ? { kind: "module", target, name: local } : local];
  });
}

/** Where `export default` takes its value from: an interface is a type, a name is what that name is, anything else a value. */
function defaultExport(declaration: Node, sourceOf: (local: string) => ExportSource): ExportSource {
  if (declaration.type === "TSInterfaceDeclaration") return TYPE;
  return declaration.type === "Identifier" ? sourceOf(declaration.name) : VALUE;
}

/** The names a declaration binds (values and types alike); none for an expression. */
function declaredNames(node: Node): string[] {
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
