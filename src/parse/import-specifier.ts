import type { CallExpression, Node, StringLiteral } from "@babel/types";

/** An import's specifier and its string node, and whether it is written as an ES import or a `require` ("cjs"). */
export interface ImportSpecifier {
  readonly value: string;
  readonly node: StringLiteral;
  readonly syntax: "esm" | "cjs";
}

/** The names that call `require` in a file that binds no other. */
export const PLAIN_REQUIRE: ReadonlySet<string> = new Set(["require"]);

/**
 * The module specifier of an import declaration, a re-export, `import x = require("x")`, `require("x")`,
 * `import("x")`, a call of one of `requireNames` (the names a file binds to a `require` that
 * `createRequire()` makes) or `createRequire(...)("x")`.
 */
export function importSpecifier(node: Node, requireNames: ReadonlySet<string> = PLAIN_REQUIRE): ImportSpecifier | undefined {
  if (node.type === "ImportDeclaration" || node.type === "ExportAllDeclaration") return { value: node.source.value, node: node.source, syntax: "esm" };
  if (node.type === "ExportNamedDeclaration") return node.source ? { value: node.source.value, node: node.source, syntax: "esm" } : undefined;
  if (node.type === "TSImportEqualsDeclaration" && node.moduleReference.type === "TSExternalModuleReference") {
    return { value: node.moduleReference.expression.value, node: node.moduleReference.expression, syntax: "cjs" };
  }
  if (node.type !== "CallExpression") return undefined;
  const [first] = node.arguments;
  if (first?.type !== "StringLiteral") return undefined;
  if (node.callee.type === "Import") return { value: first.value, node: first, syntax: "esm" };
  const requires = node.callee.type === "Identifier" ? requireNames.has(node.callee.name) : isCreateRequireCall(node.callee);
  return requires ? { value: first.value, node: first, syntax: "cjs" } : undefined;
}

/**
 * The name a declaration binds to a `require` made by `createRequire()` (`const load = createRequire(import.meta.url)`).
 * Known by the call's name, as the rest of the rewrite knows `require`: the analysis (facts/) checks that
 * it is the `module` module's, and a file's own function of that name is unheard of.
 */
export function requireNameDeclared(node: Node): string | undefined {
  if (node.type !== "VariableDeclarator" || node.id.type !== "Identifier" || !node.init) return undefined;
  return isCreateRequireCall(node.init) ? node.id.name : undefined;
}

/** `createRequire(...)`, `Module.createRequire(...)`, `require("module").createRequire(...)`. */
function isCreateRequireCall(node: Node): node is CallExpression {
  if (node.type !== "CallExpression") return false;
  const callee = node.callee;
  if (callee.type === "Identifier") return callee.name === "createRequire";
  return callee.type === "MemberExpression" && !callee.computed && callee.property.type === "Identifier" && callee.property.name === "createRequire";
}

/** `import type`, `export type ... from`, `import type x = require(...)`: they load nothing. */
export function isTypeOnlyImport(node: Node): boolean {
  if (node.type === "ImportDeclaration" || node.type === "TSImportEqualsDeclaration") return node.importKind === "type" || node.importKind === "typeof";
  return (node.type === "ExportAllDeclaration" || node.type === "ExportNamedDeclaration") && node.exportKind === "type";
}
