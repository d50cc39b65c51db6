import type { Decorator, Node } from "@babel/types";
import { UNKNOWN, isSpecial, type ObjectRef, type Value } from "../../interpreter/values.js";
import type { Extractor, ExtractorContext } from "../extractor.js";
import { nestMetadata, FORWARD_REF, appliedDecorators, classIdentity, type ControllerRef } from "./metadata.js";

/** `@Module({ controllers: [...], imports: [...] })` classes, recorded for the walk an app makes of its module graph. */
export const nestjsModules: Extractor = {
  meta: { kind: "http_mount", description: "NestJS modules (@Module classes): the controllers they declare and the modules they import." },
  decorate(decorator, target, node, ctx) {
    const identity = classIdentity(target.owner);
    if (target.kind !== "class" || !identity) return;
    for (const { factory, args } of appliedDecorators(decorator)) {
      if (factory !== "Module") continue;
      const metadata = args[0];
      const controllers = listOf(metadata, "controllers");
      const items = itemNodes(node, controllers.length);
      nestMetadata(ctx).moduleClasses.set(identity, {
        controllers: controllers.map((value, index) => {
          const item = items?.[index];
          return { value, range: item ? ctx.range(item) : ctx.range(node) };
        }),
        imports: listOf(metadata, "imports"),
      });
    }
  },
};

/**
 * The controllers an app serves: its root module's, then those of the modules it imports, to
 * any depth, each module once (import cycles end there). An import may be a module class,
 * `forwardRef(() => Module)`, or a dynamic module (`{ module, controllers, imports }`, as
 * `Module.register()` returns it).
 */
export function controllersOf(root: Value, ctx: ExtractorContext): ControllerRef[] {
  const seen = new Set<ObjectRef>();
  const found: ControllerRef[] = [];
  const visit = (value: Value): void => {
    if (value.kind === "promise") {
      visit(value.value);
      return;
    }
    if (isSpecial(value, FORWARD_REF)) {
      const target = value.kind === "special" ? value.data?.["target"] : undefined;
      if (target?.kind === "function") visit(ctx.invoke(target.fn, []));
      return;
    }
    const identity = classIdentity(value) ?? (value.kind === "object" ? value.ref : undefined);
    if (!identity || seen.has(identity)) return;
    seen.add(identity);
    const module = nestMetadata(ctx).moduleClasses.get(identity);
    if (module) {
      found.push(...module.controllers.map((controller) => ({ ...controller, module: identity })));
      module.imports.forEach(visit);
    } else if (value.kind === "object") {
      const moduleClass = value.ref.props.get("module") ?? UNKNOWN;
      visit(moduleClass);
      const listing = classIdentity(moduleClass);
      found.push(...listOf(value, "controllers").map((controller) => ({ value: controller, range: value.ref.range, ...(listing ? { module: listing } : {}) })));
      listOf(value, "imports").forEach(visit);
    }
  };
  visit(root);
  return found;
}

/** The items of an array property of a metadata object (`controllers`, `imports`); none when it is not a known array. */
function listOf(metadata: Value | undefined, property: string): readonly Value[] {
  const list = metadata?.kind === "object" ? metadata.ref.props.get(property) : undefined;
  return list?.kind === "array" ? list.items : [];
}

/**
 * The nodes of `controllers: [A, B]` in `@Module({ ... })` as written, when they match the
 * evaluated items one for one (no spread, no computed key), so each controller is located.
 */
function itemNodes(decorator: Decorator, count: number): readonly Node[] | undefined {
  const call = decorator.expression;
  const [metadata] = call.type === "CallExpression" ? call.arguments : [];
  if (metadata?.type !== "ObjectExpression") return undefined;
  for (const property of metadata.properties) {
    if (property.type !== "ObjectProperty" || property.computed) continue;
    const key = property.key.type === "Identifier" ? property.key.name : property.key.type === "StringLiteral" ? property.key.value : undefined;
    if (key !== "controllers" || property.value.type !== "ArrayExpression") continue;
    const elements = property.value.elements;
    return elements.length === count && elements.every((e) => e !== null && e.type !== "SpreadElement") ? elements : undefined;
  }
  return undefined;
}
