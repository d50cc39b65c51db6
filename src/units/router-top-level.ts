import type { Node } from "@babel/types";
import { unwrapExpression } from "../facts/interpreter/wrappers.js";
import { propertyKeyName } from "../parse/property-key.js";
import type { SourceProgram } from "../parse/source-program.js";
import { isExportsTarget, type CreatedRouter } from "./router-exports.js";

/** The methods of an Express or Koa router that register routes, params, middleware or sub-routers on it, or make its middleware. */
const ROUTER_METHODS = new Set([
  "get", "post", "put", "delete", "del", "patch", "options", "head", "all", "use", "route", "param", "prefix", "redirect", "register", "routes", "middleware", "allowedMethods",
]);

/** Constructors of built-in collections, which have no effect beyond the object they make (a persisted `new Map()`). */
const INERT_CONSTRUCTORS = new Set(["Map", "Set", "WeakMap", "WeakSet"]);

/**
 * Whether a module's top level does nothing but make its routers: importing and requiring values (not a
 * module for what it does on loading, `import "./models/user"`), creating its routers, registering
 * routes, params and sub-routers on them, declaring functions, classes and constants whose
 * initialisers have no effect, and exporting. Another unit may take a stand-in for such
 * a module without missing anything it did on loading. Anything else is an effect another unit's code
 * may rely on: a call (`mongoose.model("User", schema)`, `cache.warm()`, `process.on(...)`), an
 * assignment other than to `exports` (`router.requireAuth = fn`, a helper the stand-in would replace
 * with one passing every request on), a loop, an `await`. An unreadable file has effects.
 */
export function runsOnlyRouting(file: string, program: Pick<SourceProgram, "get">, routers: readonly CreatedRouter[], controllers: ReadonlySet<string> = new Set()): boolean {
  const parsed = program.get(file);
  if (!parsed) return false;
  const names = new Set(routers.flatMap((r) => (r.name === undefined ? [] : [r.name])));
  const inert = new InertCheck(names, routers, controllers, nestImports(parsed.ast.program.body));
  return parsed.ast.program.body.every((statement) => inert.statement(statement));
}

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
 * A decorator that only describes routes: one of ROUTE_DECORATORS, or one of `@nestjs/swagger`'s
 * `@Api...` (what the API document says of a route; the document lists the controllers of the unit
 * drawing it, which already leaves out the other units' own).
 */
function routeDecorator({ source, imported }: NestImport): boolean {
  return (source === "@nestjs/common" && ROUTE_DECORATORS.has(imported)) || (source === "@nestjs/swagger" && imported.startsWith("Api"));
}

/** Which statements and expressions have no effect when a module loads, for a file creating `routers`. */
class InertCheck {
  constructor(
    private readonly names: ReadonlySet<string>,
    private readonly routers: readonly CreatedRouter[],
    private readonly controllers: ReadonlySet<string> = new Set(),
    private readonly nest: NestImports = { names: new Map(), namespaces: new Map() },
  ) {}

  /** A top-level statement that only imports, declares, registers routes on the file's routers or exports. */
  statement(node: Node): boolean {
    switch (node.type) {
      case "ImportDeclaration":
        // `import "./models/user"`: a module imported for what it does on loading, which the stand-in would not do.
        return node.specifiers.length > 0 || node.importKind === "type";
      case "ExportAllDeclaration":
      case "EmptyStatement":
      case "FunctionDeclaration":
      case "TSImportEqualsDeclaration":
      case "TSInterfaceDeclaration":
      case "TSTypeAliasDeclaration":
      case "TSDeclareFunction":
        return true;
      case "TSEnumDeclaration":
        return node.members.every((m) => m.initializer == null || this.expression(m.initializer));
      case "TSModuleDeclaration":
        return node.declare === true;
      case "ClassDeclaration":
        return this.inertClass(node);
      case "VariableDeclaration":
        return node.declarations.every((d) => this.inertPattern(d.id) && (d.init == null || this.expression(d.init)));
      case "ExportNamedDeclaration":
        return node.declaration == null || this.statement(node.declaration);
      case "ExportDefaultDeclaration":
        return this.statement(node.declaration) || this.expression(node.declaration);
      case "TSExportAssignment":
        return this.expression(node.expression);
      case "ExpressionStatement":
        return this.topLevelExpression(unwrapExpression(node.expression));
      default:
        return false;
    }
  }

  /** An expression statement: a route registration, an assignment to `exports`, or an expression without effect. */
  private topLevelExpression(node: Node): boolean {
    if (node.type === "AssignmentExpression") return node.operator === "=" && isExportsTarget(node.left) && this.expression(node.right);
    // `require("./models/user");`: a module required for what it does on loading.
    if (node.type === "CallExpression" && !this.registersRoute(node)) return false;
    return this.expression(node);
  }

  /** An expression whose evaluation has no effect beyond its value (reading a property is taken as such). */
  expression(node: Node): boolean {
    const inner = unwrapExpression(node);
    switch (inner.type) {
      case "StringLiteral":
      case "NumericLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
      case "BigIntLiteral":
      case "RegExpLiteral":
      case "Identifier":
      case "ThisExpression":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        return true;
      case "TemplateLiteral":
        return inner.expressions.every((e) => this.expression(e));
      case "ClassExpression":
        return this.inertClass(inner);
      case "ArrayExpression":
        return inner.elements.every((e) => e == null || this.expression(e.type === "SpreadElement" ? e.argument : e));
      case "ObjectExpression":
        return inner.properties.every((p) => (p.type === "SpreadElement" ? this.expression(p.argument) : this.inertKey(p) && (p.type === "ObjectMethod" || this.expression(p.value))));
      case "MemberExpression":
      case "OptionalMemberExpression":
        return this.expression(inner.object) && (!inner.computed || this.expression(inner.property));
      case "UnaryExpression":
        return inner.operator !== "delete" && this.expression(inner.argument);
      case "BinaryExpression":
      case "LogicalExpression":
        return this.expression(inner.left) && this.expression(inner.right);
      case "ConditionalExpression":
        return this.expression(inner.test) && this.expression(inner.consequent) && this.expression(inner.alternate);
      case "SequenceExpression":
        return inner.expressions.every((e) => this.expression(e));
      case "CallExpression":
      case "NewExpression":
        return this.inertCall(inner);
      default:
        return false;
    }
  }

  /** `require("x")`, the creation of one of the file's routers, a route registration on one, `new Map()`. */
  private inertCall(node: Node & { type: "CallExpression" | "NewExpression" }): boolean {
    if (this.createsRouter(node) || this.registersRoute(node)) return true;
    const callee = unwrapExpression(node.callee);
    if (callee.type !== "Identifier") return false;
    if (node.type === "CallExpression") return callee.name === "require" && node.arguments.length === 1 && node.arguments[0]?.type === "StringLiteral";
    return INERT_CONSTRUCTORS.has(callee.name) && node.arguments.every((a) => this.expression(a.type === "SpreadElement" ? a.argument : a));
  }

  /** `router.get("/x", ...)`, `router.route("/x").get(...)`, `express.Router().get(...)`: a method of a router this file creates. */
  private registersRoute(node: Node): boolean {
    const call = unwrapExpression(node);
    if (call.type !== "CallExpression") return false;
    const callee = unwrapExpression(call.callee);
    if (callee.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier" || !ROUTER_METHODS.has(callee.property.name)) return false;
    const receiver = unwrapExpression(callee.object);
    return (receiver.type === "Identifier" && this.names.has(receiver.name)) || this.createsRouter(receiver) || this.registersRoute(receiver);
  }

  /** The expression making one of the file's routers (`express.Router()`, `new Router({ prefix })`). */
  private createsRouter(node: Node): boolean {
    return this.routers.some((r) => node.start === r.start && node.end === r.end);
  }

  /**
   * A class whose definition runs nothing: no decorators, static blocks, or static fields and computed
   * keys with effects; or one of the file's NestJS controllers that only answers its routes (routesOnly).
   */
  private inertClass(node: Node & { type: "ClassDeclaration" | "ClassExpression" }): boolean {
    if (node.id != null && this.controllers.has(node.id.name)) return this.routesOnly(node);
    if ((node.decorators?.length ?? 0) > 0 || (node.superClass != null && !this.expression(node.superClass))) return false;
    return node.body.body.every((member) => {
      if (member.type === "StaticBlock") return false;
      if ("decorators" in member && (member.decorators?.length ?? 0) > 0) return false;
      if (!this.inertKey(member)) return false;
      const staticValue = (member.type === "ClassProperty" || member.type === "ClassPrivateProperty") && member.static ? member.value : null;
      return staticValue == null || this.expression(staticValue);
    });
  }

  /**
   * A NestJS controller whose making does nothing but what its routes need, so the units not serving
   * them may leave it out: it extends no class (whose constructor or hooks would run), its decorators
   * and its members' and parameters' are ROUTE_DECORATORS with arguments without effect, no member is a
   * lifecycle hook (a method or a field holding a function) or has a computed key, its constructor only
   * takes what Nest injects (no body, parameter defaults without effect), and its fields, static or
   * not, start with values without effect.
   */
  private routesOnly(node: Node & { type: "ClassDeclaration" | "ClassExpression" }): boolean {
    if (node.superClass != null || !this.routeDecorators(node.decorators)) return false;
    return node.body.body.every((member) => {
      if (member.type === "StaticBlock" || ("computed" in member && member.computed)) return false;
      if ("decorators" in member && !this.routeDecorators(member.decorators)) return false;
      const name = "key" in member ? propertyKeyName(member.key) : undefined;
      if (name !== undefined && LIFECYCLE_HOOKS.has(name)) return false;
      if (member.type === "ClassMethod" || member.type === "ClassPrivateMethod") {
        if (member.kind === "constructor" && member.body.body.length > 0) return false;
        return member.params.every((param) => {
          const pattern = param.type === "TSParameterProperty" ? param.parameter : param;
          const inertDefault = pattern.type !== "AssignmentPattern" || this.expression(pattern.right);
          return inertDefault && (!("decorators" in param) || this.routeDecorators(param.decorators));
        });
      }
      if (member.type === "ClassProperty" || member.type === "ClassPrivateProperty" || member.type === "ClassAccessorProperty") return member.value == null || this.expression(member.value);
      // An overload's signature or an index signature: types only.
      return true;
    });
  }

  /** Decorators that only describe routes (routeDecorator: `@Get(":id")`, `@common.UseGuards(AuthGuard)`), with arguments that do nothing else (nestArgument). */
  private routeDecorators(decorators: readonly { expression: Node }[] | null | undefined): boolean {
    return (decorators ?? []).every(({ expression }) => {
      const inner = unwrapExpression(expression);
      const call = inner.type === "CallExpression" ? inner : undefined;
      if (call && !call.arguments.every((a) => this.nestArgument(a))) return false;
      const imported = this.nestImport(call ? call.callee : inner);
      return imported !== undefined && routeDecorator(imported);
    });
  }

  /**
   * A decorator's argument without effect beyond its value: an inert expression, or a guard, pipe or
   * other value made by NestJS's own packages (`AuthGuard("jwt")` of `@nestjs/passport`,
   * `new ParseIntPipe()`, `new ValidationPipe({ whitelist: true })`) from such arguments.
   */
  private nestArgument(node: Node): boolean {
    const inner = unwrapExpression(node.type === "SpreadElement" ? node.argument : node);
    if ((inner.type === "CallExpression" || inner.type === "NewExpression") && this.nestImport(inner.callee) !== undefined) return inner.arguments.every((a) => this.nestArgument(a));
    return this.expression(inner);
  }

  /** What `Get` or `common.Get` names, when a NestJS package exports it. */
  private nestImport(node: Node): NestImport | undefined {
    const inner = unwrapExpression(node);
    if (inner.type === "Identifier") return this.nest.names.get(inner.name);
    if (inner.type !== "MemberExpression" || inner.computed || inner.object.type !== "Identifier" || inner.property.type !== "Identifier") return undefined;
    const source = this.nest.namespaces.get(inner.object.name);
    return source === undefined ? undefined : { source, imported: inner.property.name };
  }

  /** A property or member key that is a name, or a computed key without effect. */
  private inertKey(member: Node): boolean {
    return !("computed" in member && member.computed === true && "key" in member) || this.expression(member.key);
  }

  /** A binding pattern whose default values have no effect (`const { a = 1 } = ...`). */
  private inertPattern(node: Node): boolean {
    switch (node.type) {
      case "Identifier":
        return true;
      case "ObjectPattern":
        return node.properties.every((p) => (p.type === "RestElement" ? this.inertPattern(p.argument) : this.inertKey(p) && this.inertPattern(p.value)));
      case "ArrayPattern":
        return node.elements.every((e) => e == null || this.inertPattern(e));
      case "AssignmentPattern":
        return this.inertPattern(node.left) && this.expression(node.right);
      case "RestElement":
        return this.inertPattern(node.argument);
      default:
        return false;
    }
  }
}
