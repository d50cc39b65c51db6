import type { Node } from "@babel/types";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { importKind } from "../../facts/package-exports.js";
import type { ImportResolver } from "../../facts/resolve-import.js";
import type { EditContext } from "../edit-context.js";
import { keepLineBreaks, sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import { foreignGlobalProviders } from "./global-providers.js";
import { propertyKeyName } from "./property-key.js";

/**
 * Decorator arguments list the classes a framework instantiates when the app starts (a NestJS
 * module's `controllers`, `providers`, `imports` and `exports`). The stand-in an import from
 * another unit gets cannot be instantiated, so in a unit's copy an item of such a list that
 * names one is dropped from it: `providers: [A, Foreign]` → `providers: [A, ...[] /* klotho: ... *\/]`.
 * So is one in the lists of a dynamic module a `forRoot()` returns, and a controller named by a
 * middleware's `consumer.apply(mw).forRoutes(...)` or `.exclude(...)`, which Nest refuses when it is
 * not a controller: the middleware runs for the routes of the unit's own controllers it names, and
 * with none left `forRoutes()` binds it to no route (Nest accepts an empty list). A global provider
 * of such a class (`{ provide: APP_GUARD, useClass: Foreign }`) is an error (global-providers.ts).
 */
export function dropForeignRegistrations(context: EditContext, nodes: NodeIndex, resolve: ImportResolver): Diagnostic[] {
  const foreign = foreignBindings(context, nodes, resolve);
  if (foreign.size === 0) return [];
  const problems: Diagnostic[] = [];
  for (const node of nodes.arrays) {
    if (node.type !== "ArrayExpression" || !(insideDecorator(node, nodes) || inDynamicModule(node, nodes))) continue;
    dropForeignItems(context, node.elements, foreign);
    if (listName(node, nodes) === "providers") problems.push(...foreignGlobalProviders(context, node, nodes, foreign));
  }
  for (const call of nodes.routeFilterCalls) {
    if ((call.type === "CallExpression" || call.type === "OptionalCallExpression") && appliesMiddleware(call.callee)) dropForeignItems(context, call.arguments, foreign);
  }
  return problems;
}

/** `providers` for the list of `providers: [...]`. */
function listName(list: Node, nodes: NodeIndex): string | undefined {
  const property = nodes.parentOf(list);
  return property?.type === "ObjectProperty" && property.value === list ? propertyKeyName(property.key) : undefined;
}

/** Replaces each item of a list (array elements, call arguments) that names a foreign binding with an empty spread. */
function dropForeignItems(context: EditContext, items: readonly (Node | null)[], foreign: ReadonlyMap<string, string>): void {
  for (const item of items) {
    const name = item ? rootName(item) : undefined;
    const specifier = name === undefined ? undefined : foreign.get(name);
    if (!item || specifier === undefined) continue;
    const note = `/* klotho: '${sourceOf(context.parsed, item).replaceAll("*/", "* /")}' runs in another unit ('${specifier}') */`;
    context.replace(item.start ?? 0, item.end ?? 0, keepLineBreaks(sourceOf(context.parsed, item), `...[] ${note}`));
  }
}

/** Whether a `forRoutes`/`exclude` callee is called on a chain that starts with `.apply(...)`: `consumer.apply(mw).exclude(A).forRoutes(B)`. */
function appliesMiddleware(callee: Node): boolean {
  for (let node = callee; node.type === "MemberExpression" || node.type === "OptionalMemberExpression"; ) {
    const object = node.object;
    if (object.type !== "CallExpression" && object.type !== "OptionalCallExpression") return false;
    const inner = object.callee;
    if ((inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") && !inner.computed && inner.property.type === "Identifier" && inner.property.name === "apply") return true;
    node = inner;
  }
  return false;
}

/** Local names bound by imports of files that are not in the unit, with their specifiers. */
function foreignBindings(context: EditContext, nodes: NodeIndex, resolve: ImportResolver): Map<string, string> {
  const names = new Map<string, string>();
  const file = context.parsed.file.path;
  for (const node of nodes.imports) {
    if (node.type !== "ImportDeclaration" || node.importKind === "type" || node.importKind === "typeof") continue;
    const target = resolve(node.source.value, file, importKind("esm", context.parsed.file));
    if (target.kind !== "file" || context.unitFiles.has(target.file)) continue;
    for (const specifier of node.specifiers) {
      if (specifier.type === "ImportSpecifier" && (specifier.importKind === "type" || specifier.importKind === "typeof")) continue;
      names.set(specifier.local.name, node.source.value);
    }
  }
  return names;
}

/** `X` for `X` and for `ns.X` (a namespace import's member). */
function rootName(node: Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "MemberExpression" && !node.computed) return rootName(node.object);
  return undefined;
}

/** The lists a NestJS module names classes in. */
const MODULE_LISTS = new Set(["controllers", "providers", "imports", "exports"]);

/**
 * A list of a dynamic module, the object a `forRoot()`/`register()` returns (`{ module: DogsModule,
 * controllers: [DogsController] }`), which Nest reads as it reads a `@Module` decorator's.
 */
function inDynamicModule(node: Node, nodes: NodeIndex): boolean {
  const property = nodes.parentOf(node);
  const object = property && nodes.parentOf(property);
  if (property?.type !== "ObjectProperty" || property.value !== node || object?.type !== "ObjectExpression") return false;
  const name = propertyKeyName(property.key);
  return name !== undefined && MODULE_LISTS.has(name) && object.properties.some((p) => p.type === "ObjectProperty" && propertyKeyName(p.key) === "module");
}

function insideDecorator(node: Node, nodes: NodeIndex): boolean {
  for (let parent = nodes.parentOf(node); parent; parent = nodes.parentOf(parent)) {
    if (parent.type === "Decorator") return true;
    if (parent.type.startsWith("Class") || parent.type.endsWith("Statement") || parent.type.endsWith("Declaration")) return false;
  }
  return false;
}
