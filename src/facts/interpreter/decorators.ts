import type { ClassDeclaration, ClassExpression, Decorator, Node } from "@babel/types";
import type { DecoratorTarget } from "../extractors/extractor.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { propertyKey } from "./patterns.js";
import type { Scope } from "./scope.js";
import type { Value } from "./values.js";

type ClassNode = ClassDeclaration | ClassExpression;

/** A decorated thing before its decorators run: its target and the decorator nodes written on it. */
interface Decorated {
  readonly target: DecoratorTarget;
  readonly decorators: readonly Decorator[];
}

/**
 * Runs the decorators of a class once it is defined, as TypeScript's legacy decorators do: for
 * each member in source order, its parameters' decorators and then its own, and the class's last.
 * The expressions of one list are evaluated top to bottom and applied bottom to top. What a
 * decorator does is left to the extractors (`decorate` hook); the class itself is not replaced.
 */
export function applyDecorators(it: Interpreter, node: ClassNode, scope: Scope, module: ModuleContext, owner: Value): void {
  const className = node.id?.name;
  const base = { owner, ...(className !== undefined ? { className } : {}) };
  const decorated: Decorated[] = [];
  for (const member of node.body.body) {
    if (member.type === "StaticBlock" || member.type === "TSIndexSignature" || member.type === "TSDeclareMethod") continue;
    const name = member.key.type === "PrivateName" ? `#${member.key.id.name}` : propertyKey(member.key, "computed" in member && member.computed === true);
    const named = { ...base, ...(name !== undefined ? { member: name } : {}), static: member.static ?? false };
    if (member.type === "ClassMethod" || member.type === "ClassPrivateMethod") {
      member.params.forEach((param, index) => decorated.push({ target: { ...named, kind: "parameter", index, node: param }, decorators: decoratorsOf(param) }));
    }
    if (member.type === "ClassMethod" && member.kind === "constructor") continue;
    const kind = member.type === "ClassMethod" || member.type === "ClassPrivateMethod" ? (member.kind === "method" ? "method" : "accessor") : "property";
    decorated.push({ target: { ...named, kind, node: member }, decorators: decoratorsOf(member) });
  }
  decorated.push({ target: { ...base, kind: "class", static: false, node }, decorators: node.decorators ?? [] });
  for (const { target, decorators } of decorated) {
    const values = decorators.map((decorator) => it.expression(decorator.expression, scope, module));
    for (let index = decorators.length - 1; index >= 0; index--) {
      const decorator = decorators[index];
      const value = values[index];
      if (decorator && value) it.decorate(value, target, decorator, module);
    }
  }
}

/** The decorators written on a member or a parameter (`@Inject() x`, `@Inject() private readonly x`). */
function decoratorsOf(node: Node): readonly Decorator[] {
  return "decorators" in node && Array.isArray(node.decorators) ? node.decorators : [];
}
