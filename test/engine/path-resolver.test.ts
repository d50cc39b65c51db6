import { JSONPath } from "jsonpath-plus";
import { describe, expect, it } from "vitest";
import { resolvePath } from "../../src/engine/path-resolver.js";

// The values rules read paths of: annotations, bound facts, uses; with the awkward cases JSONPath has answers for.
const values: Record<string, object> = {
  annotation: { capability: "persist", id: "store", environment: { kind: "redis", count: 0, on: false, none: null } },
  bound: { listen: 2, routes: [], static_files: [1, 2], nested: { list: [[1]], empty: "" } },
  array: [10, 20, 30],
  inherited: Object.create({ inheritedKey: "from the prototype" }) as object,
  explicitUndefined: { gone: undefined },
};
const paths = [
  "$",
  "$.capability",
  "$.environment",
  "$.environment.kind",
  "$.environment.count",
  "$.environment.on",
  "$.environment.none",
  "$.environment.none.deeper",
  "$.environment.kind.length",
  "$.listen",
  "$.listen.toFixed",
  "$.routes",
  "$.routes.length",
  "$.static_files.length",
  "$.nested.list",
  "$.nested.empty",
  "$.missing",
  "$.missing.deeper",
  "$.length",
  "$.toString",
  "$.constructor",
  "$.__proto__",
  "$.hasOwnProperty",
  "$.inheritedKey",
  "$.gone",
  // Not dotted: JSONPath answers these itself.
  "$.static_files[0]",
  "$.environment['kind']",
  "$..kind",
  "$.static_files[*]",
  "$[0]",
];

describe("resolvePath", () => {
  for (const [name, value] of Object.entries(values)) {
    it(`reads every path of ${name} as json-rules-engine's JSONPath resolver does`, () => {
      for (const path of paths) expect(resolvePath(value, path), path).toStrictEqual(JSONPath({ path, json: value, wrap: false }));
    });
  }

  it("returns what the fact holds at a dotted path, the same value, not a copy", () => {
    const fact = { environment: { kind: "redis" } };
    expect(resolvePath(fact, "$.environment.kind")).toBe("redis");
    // The same array, not a copy: conditions compare what the fact holds.
    const routes = [{ path: "/" }];
    expect(resolvePath({ routes }, "$.routes")).toBe(routes);
  });
});
