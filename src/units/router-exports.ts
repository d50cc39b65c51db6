import type { Node } from "@babel/types";
import type { SourceProgram } from "../parse/source-program.js";
import { walkAst } from "../parse/walk.js";

/** A router a file creates: its variable's name and where the creation is written. */
export interface CreatedRouter {
  readonly name?: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Whether a module exports its routers and nothing else, so another unit's copy may take a stand-in for
 * it without losing a value it uses: `module.exports = router`, `module.exports = { a, b }` or
 * `exports.a = a` of its routers, `export default router`, `export const a = Router()`, `export class
 * UsersController` (one of `controllers`, NestJS controllers, whose class declaration is its creation). A helper exported
 * beside them (`exports.requireAuth`, `export const API = "/v1"`), a re-export, or `exports` handed to a
 * call (`Object.assign(module.exports, ...)`) makes it a module to carry whole. An unreadable file does too.
 */
export function exportsOnlyRouters(file: string, program: Pick<SourceProgram, "get">, routers: readonly CreatedRouter[], controllers: ReadonlySet<string> = new Set()): boolean {
  const parsed = program.get(file);
  if (!parsed) return false;
  const names = new Set(routers.flatMap((r) => (r.name === undefined ? [] : [r.name])));
  const isRouter = (node: Node | null | undefined): boolean => {
    if (node == null) return false;
    // A class is a router only as a NestJS controller: one merely holding a router (`router = Router()`) is something else.
    if (node.type === "ClassDeclaration" || node.type === "ClassExpression") return node.id != null && controllers.has(node.id.name);
    return (node.type === "Identifier" && names.has(node.name)) || routers.some((r) => (node.start ?? -1) <= r.start && r.end <= (node.end ?? -1));
  };
  let only = true;
  walkAst(parsed.ast.program, (node) => {
    if (!only) return false;
    if (node.type === "ExportAllDeclaration" || (node.type === "ExportNamedDeclaration" && node.source)) only = false;
    else if (node.type === "ExportNamedDeclaration" && node.exportKind !== "type") only = exportsRouters(node, isRouter);
    else if (node.type === "ExportDefaultDeclaration") only = isRouter(node.declaration);
    else if (node.type === "TSExportAssignment") only = isRouter(node.expression);
    else if (node.type === "AssignmentExpression" && isExportsTarget(node.left)) only = assignsRouters(node.left, node.right, isRouter);
    else if ((node.type === "CallExpression" || node.type === "NewExpression") && node.arguments.some(isExportsObject)) only = false;
    return true;
  });
  return only;
}

function exportsRouters(node: Node & { type: "ExportNamedDeclaration" }, isRouter: (node: Node | null | undefined) => boolean): boolean {
  const declaration = node.declaration;
  if (declaration?.type === "VariableDeclaration") return declaration.declarations.every((d) => isRouter(d.init));
  // `export class UsersController {}`: a NestJS controller.
  if (declaration?.type === "ClassDeclaration") return isRouter(declaration);
  if (declaration) return declaration.type.startsWith("TS") && declaration.type !== "TSEnumDeclaration" && declaration.type !== "TSModuleDeclaration";
  return node.specifiers.every((s) => s.type === "ExportSpecifier" && (s.exportKind === "type" || isRouter(s.local)));
}

/** `module.exports = x`, `module.exports = { a, b }`, `exports.a = x`, `module.exports.a = x`: every value a router. */
function assignsRouters(target: Node, value: Node, isRouter: (node: Node | null | undefined) => boolean): boolean {
  if (isExportsObject(target) && value.type === "ObjectExpression") return value.properties.every((p) => p.type === "ObjectProperty" && isRouter(p.value));
  return isRouter(value);
}

/** `module.exports`, `exports`, or a property of either. */
export function isExportsTarget(node: Node): boolean {
  return isExportsObject(node) || ((node.type === "MemberExpression" || node.type === "OptionalMemberExpression") && isExportsObject(node.object));
}

function isExportsObject(node: Node): boolean {
  if (node.type === "Identifier") return node.name === "exports";
  return node.type === "MemberExpression" && node.object.type === "Identifier" && node.object.name === "module" && node.property.type === "Identifier" && node.property.name === "exports";
}
