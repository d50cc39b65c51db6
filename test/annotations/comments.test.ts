import { describe, expect, it } from "vitest";
import { annotate, lines, summarizeAnnotation, type AnnotationSummary } from "../helpers/annotate.js";

interface CommentCase {
  readonly name: string;
  readonly source: string;
  readonly expected: readonly AnnotationSummary[];
}

const commentCases: CommentCase[] = [
  {
    name: "one // line comment",
    source: lines(`// @klotho::persist { id = "cache" }`, "const cache = new Map();"),
    expected: [
      { capability: "persist", id: "cache", directives: { id: "cache" }, at: [1, 4], boundTo: ["VariableDeclaration", 2], topLevel: true },
    ],
  },
  {
    name: "text before the marker on the same line",
    source: lines(`// Cache: @klotho::persist { id = "cache" }`, "const cache = new Map();"),
    expected: [
      { capability: "persist", id: "cache", directives: { id: "cache" }, at: [1, 11], boundTo: ["VariableDeclaration", 2], topLevel: true },
    ],
  },
  {
    name: "multi-line body in /** */ with ' * ' margins",
    source: lines("/**", " * @klotho::persist {", ` *   id = "cache"`, " *   ttl = 60", " * }", " */", "const cache = new Map();"),
    expected: [
      {
        capability: "persist",
        id: "cache",
        directives: { id: "cache", ttl: 60 },
        at: [2, 4],
        boundTo: ["VariableDeclaration", 7],
        topLevel: true,
      },
    ],
  },
  {
    name: "multi-line body in /* */ without margins",
    source: lines("/*", "  @klotho::persist {", `    id = "cache"`, "    ttl = 60", "  }", "*/", "const cache = new Map();"),
    expected: [
      {
        capability: "persist",
        id: "cache",
        directives: { id: "cache", ttl: 60 },
        at: [2, 3],
        boundTo: ["VariableDeclaration", 7],
        topLevel: true,
      },
    ],
  },
  {
    name: "one-line /** */",
    source: lines(`/** @klotho::persist { id = "cache" } */`, "const cache = new Map();"),
    expected: [
      { capability: "persist", id: "cache", directives: { id: "cache" }, at: [1, 5], boundTo: ["VariableDeclaration", 2], topLevel: true },
    ],
  },
  {
    name: "a run of // lines merged into one block",
    source: lines("// @klotho::expose {", `//   id = "api"`, `//   target = "public"`, "// }", "app.listen(3000);"),
    expected: [
      {
        capability: "expose",
        id: "api",
        directives: { id: "api", target: "public" },
        at: [1, 4],
        boundTo: ["ExpressionStatement", 5],
        topLevel: true,
      },
    ],
  },
  {
    name: "a // run with prose above the annotation",
    source: lines("// Every user, by id.", "// @klotho::persist {", `//   id = "users"`, "// }", "const users = new Map();"),
    expected: [
      { capability: "persist", id: "users", directives: { id: "users" }, at: [2, 4], boundTo: ["VariableDeclaration", 5], topLevel: true },
    ],
  },
  {
    name: "an indented // run",
    source: lines("if (main) {", "    // @klotho::expose {", `    //   id = "api", target = "public"`, "    // }", "    app.listen(3000);", "}"),
    expected: [
      {
        capability: "expose",
        id: "api",
        directives: { id: "api", target: "public" },
        at: [2, 8],
        boundTo: ["ExpressionStatement", 5],
        topLevel: false,
      },
    ],
  },
  {
    name: "a block comment followed by a line comment, both annotated",
    source: lines(`/** @klotho::execution_unit { id = "main" } */`, `// @klotho::expose { id = "api", target = "public" }`, "app.listen(3000);"),
    expected: [
      { capability: "execution_unit", id: "main", directives: { id: "main" }, at: [1, 5], boundTo: ["ExpressionStatement", 3], topLevel: true },
      {
        capability: "expose",
        id: "api",
        directives: { id: "api", target: "public" },
        at: [2, 4],
        boundTo: ["ExpressionStatement", 3],
        topLevel: true,
      },
    ],
  },
  {
    name: "a JSDoc block followed by an annotated line comment",
    source: lines("/** The HTTP server. */", `// @klotho::expose { id = "api", target = "public" }`, "app.listen(3000);"),
    expected: [
      {
        capability: "expose",
        id: "api",
        directives: { id: "api", target: "public" },
        at: [2, 4],
        boundTo: ["ExpressionStatement", 3],
        topLevel: true,
      },
    ],
  },
  {
    name: "JSDoc tags with braces around the annotation",
    source: lines("/**", " * Every user, by id.", ` * @klotho::persist { id = "users" }`, " * @type {Map<string, User>}", " */", "const users = new Map();"),
    expected: [
      { capability: "persist", id: "users", directives: { id: "users" }, at: [3, 4], boundTo: ["VariableDeclaration", 6], topLevel: true },
    ],
  },
  {
    name: "text after the closing brace is ignored",
    source: lines(`// @klotho::expose { id = "api", target = "public" } serves /users and /orders`, "app.listen(3000);"),
    expected: [
      {
        capability: "expose",
        id: "api",
        directives: { id: "api", target: "public" },
        at: [1, 4],
        boundTo: ["ExpressionStatement", 2],
        topLevel: true,
      },
    ],
  },
  {
    name: "a stray } after the body is ignored",
    source: lines(`// @klotho::persist { id = "cache" } }`, "const cache = new Map();"),
    expected: [
      { capability: "persist", id: "cache", directives: { id: "cache" }, at: [1, 4], boundTo: ["VariableDeclaration", 2], topLevel: true },
    ],
  },
  {
    name: "two annotations in one line comment",
    source: lines(`// @klotho::persist { id = "a" } @klotho::pubsub { id = "b" }`, "export const events = new Map();"),
    expected: [
      { capability: "persist", id: "a", directives: { id: "a" }, at: [1, 4], boundTo: ["ExportNamedDeclaration", 2], topLevel: true },
      { capability: "pubsub", id: "b", directives: { id: "b" }, at: [1, 34], boundTo: ["ExportNamedDeclaration", 2], topLevel: true },
    ],
  },
  {
    name: "two annotations on separate lines of one /** */",
    source: lines("/**", ` * @klotho::execution_unit { id = "main" }`, ` * @klotho::embed_assets { include = ["public/**"] }`, " */", "const app = express();"),
    expected: [
      { capability: "execution_unit", id: "main", directives: { id: "main" }, at: [2, 4], boundTo: ["VariableDeclaration", 5], topLevel: true },
      { capability: "embed_assets", directives: { include: ["public/**"] }, at: [3, 4], boundTo: ["VariableDeclaration", 5], topLevel: true },
    ],
  },
  {
    name: "a marker inside a body string is not a second annotation",
    source: lines(`// @klotho::embed_assets { include = ["@klotho::persist { id = 1 }"] }`, "const app = express();"),
    expected: [
      {
        capability: "embed_assets",
        directives: { include: ["@klotho::persist { id = 1 }"] },
        at: [1, 4],
        boundTo: ["VariableDeclaration", 2],
        topLevel: true,
      },
    ],
  },
  {
    name: "CRLF line ends in a /** */ body",
    source: ["/**", " * @klotho::persist {", ` *   id = "cache"`, " *   ttl = 60", " * }", " */", "const cache = new Map();"].join("\r\n"),
    expected: [
      {
        capability: "persist",
        id: "cache",
        directives: { id: "cache", ttl: 60 },
        at: [2, 4],
        boundTo: ["VariableDeclaration", 7],
        topLevel: true,
      },
    ],
  },
  {
    name: "CRLF line ends in a // run",
    source: ["// @klotho::expose {", `//   id = "api"`, `//   target = "public"`, "// }", "app.listen(3000);"].join("\r\n"),
    expected: [
      {
        capability: "expose",
        id: "api",
        directives: { id: "api", target: "public" },
        at: [1, 4],
        boundTo: ["ExpressionStatement", 5],
        topLevel: true,
      },
    ],
  },
  {
    name: "a marker in a string literal is not an annotation",
    source: lines(`const note = "// @klotho::persist { id = 1 }";`),
    expected: [],
  },
  {
    name: "a marker in a template literal is not an annotation",
    source: lines("const note = `/* @klotho::thing */`;"),
    expected: [],
  },
];

describe("annotations in comments", () => {
  it.each(commentCases)("$name", ({ source, expected }) => {
    const result = annotate("src/app.js", source);
    expect(result.diagnostics).toEqual([]);
    expect(result.annotations.map(summarizeAnnotation)).toEqual(expected);
  });
});

interface TextCase {
  readonly name: string;
  readonly source: string;
  readonly text: string;
  /** Where the annotation ends: 1-based line and the 1-based column just after its last character. */
  readonly end: readonly [number, number];
}

const textCases: TextCase[] = [
  {
    name: "a // run",
    source: lines("// @klotho::expose {", `//   id = "api"`, `//   target = "public"`, "// } and more", "app.listen(3000);"),
    text: `@klotho::expose {\n   id = "api"\n   target = "public"\n }`,
    end: [4, 5],
  },
  {
    name: "a /** */ block with margins",
    source: lines("/**", " * @klotho::persist {", ` *   id = "cache"`, " * }", " */", "const cache = new Map();"),
    text: `@klotho::persist {\n  id = "cache"\n}`,
    end: [4, 5],
  },
  {
    name: "a /* */ block without margins",
    source: lines("/*", "  @klotho::persist {", `    id = "cache"`, "  }", "*/", "const cache = new Map();"),
    text: `@klotho::persist {\n    id = "cache"\n  }`,
    end: [4, 4],
  },
];

describe("annotation text and extent", () => {
  it.each(textCases)("$name: comment markers and margins are removed", ({ source, text, end }) => {
    const result = annotate("src/app.js", source);
    expect(result.diagnostics).toEqual([]);
    const [annotation] = result.annotations;
    expect(annotation?.text).toBe(text);
    expect(annotation && [annotation.range.end.line, annotation.range.end.column + 1]).toEqual(end);
  });
});
