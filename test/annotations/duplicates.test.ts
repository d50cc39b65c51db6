import { describe, expect, it } from "vitest";
import { findConflictingUnits, findDuplicateIds } from "../../src/annotations/index.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { annotate, lines, startOf, type Location } from "../helpers/annotate.js";

interface DuplicateSummary {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly file: string | undefined;
  readonly at: Location | undefined;
  readonly related: readonly { readonly message: string; readonly file: string; readonly at: Location }[];
}

function summarize(diagnostic: Diagnostic): DuplicateSummary {
  return {
    code: diagnostic.code,
    severity: diagnostic.severity,
    message: diagnostic.message,
    file: diagnostic.range?.file,
    at: diagnostic.range && startOf(diagnostic.range),
    related: (diagnostic.related ?? []).map((r) => ({ message: r.message, file: r.range.file, at: startOf(r.range) })),
  };
}

interface DuplicateCase {
  readonly name: string;
  /** Files in the order their annotations are handed to `findDuplicateIds`. */
  readonly files: readonly (readonly [path: string, source: string])[];
  readonly expected: readonly DuplicateSummary[];
}

const cache = (indent = ""): string => `${indent}// @klotho::persist { id = "cache" }`;

function duplicate(capability: string, id: string, file: string, at: Location, firstFile: string, firstAt: Location): DuplicateSummary {
  return {
    code: "annotation/duplicate-id",
    severity: "error",
    message: `Duplicate @klotho::${capability} id '${id}': it is also declared at ${firstFile}:${firstAt[0]}:${firstAt[1]}.`,
    file,
    at,
    related: [{ message: "first declared here", file: firstFile, at: firstAt }],
  };
}

const duplicateCases: DuplicateCase[] = [
  {
    name: "the same capability and id in two files: an error on the later file",
    files: [
      ["src/a.js", lines(cache(), "const a = new Map();")],
      ["src/b.js", lines("const x = 1;", cache("  "), "const b = new Map();")],
    ],
    expected: [duplicate("persist", "cache", "src/b.js", [2, 6], "src/a.js", [1, 4])],
  },
  {
    name: "files handed over in reverse order: still the later file by path",
    files: [
      ["src/b.js", lines("const x = 1;", cache("  "), "const b = new Map();")],
      ["src/a.js", lines(cache(), "const a = new Map();")],
    ],
    expected: [duplicate("persist", "cache", "src/b.js", [2, 6], "src/a.js", [1, 4])],
  },
  {
    name: "the same id twice in one file: an error on the second",
    files: [["src/a.js", lines(cache(), "const a = new Map();", `/** @klotho::persist { id = "cache", ttl = 5 } */`, "const b = new Map();")]],
    expected: [duplicate("persist", "cache", "src/a.js", [3, 5], "src/a.js", [1, 4])],
  },
  {
    name: "three times: each repeat points at the first",
    files: [
      ["lib/one.js", lines(`// @klotho::pubsub { id = "events" }`, "exports.a = new EventEmitter();")],
      ["lib/two.js", lines(`// @klotho::pubsub { id = "events" }`, "exports.b = new EventEmitter();")],
      ["lib/three.js", lines(`// @klotho::pubsub { id = "events" }`, "exports.c = new EventEmitter();")],
    ],
    expected: [
      duplicate("pubsub", "events", "lib/three.js", [1, 4], "lib/one.js", [1, 4]),
      duplicate("pubsub", "events", "lib/two.js", [1, 4], "lib/one.js", [1, 4]),
    ],
  },
  {
    name: "the same id under different capabilities is not a duplicate",
    files: [
      ["src/a.js", lines(`// @klotho::persist { id = "main" }`, "const a = new Map();")],
      ["src/b.js", lines(`// @klotho::execution_unit { id = "main" }`, `// @klotho::expose { id = "main", target = "public" }`, "app.listen(3000);")],
    ],
    expected: [],
  },
  {
    name: "several files in one execution unit are not duplicates",
    files: [
      ["src/a.js", lines(`// @klotho::execution_unit { id = "users" }`, "const a = 1;")],
      ["src/b.js", lines(`// @klotho::execution_unit { id = "users" }`, "const b = 1;")],
    ],
    expected: [],
  },
  {
    name: "different ids of one capability are not duplicates",
    files: [
      ["src/a.js", lines(`// @klotho::persist { id = "users" }`, "const a = new Map();")],
      ["src/b.js", lines(`// @klotho::persist { id = "Users" }`, "const b = new Map();")],
    ],
    expected: [],
  },
  {
    name: "annotations without an id are never duplicates",
    files: [
      ["src/a.js", lines(`// @klotho::embed_assets { include = ["public/**"] }`, "const a = 1;")],
      ["src/b.js", lines(`// @klotho::embed_assets { include = ["public/**"] }`, "const b = 1;")],
    ],
    expected: [],
  },
];

describe("duplicate ids", () => {
  it.each(duplicateCases)("$name", ({ files, expected }) => {
    const annotations = files.flatMap(([path, source]) => {
      const result = annotate(path, source);
      expect(result.diagnostics).toEqual([]);
      return result.annotations;
    });
    expect(findDuplicateIds(annotations).map(summarize)).toEqual(expected);
  });
});

describe("execution_unit annotations of one file naming different units", () => {
  const unitsOf = (...files: (readonly [string, string])[]) =>
    findConflictingUnits(files.flatMap(([path, source]) => annotate(path, source).annotations)).map(summarize);

  it("are an error at the later one, pointing at the unit the file belongs to", () => {
    const source = lines(`// @klotho::execution_unit { id = "orders" }`, "const a = 1;", `/* @klotho::execution_unit { id = "billing" } */`, "const b = 2;");
    expect(unitsOf(["src/a.js", source])).toEqual([
      {
        code: "annotation/conflicting-unit",
        severity: "error",
        message: "@klotho::execution_unit 'billing' in a file that already belongs to unit 'orders' (declared at src/a.js:1:4): a file belongs to one execution unit, so 'billing' would never be made. Remove one of the two, or move the code of 'billing' into a file of its own.",
        file: "src/a.js",
        at: [3, 4],
        related: [{ message: "the file's unit is declared here", file: "src/a.js", at: [1, 4] }],
      },
    ]);
  });

  it("are no error when they name the same unit, or when they are in different files", () => {
    expect(unitsOf(["src/a.js", lines(`// @klotho::execution_unit { id = "orders" }`, `// @klotho::execution_unit { id = "orders" }`, "const a = 1;")])).toEqual([]);
    expect(unitsOf(["src/a.js", lines(`// @klotho::execution_unit { id = "orders" }`, "const a = 1;")], ["src/b.js", lines(`// @klotho::execution_unit { id = "billing" }`, "const b = 1;")])).toEqual([]);
  });
});
