import type { Node, Statement, TSEnumDeclaration } from "@babel/types";
import { evaluateClass } from "./classes.js";
import { declareImports, evaluateExport, hoistExport } from "./modules.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { bindPattern } from "./patterns.js";
import { Scope } from "./scope.js";
import { MAX_UNROLLED_ITEMS } from "../../util/analysis-limits.js";
import { ITERATOR_KEY, UNKNOWN, distinctValues, eitherValue, setProperty, type Value } from "./values.js";

/**
 * Runs a list of statements: function declarations are hoisted, then every statement runs once
 * in order (both branches of an `if`; loop bodies once, or once per distinct item of a known
 * array). Returns the first known value any `return` produced.
 */
export function evaluateStatements(it: Interpreter, nodes: readonly Statement[], scope: Scope, module: ModuleContext): Value | undefined {
  for (const node of nodes) hoist(it, node, scope, module);
  let returned: Value | undefined;
  for (const node of nodes) {
    const value = evaluateStatement(it, node, scope, module);
    if (value) returned = returned ? eitherValue(returned, value) : value;
  }
  return returned;
}

function hoist(it: Interpreter, node: Node, scope: Scope, module: ModuleContext): void {
  const declaration = node.type === "ExportNamedDeclaration" || node.type === "ExportDefaultDeclaration" ? node.declaration : node;
  if (declaration?.type === "FunctionDeclaration" && declaration.id) {
    scope.declare(declaration.id.name, it.makeFunction(declaration, scope, module));
  }
  hoistExport(it, node, scope, module);
  if (node.type === "ImportDeclaration") declareImports(it, node, scope, module);
}

function evaluateStatement(it: Interpreter, node: Statement, scope: Scope, module: ModuleContext): Value | undefined {
  switch (node.type) {
    case "VariableDeclaration":
      for (const declarator of node.declarations) {
        const value = declarator.init ? it.expression(declarator.init, scope, module) : UNKNOWN;
        bindPattern(it, declarator.id, value, scope, module, true);
      }
      return undefined;
    case "ClassDeclaration":
      if (node.id) scope.declare(node.id.name, evaluateClass(it, node, scope, module));
      return undefined;
    case "TSEnumDeclaration":
      scope.declare(node.id.name, evaluateEnum(it, node, scope, module));
      return undefined;
    case "ExpressionStatement":
      it.expression(node.expression, scope, module);
      return undefined;
    case "ReturnStatement":
      return node.argument ? it.expression(node.argument, scope, module) : UNKNOWN;
    case "BlockStatement":
      return it.statements(node.body, new Scope(scope), module);
    case "IfStatement": {
      it.expression(node.test, scope, module);
      const a = evaluateStatement(it, node.consequent, scope, module);
      const b = node.alternate ? evaluateStatement(it, node.alternate, scope, module) : undefined;
      return a && b ? eitherValue(a, b) : (a ?? b);
    }
    case "TryStatement": {
      const a = it.statements(node.block.body, new Scope(scope), module);
      if (node.handler) it.statements(node.handler.body.body, new Scope(scope), module);
      if (node.finalizer) it.statements(node.finalizer.body, new Scope(scope), module);
      return a;
    }
    case "ForStatement":
    case "WhileStatement":
    case "DoWhileStatement":
    case "ForInStatement":
    case "ForOfStatement":
    case "LabeledStatement":
    case "WithStatement":
      return evaluateLoopLike(it, node, scope, module);
    case "SwitchStatement":
      it.expression(node.discriminant, scope, module);
      return it.statements(node.cases.flatMap((c) => c.consequent), new Scope(scope), module);
    case "ThrowStatement":
      it.expression(node.argument, scope, module);
      return undefined;
    default:
      return evaluateExport(it, node, scope, module);
  }
}

/**
 * Loops and other statements with a body run the body once; a `for...of` over an array whose
 * items are known runs it once per item, so `for (const r of routers) app.use(r)` sees each router.
 */
function evaluateLoopLike(it: Interpreter, node: Statement, scope: Scope, module: ModuleContext): Value | undefined {
  const inner = new Scope(scope);
  if (node.type === "ForStatement" && node.init) {
    if (node.init.type === "VariableDeclaration") evaluateStatement(it, node.init, inner, module);
    else it.expression(node.init, inner, module);
  }
  if (node.type === "ForStatement" || node.type === "WhileStatement" || node.type === "DoWhileStatement") {
    if (node.test) it.expression(node.test, inner, module);
    if (node.type === "ForStatement" && node.update) it.expression(node.update, inner, module);
  }
  const body = "body" in node ? (node.body as Statement) : undefined;
  if (node.type === "ForInStatement" || node.type === "ForOfStatement") {
    const iterated = it.expression(node.right, inner, module);
    // `for (... of x)` starts by reading x[Symbol.iterator]; extractors see that read (a persisted Map has none).
    if (node.type === "ForOfStatement" && !node.await && iterated.kind !== "array") it.member(iterated, ITERATOR_KEY, { node: node.right, module });
    const items = node.type === "ForOfStatement" && iterated.kind === "array" ? distinctValues(iterated.items, MAX_UNROLLED_ITEMS) : [UNKNOWN];
    let returned: Value | undefined;
    for (const item of items.length > 0 ? items : [UNKNOWN]) {
      const iteration = new Scope(inner);
      const left = node.left.type === "VariableDeclaration" ? node.left.declarations.map((d) => d.id) : [node.left];
      for (const target of left) bindPattern(it, target, item, iteration, module, node.left.type === "VariableDeclaration");
      const value = body ? evaluateStatement(it, body, iteration, module) : undefined;
      if (value) returned = returned ? eitherValue(returned, value) : value;
    }
    return returned;
  }
  return body ? evaluateStatement(it, body, inner, module) : undefined;
}

/**
 * A TypeScript enum as the object it compiles to: `enum OrderEvent { Created = "order.created" }` →
 * `{ Created: "order.created" }`, so `emit(OrderEvent.Created)` names its topic. A member without a
 * string value (a number) is unknown.
 */
function evaluateEnum(it: Interpreter, node: TSEnumDeclaration, scope: Scope, module: ModuleContext): Value {
  const object = module.extractor.newObject("plain", node);
  const members = new Scope(scope);
  for (const member of node.members) {
    const key = member.id.type === "Identifier" ? member.id.name : member.id.value;
    const value = member.initializer ? it.expression(member.initializer, members, module) : UNKNOWN;
    setProperty(object, key, value.kind === "string" ? value : UNKNOWN);
    // A later member may name an earlier one (`B = A`).
    members.declare(key, value.kind === "string" ? value : UNKNOWN);
  }
  return { kind: "object", ref: object };
}
