import type { Interpreter } from "./interpreter.js";
import { UNKNOWN, type ObjectRef, type Value } from "./values.js";

/**
 * `object.property` as the program sees it without library knowledge: a data property, a getter's
 * result, a class's static member, an array item. A value from an import that could not be resolved stays that
 * unresolved value, so `missing.router` still says where it came from.
 */
export function readOwnMember(it: Interpreter, object: Value, property: string): Value {
  if (object.kind === "object") return readProperty(it, object.ref, property, object);
  if (object.kind === "class") return readProperty(it, object.statics, property, object);
  if (object.kind === "array") return /^(0|[1-9]\d*)$/.test(property) ? (object.items[Number(property)] ?? UNKNOWN) : UNKNOWN;
  if (object.kind === "unknown" && object.unresolved !== undefined) return object;
  return UNKNOWN;
}

function readProperty(it: Interpreter, ref: ObjectRef, property: string, self: Value): Value {
  const value = ref.props.get(property);
  if (value) return value;
  const getter = ref.getters.get(property);
  if (!getter) return UNKNOWN;
  const result = it.invoke(getter, [], self);
  it.nameValue(result, property);
  return result;
}

/** An object's own properties, getters evaluated, in definition order (data properties first). */
export function ownEntries(it: Interpreter, ref: ObjectRef): [string, Value][] {
  const self: Value = { kind: "object", ref };
  const entries: [string, Value][] = [...ref.props];
  for (const [key, getter] of ref.getters) entries.push([key, it.invoke(getter, [], self)]);
  return entries;
}
