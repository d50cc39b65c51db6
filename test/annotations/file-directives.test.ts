import { describe, expect, it } from "vitest";
import { annotate, lines, startOf, summarizeDiagnostic, type DiagnosticSummary } from "../helpers/annotate.js";

interface FileDirectiveCase {
  readonly name: string;
  /** The annotated file's path (globs are relative to its folder). */
  readonly file?: string;
  readonly source: string;
  readonly diagnostics: readonly DiagnosticSummary[];
}

function error(code: string, message: string, at: readonly [number, number], annotationAt: readonly [number, number]): DiagnosticSummary {
  return { code, severity: "error", message, at, annotationAt };
}

const outside = (glob: string, key: string): string =>
  `'${glob}' in ${key} reaches outside the project; globs are relative to the annotated file's folder (or to the project root with a leading '/') and must stay inside the project.`;

const cases: FileDirectiveCase[] = [
  {
    name: "well-formed globs, relative and rooted, in /** */ and in a // run",
    file: "web/site.js",
    source: lines(
      "/**",
      " * @klotho::static_unit {",
      ` *   id = "site/v2"`,
      ` *   index_document = "index.html"`,
      ` *   static_files = ["public/**", "*.html", "../assets/*.png"]`,
      ` *   shared_files = ["/shared/{a,b}.css"]`,
      " * }",
      " */",
      `// @klotho::embed_assets { include = ["data/**/*.json"], exclude = ["data/tmp/**"] }`,
    ),
    diagnostics: [],
  },
  {
    name: "an unclosed bracket points at the glob inside the comment",
    source: lines("/**", " * @klotho::static_unit {", ` *   id = "site"`, ` *   static_files = ["public/**", "img/[ab.png"]`, " * }", " */"),
    diagnostics: [
      error("annotation/invalid-glob", `Invalid glob 'img/[ab.png' in static_files: Missing closing: "]" - use "\\\\]" to match literal characters.`, [4, 35], [2, 4]),
    ],
  },
  {
    name: "an unclosed brace in a one-line embed_assets body",
    source: `// @klotho::embed_assets { include = ["a/*.{json,yaml"] }`,
    diagnostics: [
      error("annotation/invalid-glob", `Invalid glob 'a/*.{json,yaml' in include: Missing closing: "}" - use "\\\\}" to match literal characters.`, [1, 39], [1, 4]),
    ],
  },
  {
    name: "a negated glob",
    source: `// @klotho::embed_assets { include = ["**"], exclude = ['!keep/*'] }`,
    diagnostics: [error("annotation/invalid-glob", "Invalid glob '!keep/*' in exclude: a leading '!' (negation) is not supported.", [1, 57], [1, 4])],
  },
  {
    name: "../ from a file at the project root leaves the project",
    source: lines("/**", " * @klotho::static_unit {", ` *   id = "site"`, ` *   shared_files = ["ok/*", "../other/*.css"]`, " * }", " */"),
    diagnostics: [error("annotation/path-outside-project", outside("../other/*.css", "shared_files"), [4, 30], [2, 4])],
  },
  {
    name: "a rooted glob cannot climb either, and each bad glob is reported",
    file: "src/deep/file.ts",
    source: `// @klotho::embed_assets { include = ["../../x/*", "../../../y/*", "/../z"] }`,
    diagnostics: [
      error("annotation/path-outside-project", outside("../../../y/*", "include"), [1, 52], [1, 4]),
      error("annotation/path-outside-project", outside("/../z", "include"), [1, 68], [1, 4]),
    ],
  },
  {
    name: "an index_document with a folder in it",
    source: lines("// @klotho::static_unit {", `//   id = "site"`, `//   index_document = "public/index.html"`, "// }"),
    diagnostics: [
      error(
        "annotation/invalid-index-document",
        "index_document 'public/index.html' must be a file name such as index.html (it is served for every folder of the site), without '/'.",
        [3, 23],
        [1, 4],
      ),
    ],
  },
  ...["..", "a/../b", "resources.json", "x//y"].map(
    (id): FileDirectiveCase => ({
      name: `a static unit id that cannot name its output folder: ${id}`,
      source: `// @klotho::static_unit { id = "${id}", static_files = ["*.html"] }`,
      diagnostics: [
        error(
          "annotation/invalid-static-id",
          `The static_unit id '${id}' names the folder its files are copied to (compiled/${id}/): use letters, digits and _ . - in '/'-separated names other than '.' and '..', and not the name of a file klotho writes (index.ts, <app>.png, ...).`,
          [1, 32],
          [1, 4],
        ),
      ],
    }),
  ),
  ...["../evil", ".pulumi", "node_modules", "svc/node_modules", "Pulumi.prod.yaml", "package-lock.json", "index.ts"].map(
    (id): FileDirectiveCase => ({
      name: `an execution unit id that cannot name its folder, or would take what the user keeps: ${id}`,
      source: `// @klotho::execution_unit { id = "${id}" }`,
      diagnostics: [
        error(
          "annotation/invalid-unit-id",
          `The execution_unit id '${id}' names the unit's folder (compiled/${id}/): use letters, digits and _ . - in '/'-separated names other than '.' and '..', and not the name of a file klotho writes or keeps (node_modules, .pulumi, Pulumi.<stack>.yaml, <app>.png, ...).`,
          [1, 35],
          [1, 4],
        ),
      ],
    }),
  ),
];

describe("static_unit and embed_assets globs", () => {
  it.each(cases)("$name", ({ file = "site.js", source, diagnostics }) => {
    const result = annotate(file, source);
    expect(result.diagnostics.map(summarizeDiagnostic)).toEqual(diagnostics);
    expect(result.annotations.length).toBe(diagnostics.length === 0 ? source.split("@klotho::").length - 1 : 0);
  });

  it("records where each string of a directive is written", () => {
    const result = annotate("site.js", lines("/**", " * @klotho::static_unit {", ` *   id = 'site'`, ` *   static_files = ["a/*", 'b/*']`, " * }", " */"));
    const ranges = result.annotations[0]?.valueRanges ?? {};
    expect(Object.fromEntries(Object.entries(ranges).map(([key, range]) => [key, [...startOf(range), range.end.column - range.start.column]]))).toEqual({
      id: [3, 11, 6],
      "static_files.0": [4, 22, 5],
      "static_files.1": [4, 29, 5],
    });
  });
});
