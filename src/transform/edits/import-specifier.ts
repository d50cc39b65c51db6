import type { Node, StringLiteral } from "@babel/types";

/** The module specifier of an import declaration, a re-export, `require("x")` or `import("x")`, with its string node. */
export function importSpecifier(node: Node): { value: string; node: StringLiteral } | undefined {
  if (node.type === "ImportDeclaration" || node.type === "ExportAllDeclaration") return { value: node.source.value, node: node.source };
  if (node.type === "ExportNamedDeclaration") return node.source ? { value: node.source.value, node: node.source } : undefined;
  if (node.type === "TSImportEqualsDeclaration" && node.moduleReference.type === "TSExternalModuleReference") {
    return { value: node.moduleReference.expression.value, node: node.moduleReference.expression };
  }
  if (node.type !== "CallExpression") return undefined;
  const [first] = node.arguments;
  if (first?.type !== "StringLiteral") return undefined;
  if (node.callee.type === "Import") return { value: first.value, node: first };
  return node.callee.type === "Identifier" && node.callee.name === "require" ? { value: first.value, node: first } : undefined;
}
