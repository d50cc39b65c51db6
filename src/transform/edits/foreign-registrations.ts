import type { Node } from "@babel/types";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { importKind } from "../../facts/package-exports.js";
import type { ImportResolver } from "../../facts/resolve-import.js";
import type { EditContext } from "../edit-context.js";
import { keepLineBreaks, sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import { foreignGlobalProviders } from "./global-providers.js";
import { appliesMiddleware, isRegistrationList, listName } from "../../facts/extractors/nestjs/registration-sites.js";

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
  const parentOf = (node: Node): Node | undefined => nodes.parentOf(node);
  for (const node of nodes.arrays) {
    if (node.type !== "ArrayExpression" || !isRegistrationList(node, parentOf)) continue;
    dropForeignItems(context, node.elements, foreign);
    if (listName(node, parentOf) === "providers") problems.push(...foreignGlobalProviders(context, node, nodes, foreign));
  }
  for (const call of nodes.routeFilterCalls) {
    if ((call.type === "CallExpression" || call.type === "OptionalCallExpression") && appliesMiddleware(call.callee)) dropForeignItems(context, call.arguments, foreign);
  }
  return problems;
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
