import { describe, expect, it } from "vitest";
import { annotate, lines, startOf, type Location } from "../helpers/annotate.js";

interface KeyRangeCase {
  readonly name: string;
  readonly source: string;
  /** Dotted key path → where the key starts (1-based line and column). */
  readonly expected: Readonly<Record<string, Location>>;
}

const cases: KeyRangeCase[] = [
  {
    name: "keys of a one-line body",
    source: lines(`// @klotho::persist { id = "keys", secret = true }`, `const fs = require("fs/promises");`),
    expected: { id: [1, 23], secret: [1, 36] },
  },
  {
    name: "an [environment_variables] table in a /** */ block",
    source: lines("/**", " * @klotho::persist {", ` *   id = "db"`, " *   [environment_variables]", ` *   DB_URL = "orm.connection_string"`, ` *   "DB_HOST" = "orm.host"`, " * }", " */", "const x = 1;"),
    expected: { id: [3, 6], environment_variables: [4, 6], "environment_variables.DB_URL": [5, 6], "environment_variables.DB_HOST": [6, 6] },
  },
  {
    name: "an inline table",
    source: lines(`// @klotho::persist { id = "c", environment_variables = { HOST = "redis_node.host", PORT = "redis_node.port" } }`, "const x = 1;"),
    expected: { id: [1, 23], environment_variables: [1, 33], "environment_variables.HOST": [1, 59], "environment_variables.PORT": [1, 85] },
  },
  {
    name: "a table in a // block",
    source: lines("// @klotho::persist {", `//   id = "s"`, "//   [environment_variables]", `//   REDIS_HOST = "redis_node.host"`, "// }", "const x = 1;"),
    expected: { id: [2, 6], environment_variables: [3, 6], "environment_variables.REDIS_HOST": [4, 6] },
  },
];

describe("where directive keys are written", () => {
  it.each(cases)("$name", ({ source, expected }) => {
    const result = annotate("a.js", source);
    expect(result.diagnostics).toEqual([]);
    const ranges = result.annotations[0]?.keyRanges ?? {};
    expect(Object.fromEntries(Object.entries(ranges).map(([key, range]) => [key, startOf(range)]))).toEqual(expected);
  });

  it("an annotation without a body has no key ranges", () => {
    const result = annotate("a.js", lines("// @klotho::execution_unit", "const x = 1;"));
    expect(result.annotations[0]?.keyRanges).toBeUndefined();
  });
});
