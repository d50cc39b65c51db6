import type { SourceRange } from "../../util/source-range.js";
import type { Node } from "@babel/types";
import type { Scope } from "./scope.js";

/**
 * An object the program creates: a plain object, a module's exports, or something an extractor
 * recognises (an Express app, a Map, a redis client). Identity is the allocation site.
 */
export class ObjectRef {
  readonly props = new Map<string, Value>();
  /** The first variable or property the object was bound to, for messages. */
  name: string | undefined;

  constructor(
    /** What the object is: `plain`, `exports`, `express.app`, `map`, ... */
    readonly tag: string,
    /** `<file>:<offset>` of the expression that created it. */
    readonly id: string,
    readonly range: SourceRange | undefined,
  ) {}
}

/** A function the program defines, with the scope it closes over. */
export interface FunctionValue {
  readonly node: Node;
  readonly closure: Scope;
  readonly file: string;
  /** `this` for class methods (the class's instance object). */
  readonly thisValue?: Value;
}

/** What an expression evaluates to, as far as static analysis can tell. */
export type Value =
  | { readonly kind: "unknown"; readonly unresolved?: string }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "object"; readonly ref: ObjectRef }
  | { readonly kind: "array"; readonly items: readonly Value[] }
  | { readonly kind: "function"; readonly fn: FunctionValue }
  | { readonly kind: "class"; readonly instance: ObjectRef; readonly constructorFn?: FunctionValue }
  | { readonly kind: "special"; readonly tag: string; readonly data?: Readonly<Record<string, Value>> }
  | { readonly kind: "promise"; readonly value: Value };

/** The value of anything the analysis cannot follow. */
export const UNKNOWN: Value = { kind: "unknown" };

/** A special value (a library module or one of its functions) identified by `tag`. */
export function special(tag: string, data?: Record<string, Value>): Value {
  return data ? { kind: "special", tag, data } : { kind: "special", tag };
}

/** The object behind `value` when it is an object with one of `tags`. */
export function objectWithTag(value: Value, ...tags: string[]): ObjectRef | undefined {
  return value.kind === "object" && tags.includes(value.ref.tag) ? value.ref : undefined;
}

/** True when `value` is the special value `tag`. */
export function isSpecial(value: Value, tag: string): boolean {
  return value.kind === "special" && value.tag === tag;
}

/** The string a value holds, when it is a known string. */
export function stringOf(value: Value): string | undefined {
  return value.kind === "string" ? value.value : undefined;
}
