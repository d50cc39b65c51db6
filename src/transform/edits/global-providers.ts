import type { ArrayExpression, Node, ObjectExpression } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { GLOBAL_ENHANCERS, type GlobalEnhancer } from "../../facts/extractors/nestjs/global-enhancers.js";
import type { Fact } from "../../facts/index.js";
import { rangeOfNode, type SourceRange } from "../../util/source-range.js";
import { sourceOf, type EditContext } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import { propertyKeyName } from "../../parse/property-key.js";

/** The tokens of `@nestjs/core` that make a provider global (Nest runs it for every request), with what they register. */
const GLOBAL_TOKENS: ReadonlyMap<string, GlobalEnhancer> = new Map(GLOBAL_ENHANCERS.map((enhancer) => [enhancer.token, enhancer]));

/** The app's methods that register an instance for every request (`useGlobalGuards`), with what they register. */
const GLOBAL_METHODS: ReadonlyMap<string, GlobalEnhancer> = new Map(GLOBAL_ENHANCERS.map((enhancer) => [enhancer.method, enhancer]));

/** The properties of a provider object naming the class Nest instantiates for it. */
const CLASS_KEYS = new Set(["useClass", "useExisting"]);

/**
 * The error for a class Nest runs for every request of every unit whose file this unit does not hold:
 * the stand-in its copy gets in the class's place cannot do its work, and dropping the registration
 * would drop the app's authentication, so neither is done. `registration` says how it is registered,
 * `file` where the class is.
 */
function foreignGlobal(range: SourceRange, name: string, registration: string, file: string, enhancer: GlobalEnhancer): Diagnostic {
  return createDiagnostic("nestjs/foreign-global-provider", { range }, name, registration, file, enhancer.decorator);
}

/**
 * The instances registered in this file for every request (`app.useGlobalGuards(new AuthGuard())`, the
 * file's `nestjs_global_enhancer` facts among `facts`) whose class is in a file this unit does not hold:
 * the class's name and file come from the analysis, so a class renamed by its import or re-exported by
 * a barrel is found as well as one imported from its own file.
 */
export function foreignGlobalInstances(context: EditContext, facts: readonly Fact[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const fact of facts) {
    if (fact.kind !== "nestjs_global_enhancer" || fact.range.file !== context.parsed.file.path || context.unitFiles.has(fact.file)) continue;
    const enhancer = GLOBAL_METHODS.get(fact.method);
    if (enhancer) problems.push(foreignGlobal(fact.range, fact.name, `${enhancer.what} registered for the whole app with ${fact.method}()`, fact.file, enhancer));
  }
  return problems;
}

/**
 * The global providers of a module's `providers` list (`{ provide: APP_GUARD, useClass: AuthGuard }`)
 * whose class this unit's copy only has a stand-in for (`foreign`: local names bound by imports of
 * files outside the unit, with their specifiers). Nest runs a global guard, interceptor, filter or
 * pipe for every request, so the stand-in would take its place in every unit without the class's
 * file: a guard's never answers. Dropping it would drop the app's authentication, so it is an error.
 */
export function foreignGlobalProviders(context: EditContext, list: ArrayExpression, nodes: NodeIndex, foreign: ReadonlyMap<string, string>): Diagnostic[] {
  const core = coreBindings(nodes);
  const problems: Diagnostic[] = [];
  for (const item of list.elements) {
    if (item?.type !== "ObjectExpression") continue;
    const token = globalToken(valueOf(item, "provide"), core);
    if (token === undefined) continue;
    for (const key of CLASS_KEYS) {
      const value = valueOf(item, key);
      const root = value && rootIdentifier(value);
      const specifier = root === undefined ? undefined : foreign.get(root);
      if (!value || specifier === undefined) continue;
      const enhancer = GLOBAL_TOKENS.get(token);
      if (enhancer) problems.push(foreignGlobal(rangeOfNode(context.parsed.file.path, value), sourceOf(context.parsed, value), `a global provider (${token})`, specifier, enhancer));
    }
  }
  return problems;
}

/** `X` for `X` and for `ns.X` (a member of a namespace import). */
function rootIdentifier(node: Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  return node.type === "MemberExpression" && !node.computed ? rootIdentifier(node.object) : undefined;
}

/** The value of a non-computed property of an object literal. */
function valueOf(object: ObjectExpression, key: string): Node | undefined {
  const property = object.properties.find((p) => p.type === "ObjectProperty" && !p.computed && propertyKeyName(p.key) === key);
  return property?.type === "ObjectProperty" ? property.value : undefined;
}

/** How the file names `@nestjs/core`: its named imports (local → exported name) and its namespace or default imports. */
interface CoreBindings {
  readonly named: ReadonlyMap<string, string>;
  readonly namespaces: ReadonlySet<string>;
}

function coreBindings(nodes: NodeIndex): CoreBindings {
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const node of nodes.imports) {
    if (node.type !== "ImportDeclaration" || node.source.value !== "@nestjs/core") continue;
    for (const specifier of node.specifiers) {
      if (specifier.type !== "ImportSpecifier") namespaces.add(specifier.local.name);
      else named.set(specifier.local.name, specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value);
    }
  }
  return { named, namespaces };
}

/**
 * `APP_GUARD` (or another global token) when `provide` names one: an import of it from `@nestjs/core`
 * (renamed or not), a member of a namespace import (`core.APP_GUARD`), or its name as such when the
 * file binds it otherwise (`const { APP_GUARD } = require("@nestjs/core")`).
 */
function globalToken(provide: Node | undefined, core: CoreBindings): string | undefined {
  if (provide?.type === "Identifier") {
    const name = core.named.get(provide.name) ?? provide.name;
    return GLOBAL_TOKENS.has(name) ? name : undefined;
  }
  if (provide?.type === "MemberExpression" && !provide.computed && provide.property.type === "Identifier" && provide.object.type === "Identifier") {
    const name = provide.property.name;
    return GLOBAL_TOKENS.has(name) && (core.namespaces.has(provide.object.name) || !core.named.has(provide.object.name)) ? name : undefined;
  }
  return undefined;
}
