import type { SourceRange } from "../../util/source-range.js";
import type { Node } from "@babel/types";
import type { Scope } from "./scope.js";

/**
 * An object the program creates: a plain object, a module's exports, or something an extractor
 * recognises (an Express app, a Map, a redis client). Identity is the allocation site.
 */
export class ObjectRef {
  readonly props = new Map<string, Value>();
  // Made on the first accessor (setGetter): most objects have none, and the interpreter makes one for every object literal.
  #getters: Map<string, FunctionValue> | undefined;
  /** The first variable or property the object was bound to, for messages. */
  name: string | undefined;

  constructor(
    /** What the object is: `plain`, `exports`, `express.app`, `map`, ... */
    readonly tag: string,
    /** `<file>:<offset>` of the expression that created it. */
    readonly id: string,
    readonly range: SourceRange | undefined,
  ) {}

  /** Accessor properties (`get x() {}`, `Object.defineProperty(o, "x", { get })`), run when read; set with setGetter. */
  get getters(): ReadonlyMap<string, FunctionValue> {
    return this.#getters ?? NO_GETTERS;
  }

  /** Adds or replaces an accessor property (only setGetter and setProperty change them, keeping props and getters apart). */
  putGetter(key: string, getter: FunctionValue): void {
    (this.#getters ??= new Map()).set(key, getter);
  }

  /** Removes an accessor property. */
  dropGetter(key: string): void {
    this.#getters?.delete(key);
  }
}

const NO_GETTERS: ReadonlyMap<string, FunctionValue> = new Map();

/** The start of the tag of the object standing for a class's instances (`instance:AuthGuard`). */
export const INSTANCE_TAG = "instance:";

/** True when `ref` stands for the instances of a class of the program (what `new AuthGuard()` gives). */
export function isClassInstance(ref: ObjectRef): boolean {
  return ref.tag.startsWith(INSTANCE_TAG);
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
  | { readonly kind: "class"; readonly instance: ObjectRef; readonly statics: ObjectRef; readonly constructorFn?: FunctionValue }
  | { readonly kind: "special"; readonly tag: string; readonly data?: Readonly<Record<string, Value>> }
  | { readonly kind: "promise"; readonly value: Value };

/** The value of anything the analysis cannot follow. */
export const UNKNOWN: Value = { kind: "unknown" };

/** The member `for...of` and spreads read to start iterating (the spec's name for `Symbol.iterator`). */
export const ITERATOR_KEY = "@@iterator";

/**
 * Of two values an expression or a function may give (`a || b`, `c ? a : b`, two `return`s): the first
 * when it is known, else the second; of two plain unknown values one an extractor may know by identity
 * (what a Map's `get` returns, a promise once it is persisted) rather than {@link UNKNOWN} itself
 * (`return null`), the first of two such.
 */
export function eitherValue(first: Value, second: Value): Value {
  if (first.kind !== "unknown") return first;
  const bothPlain = second.kind === "unknown" && second.unresolved === undefined && first.unresolved === undefined;
  return bothPlain && first !== UNKNOWN ? first : second;
}

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

/** Sets a data property, replacing an accessor of the same name. */
export function setProperty(ref: ObjectRef, key: string, value: Value): void {
  ref.dropGetter(key);
  ref.props.set(key, value);
}

/** Sets an accessor property, replacing a data property of the same name. */
export function setGetter(ref: ObjectRef, key: string, getter: FunctionValue): void {
  ref.props.delete(key);
  ref.putGetter(key, getter);
}

/** The string a value holds, when it is a known string. */
export function stringOf(value: Value): string | undefined {
  return value.kind === "string" ? value.value : undefined;
}

/**
 * The other strings a string value may be, by value object: `c ? "a" : "b"` is "a" for every reader
 * (the first known branch), with "b" beside it; `x || "b"` with `x` unknown is "b", with the unknown.
 * Readers that must know every name (pubsub topics) ask alternativesOf; the rest see one value.
 */
const alternatives = new WeakMap<Value, readonly Value[]>();

/** A fresh string value equal to `chosen` that may also be any of `others`. */
export function withAlternatives(chosen: Value & { kind: "string" }, others: readonly Value[]): Value {
  const value: Value = { kind: "string", value: chosen.value };
  alternatives.set(value, [chosen, ...others]);
  return value;
}

/**
 * A string that may be another when the app runs: one of its alternatives is unknown (`process.env.BASE || "/v1"`),
 * or it is made of such a string (`${BASE}/users`, `BASE + "/users"`).
 */
export function mayDiffer(value: Value): boolean {
  return alternativesOf(value).some((alternative) => alternative.kind === "unknown");
}

/** `value` (a string made of `parts`), marked as one that may be another when the app runs when a part may. */
export function madeOf(value: Value & { kind: "string" }, parts: readonly Value[]): Value {
  return parts.some(mayDiffer) ? withAlternatives(value, [UNKNOWN]) : value;
}

/** Every value `value` may be: its alternatives, flattened (nested conditionals), or itself. */
export function alternativesOf(value: Value): Value[] {
  const more = alternatives.get(value);
  return more ? more.flatMap(alternativesOf) : [value];
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;

/** A number naming `object` for as long as it lives, for keys built from object identities. */
export function identityOf(object: object): number {
  let id = identities.get(object);
  if (id === undefined) identities.set(object, (id = nextIdentity++));
  return id;
}

/** A string equal for two values exactly when the analysis cannot tell them apart: strings by content, objects by identity. */
export function valueKey(value: Value): string {
  switch (value.kind) {
    case "string":
      return `s:${JSON.stringify(value.value)}`;
    case "object":
      return `o:${identityOf(value.ref)}`;
    case "function":
      return `f:${identityOf(value.fn)}`;
    case "class":
      return `c:${identityOf(value.instance)}`;
    case "special":
      return value.data ? `x:${identityOf(value)}` : `x:${value.tag}`;
    case "promise":
      return `p:${valueKey(value.value)}`;
    case "array":
      return `a:[${value.items.map(valueKey).join(",")}]`;
    case "unknown":
      return value.unresolved === undefined ? "?" : `u:${JSON.stringify(value.unresolved)}`;
  }
}

/** The distinct values of `items` (by {@link valueKey}), at most `limit` of them, in order. */
export function distinctValues(items: readonly Value[], limit: number): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const item of items) {
    const key = valueKey(item);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
