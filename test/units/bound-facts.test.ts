import { describe, expect, it } from "vitest";
import type { Annotation } from "../../src/annotations/index.js";
import type { Fact } from "../../src/facts/index.js";
import { factsBoundTo, persistedObjectIds } from "../../src/units/bound-facts.js";
import type { SourceRange } from "../../src/util/source-range.js";

const range = (file: string, start: number, end: number): SourceRange => ({ file, start: { line: 1, column: start, offset: start }, end: { line: 1, column: end, offset: end } });
const kvMap = (id: string, file: string, start: number, end: number): Fact => ({ kind: "kv_map", id, range: range(file, start, end) });
const unbound = (file: string): Annotation => ({ capability: "persist", id: "store", directives: {}, range: range(file, 0, 1), text: "@klotho::persist", topLevel: true });
const persist = (file: string, start: number, end: number): Annotation => ({ ...unbound(file), boundTo: { type: "VariableDeclaration", range: range(file, start, end) } });
const ids = (facts: readonly Fact[]): string[] => facts.map((fact) => ("id" in fact ? fact.id : fact.kind));

describe("the facts an annotation is bound to", () => {
  const facts = [kvMap("a1", "a.js", 0, 5), kvMap("b1", "b.js", 10, 20), kvMap("a2", "a.js", 10, 20), kvMap("a3", "a.js", 15, 30), kvMap("a4", "a.js", 40, 50), kvMap("b2", "b.js", 12, 18)];

  it("are the facts of the same file written within the statement, in the list's order", () => {
    expect(ids(factsBoundTo(persist("a.js", 10, 30), facts))).toEqual(["a2", "a3"]);
    expect(ids(factsBoundTo(persist("b.js", 10, 20), facts))).toEqual(["b1", "b2"]);
    // A fact reaching past the statement's end is not in it, nor a fact of another file at the same offsets.
    expect(ids(factsBoundTo(persist("a.js", 10, 25), facts))).toEqual(["a2"]);
    expect(factsBoundTo(persist("c.js", 0, 100), facts)).toEqual([]);
    expect(factsBoundTo(unbound("a.js"), facts)).toEqual([]);
  });

  it("keep the list's order when it is not by offset, and take the facts starting or ending exactly at the statement's edges", () => {
    const unordered = [kvMap("late", "a.js", 25, 28), kvMap("early", "a.js", 10, 12), kvMap("before", "a.js", 9, 12), kvMap("whole", "a.js", 10, 30), kvMap("empty-end", "a.js", 30, 30), kvMap("after", "a.js", 31, 40)];
    expect(ids(factsBoundTo(persist("a.js", 10, 30), unordered))).toEqual(["late", "early", "whole", "empty-end"]);
    expect(ids(factsBoundTo(persist("a.js", 26, 27), unordered))).toEqual([]);
  });

  it("follow a list that grew after it was first asked about", () => {
    const growing: Fact[] = [kvMap("a1", "a.js", 0, 5)];
    expect(ids(factsBoundTo(persist("a.js", 0, 100), growing))).toEqual(["a1"]);
    growing.push(kvMap("a2", "a.js", 10, 20), kvMap("c1", "c.js", 0, 5));
    expect(ids(factsBoundTo(persist("a.js", 0, 100), growing))).toEqual(["a1", "a2"]);
    expect(ids(factsBoundTo(persist("c.js", 0, 100), growing))).toEqual(["c1"]);
  });

  it("give the ids persist annotations keep, across files", () => {
    const annotations = [persist("a.js", 10, 30), persist("b.js", 11, 19)];
    expect([...persistedObjectIds(annotations, facts)].sort()).toEqual(["a2", "a3", "b2"]);
  });
});
