import type { Node } from "@babel/types";
import { isNode } from "../../parse/walk.js";

/** A property read off a reference: `.Low` or `["Low"]`, and the member expression that reads it. */
export interface MemberStep {
  readonly key: string;
  readonly node: Node;
}

/** An identifier read as a value (not in a type), and the properties read off it in turn (`Level.Low` → `Low`). */
export interface ValueReference {
  readonly name: string;
  readonly node: Node;
  readonly memberChain: readonly MemberStep[];
}

/** Subtrees that hold only types or declarations without JavaScript. */
const TYPE_NODES = new Set([
  "TSTypeAnnotation",
  "TSTypeParameterDeclaration",
  "TSTypeParameterInstantiation",
  "TSInterfaceDeclaration",
  "TSTypeAliasDeclaration",
  "TSDeclareFunction",
  "TSDeclareMethod",
  "TSIndexSignature",
  "TSExpressionWithTypeArguments",
  "TSClassImplements",
  "TSInterfaceHeritage",
  "TSTypeReference",
  "TSQualifiedName",
  "TSTypeQuery",
  "TSImportType",
  "ImportDeclaration",
]);

/** Keys holding a name, not a reference, unless the node is `computed`: a property's, a member's, a label's. */
export const NAME_KEYS: Readonly<Record<string, string>> = {
  MemberExpression: "property",
  OptionalMemberExpression: "property",
  ObjectProperty: "key",
  ObjectMethod: "key",
  ClassProperty: "key",
  ClassMethod: "key",
  ClassAccessorProperty: "key",
  ClassPrivateProperty: "key",
  ClassPrivateMethod: "key",
  PrivateName: "id",
  MetaProperty: "property",
  LabeledStatement: "label",
  BreakStatement: "label",
  ContinueStatement: "label",
  TSEnumMember: "id",
  TSPropertySignature: "key",
};

/**
 * Every reference to one of `names` outside types, in source order (shadowing is not followed: a local
 * of the same name counts as a reference, which keeps its import as it is).
 */
export function valueReferences(root: Node, names: ReadonlySet<string>): ValueReference[] {
  const found: ValueReference[] = [];
  const ancestors: Node[] = [];
  const visit = (node: Node): void => {
    if (TYPE_NODES.has(node.type) || ("declare" in node && node.declare === true)) return;
    // `export { A }`, `export { A } from "./x"`, `export type { A }`: names of exports (another module's,
    // or bindings TypeScript drops with their type-only import), not values read here.
    if (node.type === "ExportNamedDeclaration" && !node.declaration) return;
    if ((node.type === "Identifier" || node.type === "JSXIdentifier") && names.has(node.name)) {
      found.push({ name: node.name, node, memberChain: memberChain(node, ancestors) });
      return;
    }
    ancestors.push(node);
    const skipped = "computed" in node && node.computed === true ? undefined : NAME_KEYS[node.type];
    for (const key of Object.keys(node)) {
      if (key === skipped || key === "loc" || key === "leadingComments" || key === "trailingComments" || key === "innerComments" || key === "label") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) for (const item of value) if (isNode(item)) visit(item);
      if (isNode(value)) visit(value);
    }
    ancestors.pop();
  };
  visit(root);
  return found;
}

/** The properties read off `node` in turn, while each member expression reads a known key of the one before. */
function memberChain(node: Node, ancestors: readonly Node[]): MemberStep[] {
  const chain: MemberStep[] = [];
  let object = node;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = ancestors[i];
    if (parent?.type !== "MemberExpression" || parent.object !== object) break;
    const key = parent.computed ? (parent.property.type === "StringLiteral" ? parent.property.value : undefined) : parent.property.type === "Identifier" ? parent.property.name : undefined;
    if (key === undefined) break;
    chain.push({ key, node: parent });
    object = parent;
  }
  return chain;
}
