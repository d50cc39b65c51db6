import type { Node, StringLiteral } from "@babel/types";

/** An import's specifier and its string node, and whether it is written as an ES import or a `require` ("cjs"). */
export interface ImportSpecifier {
  readonly value: string;
  readonly node: StringLiteral;
  readonly syntax: "esm" | "cjs";
}

/** The module specifier of an import declaration, a re-export, `import x = require("x")`, `require("x")` or `import("x")`. */
export function importSpecifier(node: Node): ImportSpecifier | undefined {
  if (node.type === "ImportDeclaration" || node.type === "ExportAllDeclaration") return { value: node.source.value, node: node.source, syntax: "esm" };
  if (node.type === "ExportNamedDeclaration") return node.source ? { value: node.source.value, node: node.source, syntax: "esm" } : undefined;
  if (node.type === "TSImportEqualsDeclaration" && node.moduleReference.type === "TSExternalModuleReference") {
    return { value: node.moduleReference.expression.value, node: node.moduleReference.expression, syntax: "cjs" };
  }
  if (node.type !== "CallExpression") return undefined;
  const [first] = node.arguments;
  if (first?.type !== "StringLiteral") return undefined;
  if (node.callee.type === "Import") return { value: first.value, node: first, syntax: "esm" };
  return node.callee.type === "Identifier" && node.callee.name === "require" ? { value: first.value, node: first, syntax: "cjs" } : undefined;
}
