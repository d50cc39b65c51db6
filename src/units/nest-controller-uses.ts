import type { Node } from "@babel/types";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { SourceProgram } from "../parse/source-program.js";
import { walkAst } from "../parse/walk.js";

/** TypeScript nodes that hold values (`x as T`, `x!`, a parameter property); every other `TS...` node is types only. */
const TS_VALUE_NODES = new Set([
  "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "TSInstantiationExpression", "TSParameterProperty",
  "TSEnumDeclaration", "TSEnumMember", "TSModuleDeclaration", "TSModuleBlock", "TSExportAssignment", "TSImportEqualsDeclaration", "TSExternalModuleReference",
]);

/** The middleware consumer's methods that name controllers (`consumer.apply(mw).forRoutes(UsersController)`). */
const ROUTE_SELECTORS = new Set(["forRoutes", "exclude"]);

/**
 * Whether the files importing NestJS controller file `file` (`importers`) use its controllers (`names`)
 * only where a unit without the file drops them: as items of a `controllers` array (`@Module({
 * controllers: [...] })`, a dynamic module), as arguments of a middleware's `forRoutes(...)` or
 * `exclude(...)`, or as types. Each must import them by name from the file itself; a re-export, a
 * namespace import, a `require` or `import()` of the file, or an importer that cannot be read, may hand
 * them to code that needs the class itself (`app.get(UsersController)`, a provider injecting it), which
 * a unit without the file would give a stand-in.
 */
export function registeredOnly(file: string, names: ReadonlySet<string>, importers: readonly string[], program: Pick<SourceProgram, "get">, resolve: ImportResolver): boolean {
  return importers.every((importer) => {
    const parsed = program.get(importer);
    if (!parsed) return false;
    const isTheFile = (specifier: string): boolean => {
      const resolution = resolve(specifier, importer);
      return resolution.kind === "file" && resolution.file === file;
    };
    const locals = importedNames(parsed.ast.program, isTheFile, names);
    return locals !== undefined && usedOnlyToRegister(parsed.ast.program, locals);
  });
}

/** The local names an importer binds to the file's controllers (`import { A as B }`), or undefined when it reaches the file otherwise. */
function importedNames(root: Node, isTheFile: (specifier: string) => boolean, names: ReadonlySet<string>): Set<string> | undefined {
  const locals = new Set<string>();
  let direct = true;
  walkAst(root, (node) => {
    if (!direct) return false;
    if (node.type === "ImportDeclaration") {
      if (!isTheFile(node.source.value) || node.importKind === "type") return false;
      for (const specifier of node.specifiers) {
        if (specifier.type === "ImportNamespaceSpecifier") direct = false;
        else if (specifier.type === "ImportDefaultSpecifier") locals.add(specifier.local.name);
        else if (specifier.importKind !== "type" && names.has(specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value)) locals.add(specifier.local.name);
      }
      return false;
    }
    if ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source && isTheFile(node.source.value) && node.exportKind !== "type") direct = false;
    else if (node.type === "ImportExpression" && node.source.type === "StringLiteral" && isTheFile(node.source.value)) direct = false;
    else if (node.type === "CallExpression" && (node.callee.type === "Import" || (node.callee.type === "Identifier" && node.callee.name === "require"))) {
      const [argument] = node.arguments;
      if (argument?.type === "StringLiteral" && isTheFile(argument.value)) direct = false;
    }
    return true;
  });
  return direct ? locals : undefined;
}

/** Whether every reference to `locals` is an item of a `controllers` array, an argument of forRoutes/exclude, or a type. */
function usedOnlyToRegister(root: Node, locals: ReadonlySet<string>): boolean {
  // Identifiers that are no reference (a property's name) or a use that drops the class; marked from their parent, which the walk visits first.
  const cleared = new Set<Node>();
  let only = true;
  walkAst(root, (node) => {
    if (!only) return false;
    if (node.type.startsWith("TS") && !TS_VALUE_NODES.has(node.type)) return false;
    if (node.type === "ImportDeclaration") return false;
    if ((node.type === "ObjectProperty" || node.type === "ObjectMethod" || node.type === "ClassProperty" || node.type === "ClassMethod") && !node.computed) cleared.add(node.key);
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed) cleared.add(node.property);
    if (node.type === "ObjectProperty" && propertyName(node.key) === "controllers" && node.value.type === "ArrayExpression") for (const item of node.value.elements) if (item) cleared.add(item);
    if (node.type === "CallExpression" && node.callee.type === "MemberExpression" && !node.callee.computed && node.callee.property.type === "Identifier" && ROUTE_SELECTORS.has(node.callee.property.name)) for (const argument of node.arguments) cleared.add(argument);
    if (node.type === "Identifier" && locals.has(node.name) && !cleared.has(node)) only = false;
    return true;
  });
  return only;
}

function propertyName(key: Node): string | undefined {
  return key.type === "Identifier" ? key.name : key.type === "StringLiteral" ? key.value : undefined;
}
