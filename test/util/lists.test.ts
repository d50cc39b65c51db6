import { describe, expect, it } from "vitest";
import { firstAtLeast, groupBy, holdersByFile } from "../../src/util/lists.js";

describe("groupBy", () => {
  it("keeps the items of a group in their order, and the groups in the order their keys first come", () => {
    const routes = [
      { unit: "main", path: "/a" },
      { unit: "billing", path: "/b" },
      { unit: "main", path: "/c" },
      { unit: "billing", path: "/d" },
      { unit: "main", path: "/e" },
    ];
    const groups = groupBy(routes, (route) => route.unit);
    expect([...groups.keys()]).toEqual(["main", "billing"]);
    expect(groups.get("main")?.map((route) => route.path)).toEqual(["/a", "/c", "/e"]);
    expect(groups.get("billing")?.map((route) => route.path)).toEqual(["/b", "/d"]);
  });

  it("groups by identity when the key is an object, and gives an empty map for no items", () => {
    const first = { name: "first" };
    const second = { name: "first" };
    const groups = groupBy([first, second, first], (item) => item);
    expect(groups.size).toBe(2);
    expect(groups.get(first)).toEqual([first, first]);
    expect(groupBy([], (item: string) => item).size).toBe(0);
  });

  it("puts every item of a large list once in its group, in order", () => {
    const items = Array.from({ length: 20_000 }, (_, index) => ({ index, unit: index % 7 === 0 ? "other" : "main" }));
    const groups = groupBy(items, (item) => item.unit);
    expect(groups.get("main")?.length).toBe(20_000 - Math.ceil(20_000 / 7));
    expect(groups.get("other")?.every((item) => item.index % 7 === 0)).toBe(true);
    expect((groups.get("main") ?? []).every((item, position, list) => position === 0 || (list[position - 1]?.index ?? -1) < item.index)).toBe(true);
  });
});

describe("holdersByFile", () => {
  it("lists, for each file, the holders carrying it once each, in the holders' order", () => {
    const units = [{ id: "b", files: ["app.js", "b.js", "app.js"] }, { id: "a", files: ["app.js", "a.js"] }, { id: "c", files: [] }];
    const byFile = holdersByFile(units, (unit) => unit.files);
    expect([...byFile].map(([file, holders]) => [file, holders.map((unit) => unit.id)])).toEqual([
      ["app.js", ["b", "a"]],
      ["b.js", ["b"]],
      ["a.js", ["a"]],
    ]);
  });
});

describe("firstAtLeast", () => {
  it("is the index of the first number at or above the value, the length past the last", () => {
    const sorted = [2, 4, 4, 9];
    expect([0, 2, 3, 4, 5, 9, 10].map((value) => firstAtLeast(sorted, value))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect(firstAtLeast([], 1)).toBe(0);
  });
});
