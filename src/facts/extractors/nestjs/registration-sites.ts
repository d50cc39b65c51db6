import type { Node } from "@babel/types";
import { propertyKeyName } from "../../../parse/property-key.js";

/**
 * Where a NestJS app names a class it registers, as the units' transform finds them: the lists of a
 * `@Module(...)` decorator and of a dynamic module, and a middleware's `forRoutes(...)`/`exclude(...)`.
 * A unit whose copy drops a class of another unit drops it from these places only (transform/edits/
 * foreign-registrations.ts), and the units stage leaves a controller out of a unit only when these are
 * the only places naming it (units/nest-controller-uses.ts). `parentOf` gives a node's parent.
 */

/** The lists a NestJS module names classes in. */
export const MODULE_LISTS: ReadonlySet<string> = new Set(["controllers", "providers", "imports", "exports"]);

/** The name of the property whose value `list` is (`controllers` for `controllers: [...]`). */
export function listName(list: Node, parentOf: (node: Node) => Node | undefined): string | undefined {
  const property = parentOf(list);
  return property?.type === "ObjectProperty" && property.value === list ? propertyKeyName(property.key) : undefined;
}

/** An array inside a decorator's arguments (`@Module({ controllers: [...] })`), or a list of a dynamic module. */
export function isRegistrationList(list: Node, parentOf: (node: Node) => Node | undefined): boolean {
  return list.type === "ArrayExpression" && (insideDecorator(list, parentOf) || inDynamicModule(list, parentOf));
}

/** The methods of NestJS's middleware consumer whose arguments name controllers (`forRoutes(UsersController)`). */
const ROUTE_FILTERS = new Set(["forRoutes", "exclude"]);

/** A call of a method named `forRoutes` or `exclude` (on NestJS's middleware consumer when appliesMiddleware holds for its callee). */
export function isRouteFilterCall(node: Node): boolean {
  if (node.type !== "CallExpression" && node.type !== "OptionalCallExpression") return false;
  const callee = node.callee;
  return (callee.type === "MemberExpression" || callee.type === "OptionalMemberExpression") && !callee.computed && callee.property.type === "Identifier" && ROUTE_FILTERS.has(callee.property.name);
}

/** Whether a `forRoutes`/`exclude` callee is called on a chain that starts with `.apply(...)`: `consumer.apply(mw).exclude(A).forRoutes(B)`. */
export function appliesMiddleware(callee: Node): boolean {
  for (let node = callee; node.type === "MemberExpression" || node.type === "OptionalMemberExpression"; ) {
    const object = node.object;
    if (object.type !== "CallExpression" && object.type !== "OptionalCallExpression") return false;
    const inner = object.callee;
    if ((inner.type === "MemberExpression" || inner.type === "OptionalMemberExpression") && !inner.computed && inner.property.type === "Identifier" && inner.property.name === "apply") return true;
    node = inner;
  }
  return false;
}

/**
 * A list of a dynamic module, the object a `forRoot()`/`register()` returns (`{ module: DogsModule,
 * controllers: [DogsController] }`), which Nest reads as it reads a `@Module` decorator's.
 */
function inDynamicModule(node: Node, parentOf: (node: Node) => Node | undefined): boolean {
  const property = parentOf(node);
  const object = property && parentOf(property);
  if (property?.type !== "ObjectProperty" || property.value !== node || object?.type !== "ObjectExpression") return false;
  const name = propertyKeyName(property.key);
  return name !== undefined && MODULE_LISTS.has(name) && object.properties.some((p) => p.type === "ObjectProperty" && propertyKeyName(p.key) === "module");
}

function insideDecorator(node: Node, parentOf: (node: Node) => Node | undefined): boolean {
  for (let parent = parentOf(node); parent; parent = parentOf(parent)) {
    if (parent.type === "Decorator") return true;
    if (parent.type.startsWith("Class") || parent.type.endsWith("Statement") || parent.type.endsWith("Declaration")) return false;
  }
  return false;
}
