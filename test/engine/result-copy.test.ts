import { createRequire } from "node:module";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { Rule } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import copyResult from "../../src/engine/result-copy.js";
import { readInputs } from "../../src/load/inputs.js";

// The package json-rules-engine requires, which the build replaces by copyResult (scripts/build/bundle.mjs).
const clone = createRequire(import.meta.url)("clone") as <T>(value: T) => T;

const ROOT = path.join(import.meta.dirname, "..", "..");

/** The built-in rules and the example policies, as json-rules-engine holds them (conditions as `Condition` trees). */
/** json-rules-engine's `Condition`, which its typings leave out. */
interface EngineCondition {
  isBooleanOperator(): boolean;
  toJSON(stringify: false): unknown;
}

function conditionsOf(rule: Rule): EngineCondition {
  return rule.conditions as unknown as EngineCondition;
}

function engineRules(): Rule[] {
  const read = readInputs({ path: path.join(ROOT, "examples", "policies"), app: "policies", provider: "aws", rules: [] }, ROOT, { writes: false });
  if (!read.inputs) throw new Error(read.diagnostics.map((d) => d.message).join("\n"));
  return read.inputs.ruleSet.rules.map((rule) => new Rule({ name: rule.id, priority: rule.priority + 1001, conditions: rule.conditions, event: { type: rule.event.type, params: rule.event.params } }));
}

/** Copies `value` both ways and says whether the copies are alike: same prototypes, own properties and symbols, and the same sharing of objects. */
function bothCopies<T>(value: T): { ours: T; theirs: T } {
  const ours = copyResult(value);
  const theirs = clone(value);
  expect(isDeepStrictEqual(ours, theirs)).toBe(true);
  return { ours, theirs };
}

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  get length(): number {
    return Math.hypot(this.x, this.y);
  }
}

describe("the copy of each evaluated rule (json-rules-engine's RuleResult)", () => {
  it("is the copy `clone` makes of every built-in and example rule's conditions and event", () => {
    const rules = engineRules();
    expect(rules.length).toBeGreaterThan(30);
    for (const rule of rules) {
      const conditions = conditionsOf(rule);
      const { ours } = bothCopies(conditions);
      // The event as json-rules-engine 7 gives it to RuleResult (its typings call the property deprecated).
      bothCopies((rule as unknown as { ruleEvent: unknown }).ruleEvent);
      // A tree of its own: json-rules-engine writes each condition's outcome on the copy.
      expect(ours).not.toBe(conditions);
      expect(Object.getPrototypeOf(ours)).toBe(Object.getPrototypeOf(conditions));
      expect(ours.isBooleanOperator()).toBe(conditions.isBooleanOperator());
    }
  });

  it("leaves the original alone when the copy is written to", () => {
    const [rule] = engineRules();
    if (!rule) throw new Error("no rule");
    const before = JSON.stringify(conditionsOf(rule).toJSON(false));
    const copy = copyResult(conditionsOf(rule)) as unknown as { result?: boolean; all?: { result?: boolean }[] };
    copy.result = true;
    for (const condition of copy.all ?? []) condition.result = false;
    expect(JSON.stringify(conditionsOf(rule).toJSON(false))).toBe(before);
  });

  it("copies class instances, arrays with holes, null prototypes and values shared or in a cycle as `clone` does", () => {
    const shared = { n: 1 };
    const cycle: Record<string, unknown> = { name: "loop" };
    cycle["self"] = cycle;
    const nullPrototype = Object.assign(Object.create(null) as Record<string, unknown>, { a: [1, 2] });
    const holes = [1, , 3];
    const { ours } = bothCopies({ point: new Point(3, 4), shared: [shared, shared], cycle, nullPrototype, holes, nested: { deep: { deeper: ["x", { y: null }] } } });
    expect(ours.point).toBeInstanceOf(Point);
    expect(ours.point.length).toBe(5);
    expect(ours.shared[0]).toBe(ours.shared[1]);
    expect(ours.shared[0]).not.toBe(shared);
    expect(ours.cycle["self"]).toBe(ours.cycle);
    expect(1 in ours.holes).toBe(false);
  });

  it("copies enumerable inherited properties and symbols, and leaves out keys the prototype defines without a setter", () => {
    const visible = Symbol("visible");
    const hidden = Symbol("hidden");
    // One enumerable property on the prototype, one on the prototype's prototype.
    const grandparent = { inherited: { kept: true } };
    const parent = Object.assign(Object.create(grandparent) as Record<string, unknown>, { shadowed: { read: "through the prototype" } });
    const child = Object.create(parent) as Record<PropertyKey, unknown>;
    child["own"] = 1;
    child[visible] = { v: 1 };
    Object.defineProperty(child, hidden, { value: 2, enumerable: false });
    const ours = copyResult(child);
    const theirs = clone(child);
    expect(Object.getPrototypeOf(ours)).toBe(parent);
    // `for...in` finds both: the prototype's own is left out (the copy reads it through the prototype it shares),
    // the one further up is copied onto the object itself.
    expect(Object.keys(ours)).toEqual(["own", "inherited"]);
    expect(Object.keys(theirs)).toEqual(["own", "inherited"]);
    expect(ours["inherited"]).toEqual({ kept: true });
    expect(ours["inherited"]).not.toBe(grandparent.inherited);
    expect(ours["shadowed"]).toBe(parent["shadowed"]);
    expect(ours[visible]).toEqual(theirs[visible]);
    expect(Object.getOwnPropertySymbols(ours)).toEqual(Object.getOwnPropertySymbols(theirs));

    // A plain object's key that Object.prototype defines (a data property: no setter) is left out by both.
    const plain = JSON.parse('{ "constructor": 1, "toString": 2, "kept": 3 }') as Record<string, number>;
    expect(copyResult(plain)).toEqual(clone(plain));
    expect(Object.keys(copyResult(plain))).toEqual(["kept"]);

    // An own property shadowing an accessor of the prototype: copied when it has a setter, left out when it has not.
    // (An assignment to the copy goes through the prototype's setter, for both.)
    class Accessors {
      stored = 0;
      get readOnly(): number {
        return 1;
      }
      get readWrite(): number {
        return this.stored;
      }
      set readWrite(value: number) {
        this.stored = value * 10;
      }
    }
    const instance = new Accessors();
    Object.defineProperty(instance, "readOnly", { value: 7, enumerable: true });
    Object.defineProperty(instance, "readWrite", { value: 8, enumerable: true });
    const accessors = { ours: copyResult(instance), theirs: clone(instance) };
    expect(Object.keys(accessors.ours)).toEqual(Object.keys(accessors.theirs));
    expect([accessors.ours.readOnly, accessors.ours.readWrite, accessors.ours.stored]).toEqual([1, 80, 80]);
    expect([accessors.theirs.readOnly, accessors.theirs.readWrite, accessors.theirs.stored]).toEqual([1, 80, 80]);
  });

  it("copies maps, sets, dates, regular expressions, buffers and errors as `clone` does", async () => {
    const key = { k: 1 };
    const pattern = /a+b/g;
    pattern.lastIndex = 2;
    const error = new TypeError("bad");
    const { ours } = bothCopies({ map: new Map<unknown, unknown>([[key, { v: [1] }]]), set: new Set([key, 2]), date: new Date(86_400_000), pattern, bytes: Buffer.from("abc"), error });
    const [mapKey, mapValue] = [...ours.map][0] ?? [];
    expect(mapKey).not.toBe(key);
    expect(mapValue).toEqual({ v: [1] });
    expect([...ours.set][0]).toBe(mapKey);
    expect(ours.date.getTime()).toBe(86_400_000);
    expect(ours.pattern.lastIndex).toBe(2);
    expect(ours.pattern.test("xaab")).toBe(true);
    expect(ours.bytes.toString()).toBe("abc");
    expect(ours.bytes).not.toBe(Buffer.from("abc"));
    expect(ours.error.message).toBe("bad");
    expect(ours.error).toBeInstanceOf(TypeError);
    // A promise's copy settles with a copy of what the original settles with.
    const settled = { done: true };
    const copied = copyResult(Promise.resolve(settled));
    await expect(copied).resolves.toEqual(settled);
    expect(await copied).not.toBe(settled);
  });

  it("returns primitives and functions as they are", () => {
    const fn = (): number => 1;
    for (const value of [1, "a", true, null, undefined, 10n, fn]) expect(copyResult(value)).toBe(clone(value));
  });
});
