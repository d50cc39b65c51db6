import type { Node } from "@babel/types";
import { rangeOfNode } from "../../util/source-range.js";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { ObjectRef, UNKNOWN, type Value } from "./values.js";

/** What `import config from "./config.json"` (its `default`) and `import * as config` (its properties too, as TypeScript compiles it) see. */
export function jsonNamespace(it: Pick<Interpreter, "ownEntries">, file: string, value: Value): Value {
  const namespace = new ObjectRef("namespace", `${file}:namespace`, undefined);
  if (value.kind === "object") for (const [k, v] of it.ownEntries(value.ref)) namespace.props.set(k, v);
  namespace.props.set("default", value);
  return { kind: "object", ref: namespace };
}

/** What `require` of the module returns: its ES exports, or `module.exports`. */
export function requireValue(module: ModuleContext): Value {
  if (module.esm) return { kind: "object", ref: module.esmExports };
  return module.moduleObject.props.get("exports") ?? UNKNOWN;
}

/**
 * What `import * as ns` of a CommonJS module sees: its exports' properties, and as `default`
 * the exports object itself, or its `default` when it is marked `__esModule` (compiled ESM).
 */
export function namespaceValue(it: Pick<Interpreter, "ownEntries" | "member">, module: ModuleContext, node: Node): Value {
  if (module.esm) return { kind: "object", ref: module.esmExports };
  const exportsValue = requireValue(module);
  const namespace = new ObjectRef("namespace", `${module.file}:namespace`, rangeOfNode(module.file, node));
  if (exportsValue.kind === "object") for (const [k, v] of it.ownEntries(exportsValue.ref)) namespace.props.set(k, v);
  const compiled = exportsValue.kind === "object" && exportsValue.ref.props.has("__esModule");
  namespace.props.set("default", compiled ? it.member(exportsValue, "default") : exportsValue);
  return { kind: "object", ref: namespace };
}

/** What a module exports: its ES exports, or `module.exports` and that object's own properties. */
export function exportedValues(it: Pick<Interpreter, "ownEntries">, module: ModuleContext): [string, Value][] {
  if (module.esm) return [...module.esmExports.props];
  const value = requireValue(module);
  return [["module.exports", value], ...(value.kind === "object" ? it.ownEntries(value.ref) : [])];
}
