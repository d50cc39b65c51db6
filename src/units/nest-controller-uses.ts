import type { Node } from "@babel/types";
import { appliesMiddleware, isRegistrationList, isRouteFilterCall, listName } from "../facts/extractors/nestjs/registration-sites.js";
import type { ImportResolver } from "../facts/resolve-import.js";
import type { SourceProgram } from "../parse/source-program.js";
import { walkAst } from "../parse/walk.js";

/** TypeScript nodes that hold values (`x as T`, `x!`, a parameter property); every other `TS...` node is types only. */
const TS_VALUE_NODES = new Set([
  "TSAsExpression", "TSSatisfiesExpression", "TSNonNullExpression", "TSTypeAssertion", "TSInstantiationExpression", "TSParameterProperty",
  "TSEnumDeclaration", "TSEnumMember", "TSModuleDeclaration", "TSModuleBlock", "TSExportAssignment", "TSImportEqualsDeclaration", "TSQualifiedName",
]);

/** How one file uses the files it imports, for createRegistrationCheck. */
interface ImporterUses {
  /** The local names its value imports bind, by the file imported (`import { A as B }`, a default import). */
  readonly bindings: ReadonlyMap<string, ReadonlySet<string>>;
  /** The files it imports no value from: types only (`import type`), or for what loading them does (`import "./x"`, which a controller file's top level, doing nothing, does not need). */
  readonly noValues: ReadonlySet<string>;
  /** The files it reaches other than by importing names from them: a re-export, a namespace import, `require`, `import x = require()`, `import()`. */
  readonly otherwise: ReadonlySet<string>;
  /** Its local names used anywhere but a registration site or a type. */
  readonly usedAsValues: ReadonlySet<string>;
}

/**
 * A check of whether the files importing NestJS controller file `file` (`importers`, those a unit may
 * run) use what they import from it only where a unit without the file drops it (registration-sites.ts): as
 * items of the `controllers` list of a `@Module(...)` or of a dynamic module, as arguments of a
 * middleware's `consumer.apply(...).forRoutes(...)` or `.exclude(...)`, or as types. The file exports
 * nothing but its controllers and types (exportsOnlyRouters), so every value imported from it is a
 * controller, under whatever name. An importer must import from the file itself, by name: a re-export,
 * a namespace import, a `require`, `import x = require()` or `import()` of the file, an import klotho
 * cannot see, or an importer that cannot be read, may hand the class to code that needs it
 * (`app.get(UsersController)`, a provider injecting it), which a unit without the file would give a
 * stand-in. Each importer is read once, however many controllers it imports.
 */
export function createRegistrationCheck(program: Pick<SourceProgram, "get">, resolve: ImportResolver): (file: string, importers: readonly string[]) => boolean {
  const uses = new Map<string, ImporterUses | null>();
  const usesOf = (importer: string): ImporterUses | undefined => {
    let found = uses.get(importer);
    if (found === undefined) uses.set(importer, (found = importerUses(importer, program, resolve) ?? null));
    return found ?? undefined;
  };
  return (file, importers) =>
    importers.every((importer) => {
      const of = usesOf(importer);
      if (!of || of.otherwise.has(file)) return false;
      const locals = of.bindings.get(file);
      // An importer the import graph knows but whose import of the file was not seen here reaches it some other way.
      if (!locals) return of.noValues.has(file);
      return [...locals].every((local) => !of.usedAsValues.has(local));
    });
}

function importerUses(importer: string, program: Pick<SourceProgram, "get">, resolve: ImportResolver): ImporterUses | undefined {
  const parsed = program.get(importer);
  if (!parsed) return undefined;
  const fileOf = (specifier: string): string | undefined => {
    const resolution = resolve(specifier, importer);
    return resolution.kind === "file" ? resolution.file : undefined;
  };
  const bindings = new Map<string, Set<string>>();
  const noValues = new Set<string>();
  const otherwise = new Set<string>();
  const reach = (specifier: string, set: Set<string>): void => {
    const file = fileOf(specifier);
    if (file !== undefined) set.add(file);
  };
  walkAst(parsed.ast.program, (node) => {
    if (node.type === "ImportDeclaration") {
      const file = fileOf(node.source.value);
      if (file === undefined) return false;
      const values = node.importKind === "type" ? [] : node.specifiers.filter((s) => s.type !== "ImportSpecifier" || s.importKind !== "type");
      if (values.some((s) => s.type === "ImportNamespaceSpecifier")) otherwise.add(file);
      else if (values.length === 0) noValues.add(file);
      else for (const specifier of values) bindings.set(file, (bindings.get(file) ?? new Set()).add(specifier.local.name));
      return false;
    }
    if ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && node.source && node.exportKind !== "type") reach(node.source.value, otherwise);
    else if (node.type === "TSImportEqualsDeclaration" && node.moduleReference.type === "TSExternalModuleReference") reach(node.moduleReference.expression.value, otherwise);
    else if (node.type === "ImportExpression" && node.source.type === "StringLiteral") reach(node.source.value, otherwise);
    else if (node.type === "CallExpression" && (node.callee.type === "Import" || (node.callee.type === "Identifier" && node.callee.name === "require"))) {
      const [argument] = node.arguments;
      if (argument?.type === "StringLiteral") reach(argument.value, otherwise);
    }
    return true;
  });
  const locals = new Set([...bindings.values()].flatMap((names) => [...names]));
  return { bindings, noValues, otherwise, usedAsValues: valueUses(parsed.ast.program, locals) };
}

/** Which of `locals` are used anywhere but as an item of a registration list's `controllers`, an argument of a middleware's forRoutes/exclude, or a type. */
function valueUses(root: Node, locals: ReadonlySet<string>): Set<string> {
  const used = new Set<string>();
  if (locals.size === 0) return used;
  const parents = new Map<Node, Node>();
  const parentOf = (node: Node): Node | undefined => parents.get(node);
  // Identifiers that are no reference (a property's name) or a use a unit without the file drops;
  // marked from their parent, which the walk visits first.
  const cleared = new Set<Node>();
  walkAst(root, (node, parent) => {
    if (parent) parents.set(node, parent);
    if ((node.type.startsWith("TS") && !TS_VALUE_NODES.has(node.type)) || node.type === "ImportDeclaration") return false;
    if ((node.type === "ObjectProperty" || node.type === "ObjectMethod" || node.type === "ClassProperty" || node.type === "ClassMethod") && !node.computed) cleared.add(node.key);
    if ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && !node.computed) cleared.add(node.property);
    if (node.type === "ArrayExpression" && listName(node, parentOf) === "controllers" && isRegistrationList(node, parentOf)) for (const item of node.elements) if (item) cleared.add(item);
    if ((node.type === "CallExpression" || node.type === "OptionalCallExpression") && isRouteFilterCall(node) && appliesMiddleware(node.callee)) for (const argument of node.arguments) cleared.add(argument);
    if (node.type === "Identifier" && locals.has(node.name) && !cleared.has(node)) used.add(node.name);
    return true;
  });
  return used;
}
