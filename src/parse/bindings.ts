import type { ArrowFunctionExpression, ClassMethod, ClassPrivateMethod, FunctionDeclaration, FunctionExpression, Node, ObjectMethod } from "@babel/types";
import { walkAst } from "./walk.js";

/** Nodes whose parameters and `var`s are their own: functions and methods. */
const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"]);

/**
 * True when the identifier `name`, read at `node`, is the global of that name: no function (its
 * parameters, its `var`s), block, `for`, `catch`, named class expression or the program around it
 * declares the name (`function start(module) { if (require.main === module) ... }` compares with the
 * parameter, not Node's `module`). Declarations TypeScript drops (`declare const module: any`, type-only
 * imports) declare nothing.
 */
export function isGlobalName(name: string, node: Node, parentOf: (node: Node) => Node | undefined): boolean {
  for (let scope = parentOf(node); scope; scope = parentOf(scope)) if (declaredNames(scope).has(name)) return false;
  return true;
}

/** The names `scope` itself declares, for code inside it (empty for a node that makes no scope). */
function declaredNames(scope: Node): Set<string> {
  const names = new Set<string>();
  const add = (pattern: Node | null | undefined): void => {
    addPatternNames(pattern, names);
  };
  if (isFunction(scope)) {
    for (const param of scope.params) add(param.type === "TSParameterProperty" ? param.parameter : param);
    if (scope.type === "FunctionExpression") add(scope.id);
    addVarNames(scope.body, names);
  } else if (scope.type === "Program") {
    for (const statement of scope.body) addLexicalNames(statement, names);
    addVarNames(scope, names);
  } else if (scope.type === "BlockStatement" || scope.type === "StaticBlock") {
    for (const statement of scope.body) addLexicalNames(statement, names);
  } else if (scope.type === "SwitchStatement") {
    for (const statement of scope.cases.flatMap((c) => c.consequent)) addLexicalNames(statement, names);
  } else if (scope.type === "CatchClause") {
    add(scope.param);
  } else if (scope.type === "ForStatement" || scope.type === "ForInStatement" || scope.type === "ForOfStatement") {
    const declaration = scope.type === "ForStatement" ? scope.init : scope.left;
    if (declaration?.type === "VariableDeclaration") for (const declarator of declaration.declarations) add(declarator.id);
  } else if (scope.type === "ClassExpression") {
    add(scope.id);
  }
  return names;
}

/** A function or method: a node with its own parameters and `var`s. */
function isFunction(node: Node): node is FunctionDeclaration | FunctionExpression | ArrowFunctionExpression | ObjectMethod | ClassMethod | ClassPrivateMethod {
  return FUNCTIONS.has(node.type);
}

/** The names a statement declares in its block: `let`, `const`, classes, functions, imports, TypeScript enums and `import x =`. */
function addLexicalNames(statement: Node, names: Set<string>): void {
  const node = statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" ? statement.declaration : statement;
  if (!node || ("declare" in node && node.declare === true)) return;
  switch (node.type) {
    case "VariableDeclaration":
      if (node.kind !== "var") for (const declarator of node.declarations) addPatternNames(declarator.id, names);
      return;
    case "FunctionDeclaration":
    case "ClassDeclaration":
      addPatternNames(node.id, names);
      return;
    case "TSEnumDeclaration":
    case "TSImportEqualsDeclaration":
      if (node.type === "TSEnumDeclaration" || node.importKind !== "type") names.add(node.id.name);
      return;
    case "ImportDeclaration":
      if (node.importKind === "type" || node.importKind === "typeof") return;
      for (const specifier of node.specifiers) if (specifier.type !== "ImportSpecifier" || specifier.importKind !== "type") names.add(specifier.local.name);
      return;
    default:
      return;
  }
}

/** The `var`s declared anywhere in `root` outside the functions nested in it (they are hoisted to `root`'s function or program). */
function addVarNames(root: Node, names: Set<string>): void {
  walkAst(root, (node) => {
    if (node !== root && FUNCTIONS.has(node.type)) return false;
    if (node.type === "VariableDeclaration" && node.kind === "var" && node.declare !== true) for (const declarator of node.declarations) addPatternNames(declarator.id, names);
    return undefined;
  });
}

/** The names a binding pattern binds: `a`, `{ a, b: c, ...d }`, `[a, , b = 1, ...c]`. */
/** The names a binding pattern binds: `a`, `{ b, c: [d] }`, `...e`, `f = 1`. */
export function patternNames(pattern: Node | null | undefined): string[] {
  const names = new Set<string>();
  addPatternNames(pattern, names);
  return [...names];
}

function addPatternNames(pattern: Node | null | undefined, names: Set<string>): void {
  if (!pattern) return;
  switch (pattern.type) {
    case "Identifier":
      names.add(pattern.name);
      return;
    case "AssignmentPattern":
      addPatternNames(pattern.left, names);
      return;
    case "RestElement":
      addPatternNames(pattern.argument, names);
      return;
    case "ArrayPattern":
      for (const element of pattern.elements) addPatternNames(element, names);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties) addPatternNames(property.type === "RestElement" ? property : property.value, names);
      return;
    default:
      return;
  }
}
