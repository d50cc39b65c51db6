import type { Node } from "@babel/types";
import { appliesMiddleware, isRegistrationList, listName } from "../facts/extractors/nestjs/registration-sites.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { SourceProgram } from "../parse/source-program.js";
import { walkAst } from "../parse/walk.js";

/** TypeScript nodes that hold values (`x as T`, `x!`, a parameter property); every other `TS...` node is types only. */
const TS_VALUE_NODES = new Set([
  "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "TSInstantiationExpression", "TSParameterProperty",
  "TSEnumDeclaration", "TSEnumMember", "TSModuleDeclaration", "TSModuleBlock", "TSExportAssignment", "TSImportEqualsDeclaration", "TSQualifiedName",
]);

/** The middleware consumer's methods that name controllers (`consumer.apply(mw).forRoutes(UsersController)`). */
const ROUTE_SELECTORS = new Set(["forRoutes", "exclude"]);

/**
 * Whether the files importing NestJS controller file `file` (`importers`, those a unit may run) use
 * what they import from it only where a unit without the file drops it (registration-sites.ts): as
 * items of the `controllers` list of a `@Module(...)` or of a dynamic module, as arguments of a
 * middleware's `consumer.apply(...).forRoutes(...)` or `.exclude(...)`, or as types. The file exports
 * nothing but its controllers and types (exportsOnlyRouters), so every value imported from it is a
 * controller, under whatever name. An importer must import from the file itself, by name: a re-export,
 * a namespace import, a `require`, `import x = require()` or `import()` of the file, or an importer
 * that cannot be read, may hand the class to code that needs it (`app.get(UsersController)`, a
 * provider injecting it), which a unit without the file would give a stand-in.
 */
export function registeredOnly(file: string, importers: readonly string[], program: Pick<SourceProgram, "get">, resolve: ImportResolver): boolean {
  return importers.every((importer) => {
    const parsed = program.get(importer);
    if (!parsed) return false;
    const isTheFile = (specifier: string): boolean => {
      const resolution = resolve(specifier, importer);
      return resolution.kind === "file" && resolution.file === file;
    };
    const locals = importedNames(parsed.ast.program, isTheFile);
    return locals !== undefined && usedOnlyToRegister(parsed.ast.program, locals);
  });
}

/** The local names an importer binds to the file's values (`import { A as B }`, a default import), or undefined when it reaches the file otherwise. */
function importedNames(root: Node, isTheFile: (specifier: string) => boolean): Set<string> | undefined {
  const locals = new Set<string>();
  let direct = true;
  walkAst(root, (node) => {
    if (!direct) return false;
    if (node.type === "ImportDeclaration") {
      if (!isTheFile(node.source.value) || node.importKind === "type") return false;
      for (const specifier of node.specifiers) {
        if (specifier.type === "ImportNamespaceSpecifier") direct = false;
        else if (specifier.type === "ImportDefaultSpecifier" || specifier.importKind !== "type") locals.add(specifier.local.name);
      }
      return false;
    }
    if ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source && isTheFile(node.source.value) && node.exportKind !== "type") direct = false;
    else if (node.type === "TSImportEqualsDeclaration" && node.moduleReference.type === "TSExternalModuleReference" && isTheFile(node.moduleReference.expression.value)) direct = false;
    else if (node.type === "ImportExpression" && node.source.type === "StringLiteral" && isTheFile(node.source.value)) direct = false;
    else if (node.type === "CallExpression" && (node.callee.type === "Import" || (node.callee.type === "Identifier" && node.callee.name === "require"))) {
      const [argument] = node.arguments;
      if (argument?.type === "StringLiteral" && isTheFile(argument.value)) direct = false;
    }
    return true;
  });
  return direct ? locals : undefined;
}

/** Whether every reference to `locals` is an item of a registration list's `controllers`, an argument of a middleware's forRoutes/exclude, or a type. */
function usedOnlyToRegister(root: Node, locals: ReadonlySet<string>): boolean {
  const parents = new Map<Node, Node>();
  const parentOf = (node: Node): Node | undefined => parents.get(node);
  // Identifiers that are no reference (a property's name) or a use a unit without the file drops;
  // marked from their parent, which the walk visits first.
  const cleared = new Set<Node>();
  let only = true;
  walkAst(root, (node, parent) => {
    if (!only) return false;
    if (parent) parents.set(node, parent);
    if ((node.type.startsWith("TS") && !TS_VALUE_NODES.has(node.type)) || node.type === "ImportDeclaration") return false;
    if ((node.type === "ObjectProperty" || node.type === "ObjectMethod" || node.type === "ClassProperty" || node.type === "ClassMethod") && !node.computed) cleared.add(node.key);
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed) cleared.add(node.property);
    if (node.type === "ArrayExpression" && listName(node, parentOf) === "controllers" && isRegistrationList(node, parentOf)) for (const item of node.elements) if (item) cleared.add(item);
    if (node.type === "CallExpression" && routeSelector(node.callee) && appliesMiddleware(node.callee)) for (const argument of node.arguments) cleared.add(argument);
    if (node.type === "Identifier" && locals.has(node.name) && !cleared.has(node)) only = false;
    return true;
  });
  return only;
}

/** `x.forRoutes` or `x.exclude`. */
function routeSelector(callee: Node): boolean {
  return callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && ROUTE_SELECTORS.has(callee.property.name);
}
