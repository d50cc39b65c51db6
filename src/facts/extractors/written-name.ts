import type { Node } from "@babel/types";

/** `name` or `a.b.name` as written, for an identifier or a chain of property reads (for messages). */
export function writtenName(node: Node): string | undefined {
  if (node.type === "Identifier") return node.name;
  if (node.type === "ThisExpression") return "this";
  if (node.type === "MemberExpression" && !node.computed && node.property.type === "Identifier") return `${writtenName(node.object) ?? "..."}.${node.property.name}`;
  return undefined;
}
