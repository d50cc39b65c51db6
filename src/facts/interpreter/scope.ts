import type { Value } from "./values.js";

/** A lexical scope: names bound in a module, function or block, with a link to the enclosing one. */
export class Scope {
  private readonly bindings = new Map<string, Value>();

  constructor(readonly parent: Scope | undefined) {}

  /** Declares `name` in this scope. */
  declare(name: string, value: Value): void {
    this.bindings.set(name, value);
  }

  /** The value of `name` here or in an enclosing scope. */
  lookup(name: string): Value | undefined {
    const value = this.bindings.get(name);
    return value !== undefined ? value : this.parent?.lookup(name);
  }

  /** Assigns to the nearest scope that declares `name` (or this one when none does). */
  assign(name: string, value: Value): void {
    const owner = this.declaring(name) ?? this;
    owner.bindings.set(name, value);
  }

  private declaring(name: string): Scope | undefined {
    return this.bindings.has(name) ? this : this.parent?.declaring(name);
  }
}
