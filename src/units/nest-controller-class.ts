import type { Node } from "@babel/types";
import { unwrapExpression } from "../facts/interpreter/wrappers.js";
import { propertyKeyName } from "../parse/property-key.js";

/** A class declaration or expression. */
export type ClassNode = Node & { type: "ClassDeclaration" | "ClassExpression" };

/**
 * The methods Nest calls on a controller or provider it makes, whatever requests come: a controller
 * with one does work in every unit starting it, which a unit leaving it out would miss.
 */
const LIFECYCLE_HOOKS = new Set(["onModuleInit", "onApplicationBootstrap", "onModuleDestroy", "beforeApplicationShutdown", "onApplicationShutdown"]);

/**
 * The decorators of `@nestjs/common` that only describe a controller's routes, for the unit serving
 * them: the paths and verbs, what a route answers with, its guards, interceptors, pipes and filters,
 * its parameters, and constructor injection. Others (`@Cron`, `@OnEvent`, `@MessagePattern`, an app's
 * own) may make Nest do work whatever requests come; so may `@SetMetadata`, which a provider scanning
 * the app's controllers (DiscoveryService) can read.
 */
const ROUTE_DECORATORS = new Set([
  "Controller", "Get", "Post", "Put", "Delete", "Patch", "Options", "Head", "All", "Search", "Sse",
  "HttpCode", "Header", "Redirect", "Render", "Version", "UseGuards", "UseInterceptors", "UsePipes", "UseFilters",
  "Body", "Param", "Query", "Headers", "Req", "Request", "Res", "Response", "Next", "Ip", "HostParam", "Session", "UploadedFile", "UploadedFiles",
  "Inject", "Optional",
]);

/** A name a file imports from one of NestJS's packages (`@nestjs/...`): the package and the name it exports. */
interface NestImport {
  readonly source: string;
  readonly imported: string;
}

/** What a file imports from NestJS's packages: its named bindings, and its namespace bindings (to the package). */
interface NestImports {
  readonly names: ReadonlyMap<string, NestImport>;
  readonly namespaces: ReadonlyMap<string, string>;
}

/**
 * For a file's top-level statements (`body`) and its NestJS controllers' class names, a check of
 * whether a class is one of them that does nothing but answer its routes (routesOnly); undefined for
 * any other class. `inert` tells an expression without effect (router-top-level.ts).
 */
export function controllerCheck(body: readonly Node[], controllers: ReadonlySet<string>, inert: (node: Node) => boolean): (node: ClassNode) => boolean | undefined {
  const nest = nestImports(body);
  return (node) => (node.id != null && controllers.has(node.id.name) ? routesOnly(node, nest, inert) : undefined);
}

function nestImports(body: readonly Node[]): NestImports {
  const names = new Map<string, NestImport>();
  const namespaces = new Map<string, string>();
  for (const statement of body) {
    if (statement.type !== "ImportDeclaration" || !statement.source.value.startsWith("@nestjs/") || statement.importKind === "type") continue;
    const source = statement.source.value;
    for (const specifier of statement.specifiers) {
      if (specifier.type === "ImportNamespaceSpecifier") namespaces.set(specifier.local.name, source);
      else if (specifier.type === "ImportSpecifier" && specifier.importKind !== "type") names.set(specifier.local.name, { source, imported: specifier.imported.type === "Identifier" ? specifier.imported.name : specifier.imported.value });
    }
  }
  return { names, namespaces };
}

/**
 * A NestJS controller whose making does nothing but what its routes need, so the units not serving
 * them may leave it out: it extends no class (whose constructor or hooks would run), its decorators
 * and its members' and parameters' only describe routes (routeDecorators), no member is a lifecycle
 * hook (a method or a field holding a function) or has a computed key, its constructor only takes
 * what Nest injects (no body, parameter defaults without effect), and its fields, static or not,
 * start with values without effect.
 */
function routesOnly(node: ClassNode, nest: NestImports, inert: (node: Node) => boolean): boolean {
  const decorated = (decorators: readonly { expression: Node }[] | null | undefined): boolean => routeDecorators(decorators, nest, inert);
  if (node.superClass != null || !decorated(node.decorators)) return false;
  return node.body.body.every((member) => {
    if (member.type === "StaticBlock" || ("computed" in member && member.computed)) return false;
    if ("decorators" in member && !decorated(member.decorators)) return false;
    const name = "key" in member ? propertyKeyName(member.key) : undefined;
    if (name !== undefined && LIFECYCLE_HOOKS.has(name)) return false;
    if (member.type === "ClassMethod" || member.type === "ClassPrivateMethod") {
      if (member.kind === "constructor" && member.body.body.length > 0) return false;
      return member.params.every((param) => {
        const pattern = param.type === "TSParameterProperty" ? param.parameter : param;
        const inertDefault = pattern.type !== "AssignmentPattern" || inert(pattern.right);
        return inertDefault && (!("decorators" in param) || decorated(param.decorators));
      });
    }
    if (member.type === "ClassProperty" || member.type === "ClassPrivateProperty" || member.type === "ClassAccessorProperty") return member.value == null || inert(member.value);
    // An overload's signature or an index signature: types only.
    return true;
  });
}

/**
 * Decorators that only describe routes: each one of ROUTE_DECORATORS, or one of `@nestjs/swagger`'s
 * `@Api...` (what the API document says of a route; the document lists the controllers of the unit
 * drawing it, which already leaves out the other units' own), with arguments that do nothing else
 * (nestArgument): `@Get(":id")`, `@common.UseGuards(AuthGuard("jwt"))`.
 */
function routeDecorators(decorators: readonly { expression: Node }[] | null | undefined, nest: NestImports, inert: (node: Node) => boolean): boolean {
  return (decorators ?? []).every(({ expression }) => {
    const inner = unwrapExpression(expression);
    const call = inner.type === "CallExpression" ? inner : undefined;
    if (call && !call.arguments.every((a) => nestArgument(a, nest, inert))) return false;
    const imported = nestImport(call ? call.callee : inner, nest);
    return imported !== undefined && ((imported.source === "@nestjs/common" && ROUTE_DECORATORS.has(imported.imported)) || (imported.source === "@nestjs/swagger" && imported.imported.startsWith("Api")));
  });
}

/**
 * A decorator's argument without effect beyond its value: an inert expression, or a guard, pipe or
 * other value made by NestJS's own packages (`AuthGuard("jwt")` of `@nestjs/passport`,
 * `new ParseIntPipe()`, `new ValidationPipe({ whitelist: true })`) from such arguments.
 */
function nestArgument(node: Node, nest: NestImports, inert: (node: Node) => boolean): boolean {
  const inner = unwrapExpression(node.type === "SpreadElement" ? node.argument : node);
  if ((inner.type === "CallExpression" || inner.type === "NewExpression") && nestImport(inner.callee, nest) !== undefined) return inner.arguments.every((a) => nestArgument(a, nest, inert));
  return inert(inner);
}

/** What `Get` or `common.Get` names, when a NestJS package exports it. */
function nestImport(node: Node, nest: NestImports): NestImport | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === "Identifier") return nest.names.get(inner.name);
  if (inner.type !== "MemberExpression" || inner.computed || inner.object.type !== "Identifier" || inner.property.type !== "Identifier") return undefined;
  const source = nest.namespaces.get(inner.object.name);
  return source === undefined ? undefined : { source, imported: inner.property.name };
}
