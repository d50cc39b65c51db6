import type { ClassDeclaration, ClassExpression } from "@babel/types";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { propertyKey } from "./patterns.js";
import { Scope } from "./scope.js";
import type { FunctionValue, Value } from "./values.js";

/**
 * A class: one instance object stands for all its instances. Field initialisers run with `this`
 * bound to it; methods and the constructor become functions whose `this` is it.
 */
export function evaluateClass(it: Interpreter, node: ClassDeclaration | ClassExpression, scope: Scope, module: ModuleContext): Value {
  const instance = module.extractor.newObject(`instance:${node.id?.name ?? "anonymous"}`, node);
  instance.name = node.id?.name;
  const self: Value = { kind: "object", ref: instance };
  const classScope = new Scope(scope);
  classScope.declare("this", self);
  let constructorFn: FunctionValue | undefined;
  for (const member of node.body.body) {
    if (member.type === "ClassMethod" || member.type === "ClassPrivateMethod") {
      const fn = it.makeFunction(member, scope, module, self);
      if (member.kind === "constructor" && fn.kind === "function") constructorFn = fn.fn;
      const key = propertyKey(member.key, member.computed ?? false);
      if (key !== undefined && member.kind !== "constructor" && !member.static) instance.props.set(key, fn);
    } else if ((member.type === "ClassProperty" || member.type === "ClassPrivateProperty") && member.value && !member.static) {
      const key = member.type === "ClassPrivateProperty" ? `#${member.key.id.name}` : propertyKey(member.key, member.computed);
      const value = it.expression(member.value, classScope, module);
      if (key !== undefined) {
        instance.props.set(key, value);
        it.nameValue(value, key);
      }
    }
  }
  return constructorFn ? { kind: "class", instance, constructorFn } : { kind: "class", instance };
}
