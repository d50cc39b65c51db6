import { describe, expect, it } from "vitest";
import { annotate, lines, summarizeAnnotation, type AnnotationSummary } from "../helpers/annotate.js";

interface OneLineCase {
  readonly name: string;
  readonly capability: string;
  /** The body as written after `// @klotho::<capability> `. */
  readonly body: string;
  readonly directives: Readonly<Record<string, unknown>>;
}

const ID_64 = "a".repeat(64);

/** Each body is written as `// @klotho::<capability> <body>` on line 1, above `const target = ...;` on line 2. */
const oneLineCases: OneLineCase[] = [
  { name: "comma-separated keys", capability: "expose", body: `{ id = "api", target = "public" }`, directives: { id: "api", target: "public" } },
  { name: "space-separated keys", capability: "expose", body: `{ id = "api" target = "public" }`, directives: { id: "api", target: "public" } },
  {
    name: "commas and spaces mixed",
    capability: "expose",
    body: `{ id = "api", target = "public" api_type = "HTTP" }`,
    directives: { id: "api", target: "public", api_type: "HTTP" },
  },
  { name: "a trailing comma", capability: "expose", body: `{ id = "api", target = "public", }`, directives: { id: "api", target: "public" } },
  { name: "a space before the comma", capability: "expose", body: `{ id = "api" , target = "public" }`, directives: { id: "api", target: "public" } },
  { name: "no spaces at all", capability: "expose", body: `{id="api",target="public"}`, directives: { id: "api", target: "public" } },
  { name: "keys separated by a tab", capability: "expose", body: `{ id = "api"\ttarget = "public" }`, directives: { id: "api", target: "public" } },
  { name: "keys separated by several spaces", capability: "expose", body: `{ id = "api"   target = "public" }`, directives: { id: "api", target: "public" } },
  { name: "quoted keys", capability: "expose", body: `{ "id" = "api", 'target' = "public" }`, directives: { id: "api", target: "public" } },
  { name: "literal strings", capability: "expose", body: `{ id = 'api', target = 'public' }`, directives: { id: "api", target: "public" } },
  { name: "an id of every allowed character", capability: "pubsub", body: `{ id = "Az09_.:/-" }`, directives: { id: "Az09_.:/-" } },
  { name: "an id of 64 characters", capability: "pubsub", body: `{ id = "${ID_64}" }`, directives: { id: ID_64 } },
  {
    name: "basic strings with escapes",
    capability: "embed_assets",
    body: String.raw`{ include = ["say \"hi\".txt", "tab\there"] }`,
    directives: { include: ['say "hi".txt', "tab\there"] },
  },
  {
    name: "literal strings keep backslashes",
    capability: "embed_assets",
    body: String.raw`{ include = ['assets\*.png'] }`,
    directives: { include: [String.raw`assets\*.png`] },
  },
  {
    name: "strings holding , = } ] # and quotes",
    capability: "embed_assets",
    body: `{ include = ["a,b/**", "c = d", "e}f", "g]h", "i#j", "k'l"], exclude = ['m"n'] }`,
    directives: { include: ["a,b/**", "c = d", "e}f", "g]h", "i#j", "k'l"], exclude: ['m"n'] },
  },
  { name: "a boolean", capability: "persist", body: `{ id = "secrets", secret = true }`, directives: { id: "secrets", secret: true } },
  {
    name: "several booleans, space-separated",
    capability: "persist",
    body: `{ id = "cache" versioned = false batch_write = true write_on_change = false }`,
    directives: { id: "cache", versioned: false, batch_write: true, write_on_change: false },
  },
  { name: "an integer", capability: "persist", body: `{ id = "cache", ttl = 3600 }`, directives: { id: "cache", ttl: 3600 } },
  { name: "an integer with underscores", capability: "persist", body: `{ id = "cache" ttl = 86_400 }`, directives: { id: "cache", ttl: 86400 } },
  {
    name: "one-line arrays",
    capability: "static_unit",
    body: `{ id = "site", static_files = ["public/**", "*.html"], shared_files = [] }`,
    directives: { id: "site", static_files: ["public/**", "*.html"], shared_files: [] },
  },
  {
    name: "arrays separated by a space",
    capability: "static_unit",
    body: `{ id = "site" static_files = ["a", "b"] shared_files = ["c"] index_document = "index.html" }`,
    directives: { id: "site", static_files: ["a", "b"], shared_files: ["c"], index_document: "index.html" },
  },
  {
    name: "an inline table",
    capability: "persist",
    body: `{ id = "db", environment_variables = { DB_URL = "orm.connection_string", REDIS_HOST = "redis_node.host" } }`,
    directives: { id: "db", environment_variables: { DB_URL: "orm.connection_string", REDIS_HOST: "redis_node.host" } },
  },
  {
    name: "an inline table followed by a space-separated key",
    capability: "persist",
    body: `{ id = "db" environment_variables = { A = "orm.host" } secret = false }`,
    directives: { id: "db", environment_variables: { A: "orm.host" }, secret: false },
  },
  { name: "an empty inline table", capability: "persist", body: `{ id = "db", environment_variables = {} }`, directives: { id: "db", environment_variables: {} } },
];

describe("one-line bodies", () => {
  it.each(oneLineCases)("$name", ({ capability, body, directives }) => {
    const result = annotate("src/app.js", lines(`// @klotho::${capability} ${body}`, "const target = create();"));
    expect(result.diagnostics).toEqual([]);
    const expected: AnnotationSummary = {
      capability,
      ...(typeof directives["id"] === "string" ? { id: directives["id"] } : {}),
      directives,
      at: [1, 4],
      boundTo: ["VariableDeclaration", 2],
      topLevel: true,
    };
    expect(result.annotations.map(summarizeAnnotation)).toEqual([expected]);
  });
});

/** Bodies written out in full: multi-line ones, and one-line ones that need their own layout. */
interface MultiLineCase {
  readonly name: string;
  readonly source: string;
  readonly expected: AnnotationSummary;
}

const multiLineCases: MultiLineCase[] = [
  {
    name: "a multi-line array in /** */",
    source: lines(
      "/**",
      " * @klotho::static_unit {",
      ` *   id = "site"`,
      " *   static_files = [",
      ` *     "public/**",`,
      ` *     "index.html",`,
      " *   ]",
      ` *   index_document = "index.html"`,
      " * }",
      " */",
      "const site = 1;",
    ),
    expected: {
      capability: "static_unit",
      id: "site",
      directives: { id: "site", static_files: ["public/**", "index.html"], index_document: "index.html" },
      at: [2, 4],
      boundTo: ["VariableDeclaration", 11],
      topLevel: true,
    },
  },
  {
    name: "a multi-line array in a // run",
    source: lines("// @klotho::embed_assets {", "//   include = [", `//     "templates/**",`, `//     "locales/*.json"`, "//   ]", "// }", "const app = express();"),
    expected: {
      capability: "embed_assets",
      directives: { include: ["templates/**", "locales/*.json"] },
      at: [1, 4],
      boundTo: ["VariableDeclaration", 7],
      topLevel: true,
    },
  },
  {
    name: "an [environment_variables] table in a persist body",
    source: lines(
      "/**",
      " * @klotho::persist {",
      ` *   id = "db"`,
      " *   [environment_variables]",
      ` *   DB_URL = "orm.connection_string"`,
      ` *   DB_HOST = "orm.host"`,
      " * }",
      " */",
      "const sequelize = new Sequelize(process.env.DB_URL);",
    ),
    expected: {
      capability: "persist",
      id: "db",
      directives: { id: "db", environment_variables: { DB_URL: "orm.connection_string", DB_HOST: "orm.host" } },
      at: [2, 4],
      boundTo: ["VariableDeclaration", 9],
      topLevel: true,
    },
  },
  {
    name: "one-line forms on the lines of a multi-line body",
    source: lines("// @klotho::persist {", `//   id = "cache", ttl = 60`, "//   versioned = true batch_write = false", "// }", "const cache = new Map();"),
    expected: {
      capability: "persist",
      id: "cache",
      directives: { id: "cache", ttl: 60, versioned: true, batch_write: false },
      at: [1, 4],
      boundTo: ["VariableDeclaration", 5],
      topLevel: true,
    },
  },
  {
    name: "TOML comments and blank lines in a body",
    source: lines("/*", "  @klotho::persist {", "    # the cache", `    id = "cache"`, "", "    ttl = 60 # seconds", "  }", "*/", "const cache = new Map();"),
    expected: {
      capability: "persist",
      id: "cache",
      directives: { id: "cache", ttl: 60 },
      at: [2, 3],
      boundTo: ["VariableDeclaration", 9],
      topLevel: true,
    },
  },
  {
    name: "no space between the capability and the brace",
    source: lines(`// @klotho::pubsub{ id = "events" }`, "export const events = new EventEmitter();"),
    expected: {
      capability: "pubsub",
      id: "events",
      directives: { id: "events" },
      at: [1, 4],
      boundTo: ["ExportNamedDeclaration", 2],
      topLevel: true,
    },
  },
  {
    name: "the opening brace on the next comment line",
    source: lines("// @klotho::pubsub", `// { id = "events" }`, "export const events = new EventEmitter();"),
    expected: {
      capability: "pubsub",
      id: "events",
      directives: { id: "events" },
      at: [1, 4],
      boundTo: ["ExportNamedDeclaration", 3],
      topLevel: true,
    },
  },
];

describe("multi-line bodies", () => {
  it.each(multiLineCases)("$name", ({ source, expected }) => {
    const result = annotate("src/app.js", source);
    expect(result.diagnostics).toEqual([]);
    expect(result.annotations.map(summarizeAnnotation)).toEqual([expected]);
  });
});
