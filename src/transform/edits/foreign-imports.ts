import type { ExportNamedDeclaration, ImportDeclaration, Node } from "@babel/types";
import type { Fact } from "../../facts/index.js";
import { importKind } from "../../facts/package-exports.js";
import type { ImportResolver } from "../../facts/resolve-import.js";
import type { EditContext } from "../edit-context.js";
import { blankOut, keepLineBreaks, sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import type { SourceProgram } from "../../parse/source-program.js";
import { exportedNames, ownExportNames } from "./export-names.js";

/**
 * Imports of files that run in another unit get the runtime's stand-in (`other-unit.js`), which
 * can be called, read and awaited without effect, so code that registers the other unit's routes
 * (`require("./routes/pugs")(app)`, `import routes from "./routes.js"; routes.register(app)`)
 * does nothing here instead of crashing the unit:
 * `require(x)` → `otherUnit(x)`, `import(x)` → `Promise.resolve(otherUnit(x))`,
 * `import a, { b as c } from x` → `const a = otherUnit(x), { b: c } = otherUnit(x);`,
 * `export { a } from x` → `const … ; export { … as a };`, `export * from x` → the same for each name x exports.
 * Type-only imports are blanked.
 */
export function standInForeignImports(context: EditContext, nodes: NodeIndex, resolve: ImportResolver, program: Pick<SourceProgram, "get">): void {
  const file = context.parsed.file.path;
  let counter = 0;
  // What `export * from x` stands in for: the names x exports, but those the file exports itself (which win over
  // any star), those an `export *` of a module this unit holds exports (the real one), and those already stood in for.
  // Made on the first foreign `export *` only: most files a unit carries have none.
  let exported: Set<string> | undefined;
  const starNames = (target: string): string[] => {
    const taken = (exported ??= new Set([...ownExportNames(context.parsed.ast.program.body), ...heldStarNames(context, nodes, resolve, program)]));
    const names = exportedNames(target, program, resolve).filter((name) => name !== "default" && !taken.has(name));
    for (const name of names) taken.add(name);
    return names;
  };
  for (const node of nodes.imports) {
    const found = nodes.specifierOf(node);
    if (found === undefined) continue;
    const specifier = found.value;
    const target = resolve(specifier, file, importKind(found.syntax, context.parsed.file));
    if (target.kind !== "file" || context.unitFiles.has(target.file)) continue;
    const note = `/* klotho: '${specifier}' runs in another unit */`;
    const standIn = (): string => `${context.runtime("other-unit", "otherUnit")}(${JSON.stringify(specifier)})`;
    const newLocal = (): string => `__klotho_other_unit_${(counter += 1)}`;
    const replacement = node.type === "ExportAllDeclaration" && node.exportKind !== "type" ? starExports(starNames(target.file), standIn, newLocal) : declarationsFor(node, standIn, newLocal);
    const [start, end] = [node.start ?? 0, node.end ?? 0];
    if (replacement === "") blankOut(context, node, isTypeOnly(node) ? `type-only import of '${specifier}', which is not in this unit` : `'${specifier}' runs in another unit`);
    else if (replacement !== undefined) context.replace(start, end, keepLineBreaks(sourceOf(context.parsed, node), `${replacement} ${note}`));
    else if (node.type === "CallExpression" && node.callee.type === "Import") context.replace(start, end, `Promise.resolve(${standIn()}) ${note}`);
    else context.replace(start, end, `${standIn()} ${note}`);
  }
}

/** A file of code, which runs in its own unit (a JSON or other data file is copied into each unit loading it). */
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/** The names the file's `export * from` of modules this unit holds pass on. */
function heldStarNames(context: EditContext, nodes: NodeIndex, resolve: ImportResolver, program: Pick<SourceProgram, "get">): string[] {
  const file = context.parsed.file.path;
  return nodes.imports.flatMap((node) => {
    if (node.type !== "ExportAllDeclaration" || node.exportKind === "type") return [];
    const target = resolve(node.source.value, file, "import");
    return target.kind === "file" && context.unitFiles.has(target.file) ? exportedNames(target.file, program, resolve) : [];
  });
}

/**
 * A `require(x)` or `import(x)` whose specifier is computed (`import(`./routes/${name}.js`)` in a loop)
 * and loaded, when the analysis ran it, a module of another unit: it goes through the runtime's
 * `loadOrOtherUnit`, which gives the stand-in of those modules (and only those) when they are not in the unit's folder.
 * `facts`: the file's own, whose `import` facts are the modules each computed load was seen loading.
 */
export function standInComputedLoads(context: EditContext, nodes: NodeIndex, facts: readonly Fact[]): void {
  const foreignByCall = new Map<Node, Set<string>>();
  for (const fact of facts) {
    // A data file (`require(`./locales/${lang}.json`)`) is copied into every unit that loads it: only code runs elsewhere.
    if (fact.kind !== "import" || fact.resolved === undefined || context.unitFiles.has(fact.resolved) || !SOURCE_FILE.test(fact.resolved)) continue;
    const call = nodes.at(fact.range, "CallExpression");
    if (call?.type !== "CallExpression" || call.arguments.length !== 1) continue;
    foreignByCall.set(call, (foreignByCall.get(call) ?? new Set<string>()).add(fact.resolved));
  }
  for (const [call, files] of foreignByCall) {
    if (call.type !== "CallExpression") continue;
    const [argument] = call.arguments;
    if (argument === undefined) continue;
    const load = call.callee.type === "Import" ? "import" : sourceOf(context.parsed, call.callee);
    const foreign = JSON.stringify([...files].sort());
    const wrapped = `${context.runtime("other-unit", "loadOrOtherUnit")}(${sourceOf(context.parsed, argument)}, (s) => ${load}(s), ${foreign})`;
    context.replace(call.start ?? 0, call.end ?? 0, keepLineBreaks(sourceOf(context.parsed, call), `${wrapped} /* klotho: some modules it loads run in another unit */`));
  }
}

/**
 * The statement that replaces a foreign import or re-export: declarations of its bindings as
 * stand-ins ("" when it binds nothing at run time); undefined for `require(x)` / `import(x)`
 * expressions, which are replaced by the stand-in in place.
 */
function declarationsFor(node: Node, standIn: () => string, newLocal: () => string): string | undefined {
  if (node.type === "ImportDeclaration") return importBindings(node, standIn);
  if (node.type === "ExportNamedDeclaration") return reExports(node, standIn, newLocal);
  if (node.type === "ExportAllDeclaration") return "";
  if (node.type === "TSImportEqualsDeclaration") return node.importKind === "type" ? "" : `${node.isExport ? "export " : ""}const ${node.id.name} = ${standIn()};`;
  return undefined;
}

/**
 * `export * from x` of a module in another unit, whose `names` are known: `const { a: L1, b: L2 } = S;
 * export { L1 as a, L2 as b };`, so an ES module importing `a` from this file still links (a blanked
 * `export *` exports nothing: "does not provide an export named 'a'"), and TypeScript emitted as CommonJS
 * exports each (its `__exportStar` copies only a module's own properties, which a stand-in has none of).
 */
function starExports(names: readonly string[], standIn: () => string, newLocal: () => string): string {
  if (names.length === 0) return "";
  const locals = names.map((name) => ({ name, local: newLocal() }));
  const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
  return `const { ${locals.map(({ name, local }) => `${key(name)}: ${local}`).join(", ")} } = ${standIn()}; export { ${locals.map(({ name, local }) => `${local} as ${key(name)}`).join(", ")} };`;
}

/** `import a, * as b, { c as d } from x` → `const a = S, b = S, { c: d } = S;` (a named import is the stand-in's property). */
function importBindings(node: ImportDeclaration, standIn: () => string): string {
  if (node.importKind === "type" || node.importKind === "typeof") return "";
  const whole: string[] = [];
  const named: string[] = [];
  for (const specifier of node.specifiers) {
    if (specifier.type !== "ImportSpecifier") whole.push(specifier.local.name);
    else if (specifier.importKind !== "type" && specifier.importKind !== "typeof") {
      const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : JSON.stringify(specifier.imported.value);
      named.push(imported === specifier.local.name ? imported : `${imported}: ${specifier.local.name}`);
    }
  }
  const declarations = [...whole.map((name) => `${name} = ${standIn()}`), ...(named.length > 0 ? [`{ ${named.join(", ")} } = ${standIn()}`] : [])];
  return declarations.length === 0 ? "" : `const ${declarations.join(", ")};`;
}

function reExports(node: ExportNamedDeclaration, standIn: () => string, newLocal: () => string): string {
  if (node.exportKind === "type") return "";
  const names = node.specifiers
    .filter((s) => !(s.type === "ExportSpecifier" && s.exportKind === "type"))
    .map((s) => (s.exported.type === "Identifier" ? s.exported.name : JSON.stringify(s.exported.value)));
  if (names.length === 0) return "";
  const local = newLocal();
  return `const ${local} = ${standIn()}; export { ${names.map((name) => `${local} as ${name}`).join(", ")} };`;
}

/** An import or re-export that only names types (`import type`, `export type { } from`, `import type x = require()`): TypeScript erases it. */
function isTypeOnly(node: Node): boolean {
  if (node.type === "ImportDeclaration") {
    const typeSpecifiers = node.specifiers.length > 0 && node.specifiers.every((s) => s.type === "ImportSpecifier" && (s.importKind === "type" || s.importKind === "typeof"));
    return node.importKind === "type" || node.importKind === "typeof" || typeSpecifiers;
  }
  if (node.type === "ExportNamedDeclaration") return node.exportKind === "type";
  return node.type === "TSImportEqualsDeclaration" && node.importKind === "type";
}
