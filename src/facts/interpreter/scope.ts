import { withAlternatives, type Value } from "./values.js";

/** A lexical scope: names bound in a module, function or block, with a link to the enclosing one. */
export class Scope {
  private readonly bindings = new Map<string, Value>();
  /** Bindings read through a function each time: ES module imports are live views of the exporter's bindings. */
  private readonly live = new Map<string, () => Value>();

  constructor(readonly parent: Scope | undefined) {}

  /** Declares `name` in this scope. */
  declare(name: string, value: Value): void {
    this.live.delete(name);
    this.bindings.set(name, value);
  }

  /** Declares `name` in this scope as a live binding whose value `read` gives at each lookup. */
  declareLive(name: string, read: () => Value): void {
    this.bindings.delete(name);
    this.live.set(name, read);
  }

  /** The value of `name` here or in an enclosing scope. */
  lookup(name: string): Value | undefined {
    const value = this.bindings.get(name);
    if (value !== undefined) return value;
    const read = this.live.get(name);
    return read ? read() : this.parent?.lookup(name);
  }

  /**
   * Assigns to the nearest scope that declares `name` (or this one when none does). The interpreter
   * does not follow control flow, so a string replacing another keeps it as an alternative
   * (`let t = "a"; if (x) t = "b";`: readers see "b", pubsub sees both).
   */
  assign(name: string, value: Value): void {
    const owner = this.declaring(name) ?? this;
    const before = owner.bindings.get(name);
    owner.live.delete(name);
    const both = value.kind === "string" && before?.kind === "string" && before.value !== value.value;
    owner.bindings.set(name, both ? withAlternatives(value, [before]) : value);
  }

  private declaring(name: string): Scope | undefined {
    return this.bindings.has(name) || this.live.has(name) ? this : this.parent?.declaring(name);
  }
}
