import type { Node } from "@babel/types";
import { unwrapExpression } from "../facts/interpreter/wrappers.js";
import type { SourceProgram } from "../parse/source-program.js";
import { controllerCheck, type ClassNode } from "./nest-controller-class.js";
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
 * with one passing every request on), a loop, an `await`. An unreadable file has effects. A class named
 * in `controllers` (the file's NestJS controllers) is checked as one (nest-controller-class.ts).
 */
export function runsOnlyRouting(file: string, program: Pick<SourceProgram, "get">, routers: readonly CreatedRouter[], controllers: ReadonlySet<string> = new Set()): boolean {
  const parsed = program.get(file);
  if (!parsed) return false;
  const names = new Set(routers.flatMap((r) => (r.name === undefined ? [] : [r.name])));
  const inert: InertCheck = new InertCheck(names, routers, controllers.size === 0 ? undefined : controllerCheck(parsed.ast.program.body, controllers, (node) => inert.expression(node)));
  return parsed.ast.program.body.every((statement) => inert.statement(statement));
}

/** Which statements and expressions have no effect when a module loads, for a file creating `routers`. */
class InertCheck {
  constructor(
    private readonly names: ReadonlySet<string>,
    private readonly routers: readonly CreatedRouter[],
    /** Whether a class is one of the file's NestJS controllers that only answers its routes; undefined for another class. */
    private readonly controllerClass?: (node: ClassNode) => boolean | undefined,
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
   * keys with effects; or one of the file's NestJS controllers that only answers its routes (nest-controller-class.ts).
   */
  private inertClass(node: ClassNode): boolean {
    const controller = this.controllerClass?.(node);
    if (controller !== undefined) return controller;
    if ((node.decorators?.length ?? 0) > 0 || (node.superClass != null && !this.expression(node.superClass))) return false;
    return node.body.body.every((member) => {
      if (member.type === "StaticBlock") return false;
      if ("decorators" in member && (member.decorators?.length ?? 0) > 0) return false;
      if (!this.inertKey(member)) return false;
      const staticValue = (member.type === "ClassProperty" || member.type === "ClassPrivateProperty") && member.static ? member.value : null;
      return staticValue == null || this.expression(staticValue);
    });
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
