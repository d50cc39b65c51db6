import type { ClassDeclaration, ClassExpression, Node } from "@babel/types";
import { applyDecorators } from "./decorators.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { propertyKey } from "./patterns.js";
import { Scope } from "./scope.js";
import { INSTANCE_TAG, ObjectRef, setGetter, setProperty, type Value } from "./values.js";

type ClassNode = ClassDeclaration | ClassExpression;

/**
 * A class: one instance object stands for all its instances, one statics object for the class
 * itself. A superclass's instance members and statics are copied in first; its constructor runs
 * on `super(...)`. Field initialisers run with `this` bound to the instance (the class for static
 * ones); methods, getters and the constructor become functions whose `this` is the same. The
 * decorators run last, with the class complete (decorators.ts).
 */
export function evaluateClass(it: Interpreter, node: ClassNode, scope: Scope, module: ModuleContext): Value {
  const superclass = node.superClass ? it.expression(node.superClass, scope, module) : undefined;
  const instance = module.extractor.newObject(`${INSTANCE_TAG}${node.id?.name ?? "anonymous"}`, node);
  instance.name = node.id?.name;
  const statics = new ObjectRef("class", `${module.file}:${node.start ?? 0}:class`, undefined);
  if (superclass?.kind === "class") inherit(instance, superclass.instance, statics, superclass.statics);
  const self: Value = { kind: "object", ref: instance };
  const classScope = new Scope(scope);
  if (superclass) classScope.declare("super", superclass);
  const constructorNode = node.body.body.find((m) => m.type === "ClassMethod" && m.kind === "constructor");
  const constructorValue = constructorNode ? it.makeFunction(constructorNode, classScope, module, self) : undefined;
  const constructorFn = constructorValue?.kind === "function" ? constructorValue.fn : undefined;
  const value: Value = constructorFn ? { kind: "class", instance, statics, constructorFn } : { kind: "class", instance, statics };
  if (node.id) classScope.declare(node.id.name, value);
  const parts: ClassParts = { instance, statics, self, classValue: value };
  defineMethods(it, node, classScope, module, parts);
  defineFields(it, node, classScope, module, parts);
  applyDecorators(it, node, classScope, module, value);
  return value;
}

interface ClassParts {
  readonly instance: ObjectRef;
  readonly statics: ObjectRef;
  /** `this` in instance members. */
  readonly self: Value;
  /** `this` in static members: the class. */
  readonly classValue: Value;
}

function inherit(instance: ObjectRef, parentInstance: ObjectRef, statics: ObjectRef, parentStatics: ObjectRef): void {
  for (const [key, value] of parentInstance.props) instance.props.set(key, value);
  for (const [key, getter] of parentInstance.getters) instance.putGetter(key, getter);
  for (const [key, value] of parentStatics.props) statics.props.set(key, value);
  for (const [key, getter] of parentStatics.getters) statics.putGetter(key, getter);
}

/** Methods and getters onto the instance, or onto the statics for static ones (setters are not modelled). */
function defineMethods(it: Interpreter, node: ClassNode, scope: Scope, module: ModuleContext, parts: ClassParts): void {
  for (const member of node.body.body) {
    if ((member.type !== "ClassMethod" && member.type !== "ClassPrivateMethod") || member.kind === "constructor") continue;
    const fn = it.makeFunction(member, scope, module, member.static ? parts.classValue : parts.self);
    const key = memberKey(member);
    if (fn.kind !== "function" || key === undefined || member.kind === "set") continue;
    const target = member.static ? parts.statics : parts.instance;
    if (member.kind === "get") setGetter(target, key, fn.fn);
    else setProperty(target, key, fn);
  }
}

/** Field initialisers, in order; static blocks run with `this` the class. */
function defineFields(it: Interpreter, node: ClassNode, scope: Scope, module: ModuleContext, parts: ClassParts): void {
  const instanceScope = new Scope(scope);
  instanceScope.declare("this", parts.self);
  const staticScope = new Scope(scope);
  staticScope.declare("this", parts.classValue);
  for (const member of node.body.body) {
    if (member.type === "StaticBlock") {
      it.statements(member.body, new Scope(staticScope), module);
      continue;
    }
    if (member.type !== "ClassProperty" && member.type !== "ClassPrivateProperty" && member.type !== "ClassAccessorProperty") continue;
    if (!member.value) continue;
    const key = memberKey(member);
    const value = it.expression(member.value, member.static ? staticScope : instanceScope, module);
    if (key === undefined) continue;
    setProperty(member.static ? parts.statics : parts.instance, key, value);
    it.nameValue(value, key);
  }
}

function memberKey(member: Node & { key: Node; computed?: boolean }): string | undefined {
  return member.key.type === "PrivateName" ? `#${member.key.id.name}` : propertyKey(member.key, member.computed ?? false);
}
