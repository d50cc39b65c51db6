import { describe, expect, it } from "vitest";
import { annotate, lines, summarizeAnnotation, summarizeDiagnostic, type AnnotationSummary, type DiagnosticSummary } from "../helpers/annotate.js";

interface ErrorCase {
  readonly name: string;
  readonly source: string;
  readonly diagnostics: readonly DiagnosticSummary[];
  /** The annotations that still come through; none unless given. */
  readonly annotations?: readonly AnnotationSummary[];
}

/** What a bad id is told: the pattern and the schema's description of it. */
const BAD_ID = "'id' must match ^[A-Za-z0-9_.:/-]{1,64}$ (Identifier of the resource: 1-64 characters of letters, digits and _ . : / -)";

function error(code: string, message: string, at: readonly [number, number], annotationAt: readonly [number, number]): DiagnosticSummary {
  return { code, severity: "error", message, at, annotationAt };
}

function invalidDirective(capability: string, detail: string, at: readonly [number, number], annotationAt: readonly [number, number]): DiagnosticSummary {
  return error("annotation/invalid-directive", `Invalid @klotho::${capability} annotation: ${detail}`, at, annotationAt);
}

function invalidToml(detail: string, at: readonly [number, number], annotationAt: readonly [number, number], capability = "persist"): DiagnosticSummary {
  return error("annotation/invalid-toml", `Invalid TOML in the @klotho::${capability} annotation: ${detail}`, at, annotationAt);
}

function unclosedBody(at: readonly [number, number]): DiagnosticSummary {
  return error("annotation/unclosed-body", "The body of @klotho::persist opens with '{' but never closes with '}'.", at, at);
}

function nearMiss(written: string, capability: string, at: readonly [number, number]): DiagnosticSummary {
  return {
    code: "annotation/near-miss-marker",
    severity: "warning",
    message: `'${written}' is not read as an annotation: annotations start with '@klotho::' (lower case, two colons), as in '@klotho::${capability}'.`,
    at,
  };
}

const capabilityCases: ErrorCase[] = [
  {
    name: "an unknown bare capability is a warning",
    source: lines("// @klotho::thing", "const a = 1;"),
    diagnostics: [
      { code: "annotation/unknown-capability", severity: "warning", message: "Unknown annotation capability thing.", at: [1, 4], annotationAt: [1, 4] },
    ],
  },
  {
    name: "an unknown capability with a body is a warning",
    source: lines(`// @klotho::persistence { id = "cache" }`, "const cache = new Map();"),
    diagnostics: [
      {
        code: "annotation/unknown-capability",
        severity: "warning",
        message: "Unknown annotation capability persistence.",
        at: [1, 4],
        annotationAt: [1, 4],
      },
    ],
  },
  {
    name: "an unknown capability does not hide the next annotation of the comment",
    source: lines(`// @klotho::thing { x = 1 } @klotho::persist { id = "cache" }`, "const cache = new Map();"),
    diagnostics: [
      { code: "annotation/unknown-capability", severity: "warning", message: "Unknown annotation capability thing.", at: [1, 4], annotationAt: [1, 4] },
    ],
    annotations: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [1, 29], boundTo: ["VariableDeclaration", 2], topLevel: true }],
  },
  {
    name: "a marker written almost right is a warning, not silence; prose that mentions klotho is not",
    source: lines(
      `// @Klotho::persist { id = "cache" }`,
      "const cache = new Map();",
      "/* klotho:expose */",
      "// @klotho :: pubsub",
      "// klotho: the compiler, not an annotation",
      "// see klotho::expose in the README; the gateway is made there",
      "/**",
      " * klotho::persist",
      " * Without its @, klotho::pubsub in a sentence is prose too.",
      " */",
    ),
    diagnostics: [
      nearMiss("@Klotho::persist", "persist", [1, 4]),
      nearMiss("klotho:expose", "expose", [3, 4]),
      nearMiss("@klotho :: pubsub", "pubsub", [4, 4]),
      nearMiss("klotho::persist", "persist", [8, 4]),
    ],
  },
  {
    name: "a near miss beside a real annotation is reported, and the real one comes through",
    source: lines(`// @klotho::persist { id = "cache" }`, "const cache = new Map();", `// @klotho:persist { id = "other" }`, "const other = new Map();"),
    diagnostics: [nearMiss("@klotho:persist", "persist", [3, 4])],
    annotations: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [1, 4], boundTo: ["VariableDeclaration", 2], topLevel: true }],
  },
  {
    name: "a known capability without a body lacks its required id",
    source: lines("// @klotho::pubsub", "export const events = new EventEmitter();"),
    diagnostics: [invalidDirective("pubsub", "the document is missing the required property 'id'", [1, 4], [1, 4])],
  },
  {
    name: "a known capability followed by prose lacks its required id",
    source: lines("// @klotho::persist keeps sessions across restarts", "const sessions = new Map();"),
    diagnostics: [invalidDirective("persist", "the document is missing the required property 'id'", [1, 4], [1, 4])],
  },
  {
    name: "an empty body lacks the required id",
    source: lines("// @klotho::pubsub {}", "export const events = new EventEmitter();"),
    diagnostics: [invalidDirective("pubsub", "the document is missing the required property 'id'", [1, 4], [1, 4])],
  },
  {
    name: "an empty body lacks every required key",
    source: lines("// @klotho::expose { }", "app.listen(3000);"),
    diagnostics: [
      invalidDirective(
        "expose",
        "the document is missing the required property 'id'; the document is missing the required property 'target'",
        [1, 4],
        [1, 4],
      ),
    ],
  },
];

const directiveCases: ErrorCase[] = [
  {
    name: "an id of 65 characters points at the id key",
    source: lines(`// @klotho::persist { id = "${"a".repeat(65)}" }`, "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", BAD_ID, [1, 23], [1, 4])],
  },
  {
    name: "an id with a space points at the id key",
    source: lines(`// @klotho::persist { id = "my cache" }`, "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", BAD_ID, [1, 23], [1, 4])],
  },
  {
    name: "an empty id points at the id key",
    source: lines(`// @klotho::pubsub { id = "" }`, "export const events = new EventEmitter();"),
    diagnostics: [invalidDirective("pubsub", BAD_ID, [1, 22], [1, 4])],
  },
  {
    name: "an id with a space on the 4th line of a /** */ body",
    source: lines("/**", " * @klotho::persist {", " *   ttl = 60", ` *   id = "my cache"`, " * }", " */", "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", BAD_ID, [4, 6], [2, 4])],
  },
  {
    name: "a numeric id",
    source: lines("// @klotho::persist { id = 42 }", "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", "'id' must be a string", [1, 23], [1, 4])],
  },
  {
    name: "expose without target",
    source: lines(`// @klotho::expose { id = "api" }`, "app.listen(3000);"),
    diagnostics: [invalidDirective("expose", "the document is missing the required property 'target'", [1, 4], [1, 4])],
  },
  {
    name: "expose with target = private lists the allowed values",
    source: lines(`// @klotho::expose { id = "api", target = "private" }`, "app.listen(3000);"),
    diagnostics: [invalidDirective("expose", `'target' must be one of: "public"`, [1, 34], [1, 4])],
  },
  {
    name: "expose with an unknown api_type lists the allowed values",
    source: lines(`// @klotho::expose { id = "api", target = "public", api_type = "GRPC" }`, "app.listen(3000);"),
    diagnostics: [invalidDirective("expose", `'api_type' must be one of: "REST", "HTTP"`, [1, 53], [1, 4])],
  },
  {
    name: "an unknown key is named and pointed at",
    source: lines(`// @klotho::expose { id = "api", target = "public", colour = "blue" }`, "app.listen(3000);"),
    diagnostics: [invalidDirective("expose", "unknown property 'colour' in the document; expected one of: api_type, id, target", [1, 53], [1, 4])],
  },
  {
    name: "a misspelt required key is pointed at, not the annotation (the required key it leaves missing has no place)",
    source: lines(`// @klotho::expose { id = "api", taget = "public" }`, "app.listen(3000);"),
    diagnostics: [invalidDirective("expose", "the document is missing the required property 'target'; unknown property 'taget' in the document; expected one of: api_type, id, target", [1, 34], [1, 4])],
  },
  {
    name: "a misspelt key on the 3rd line of a // run",
    source: lines("// @klotho::persist {", `//   id = "cache"`, "//   tll = 60", "// }", "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", "unknown property 'tll' in the document; expected one of: batch_write, environment_variables, id, secret, ttl, versioned, write_on_change", [3, 6], [1, 4])],
  },
  {
    name: "a ttl of 0",
    source: lines(`// @klotho::persist { id = "cache", ttl = 0 }`, "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", "'ttl' must be >= 1 (On a Map: seconds after which an entry expires.)", [1, 37], [1, 4])],
  },
  {
    name: "a ttl given as a string",
    source: lines(`// @klotho::persist { id = "cache", ttl = "60" }`, "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", "'ttl' must be an integer", [1, 37], [1, 4])],
  },
  {
    name: "a fractional ttl",
    source: lines(`// @klotho::persist { id = "cache", ttl = 1.5 }`, "const cache = new Map();"),
    diagnostics: [invalidDirective("persist", "'ttl' must be an integer", [1, 37], [1, 4])],
  },
  {
    name: "secret given as a string",
    source: lines(`// @klotho::persist { id = "keys", secret = "yes" }`, `const fs = require("fs/promises");`),
    diagnostics: [invalidDirective("persist", "'secret' must be a boolean", [1, 36], [1, 4])],
  },
  {
    name: "a non-string value in an [environment_variables] table",
    source: lines("/**", " * @klotho::persist {", ` *   id = "db"`, " *   [environment_variables]", " *   DB_PORT = 5432", " * }", " */", "const db = new Sequelize();"),
    diagnostics: [invalidDirective("persist", "'environment_variables.DB_PORT' must be a string", [5, 6], [2, 4])],
  },
  {
    name: "a non-string value in an inline environment_variables table",
    source: lines(`// @klotho::persist { id = "db", environment_variables = { DB_PORT = 5432 } }`, "const db = new Sequelize();"),
    diagnostics: [invalidDirective("persist", "'environment_variables.DB_PORT' must be a string", [1, 60], [1, 4])],
  },
  {
    name: "a bad variable name in an [environment_variables] table",
    source: lines("/**", " * @klotho::persist {", ` *   id = "db"`, " *   [environment_variables]", ` *   "db-url" = "orm.connection_string"`, " * }", " */", "const db = new Sequelize();"),
    diagnostics: [invalidDirective("persist", "property name 'db-url' in 'environment_variables' must match ^[A-Za-z_][A-Za-z0-9_]*$", [5, 6], [2, 4])],
  },
  {
    name: "include given as a string",
    source: lines(`// @klotho::embed_assets { include = "public/**" }`, "const app = express();"),
    diagnostics: [invalidDirective("embed_assets", "'include' must be an array", [1, 28], [1, 4])],
  },
];

const tomlCases: ErrorCase[] = [
  {
    name: "a key without a value",
    source: lines("// @klotho::persist { id = }", "const cache = new Map();"),
    diagnostics: [invalidToml("invalid value", [1, 28], [1, 4])],
  },
  {
    name: "an unterminated basic string",
    source: lines(`// @klotho::persist { id = "unterminated }`, "const cache = new Map();"),
    diagnostics: [invalidToml(`the string "unterminated is not closed: add the closing " before the end of its line.`, [1, 28], [1, 4])],
  },
  {
    name: "an unterminated literal string",
    source: lines(`// @klotho::persist { id = 'unterminated }`, "const cache = new Map();"),
    diagnostics: [invalidToml("the string 'unterminated is not closed: add the closing ' before the end of its line.", [1, 28], [1, 4])],
  },
  {
    name: "an unterminated string in a /** */ one-liner",
    source: lines(`/** @klotho::persist { id = "unterminated } */`, "const cache = new Map();"),
    diagnostics: [invalidToml(`the string "unterminated is not closed: add the closing " before the end of its line.`, [1, 29], [1, 5])],
  },
  {
    name: "a repeated key",
    source: lines(`// @klotho::persist { id = "a" id = "b" }`, "const cache = new Map();"),
    diagnostics: [invalidToml("trying to redefine an already defined table or value", [1, 32], [1, 4])],
  },
  {
    name: "a bad number",
    source: lines(`// @klotho::persist { id = "a", ttl = 5x }`, "const cache = new Map();"),
    diagnostics: [invalidToml("illegal character in numeric literal", [1, 40], [1, 4])],
  },
  {
    name: "an array left open before the closing brace",
    source: lines(`// @klotho::embed_assets { include = ["public/**" }`, "const app = express();"),
    diagnostics: [invalidToml("expected comma or end of structure", [1, 51], [1, 4], "embed_assets")],
  },
  {
    name: "a stray ] before the closing brace",
    source: lines(`// @klotho::persist { id = "a" ] }`, "const cache = new Map();"),
    diagnostics: [invalidToml("each key-value declaration must be followed by an end-of-line", [1, 32], [1, 4])],
  },
  {
    name: "the 3rd line of a /** */ comment has no value",
    source: lines("/**", " * @klotho::persist {", " *   id =", " * }", " */", "const cache = new Map();"),
    diagnostics: [invalidToml("invalid value", [3, 10], [2, 4])],
  },
  {
    name: "the 3rd line of a /** */ body has a bare word",
    source: lines("/**", " * @klotho::persist {", ` *   id = "cache"`, " *   ttl = 60", " *   secret = yes", " * }", " */", "const cache = new Map();"),
    diagnostics: [invalidToml("yes is not a TOML value; booleans are written true or false, lower case and unquoted.", [5, 15], [2, 4])],
  },
  {
    name: "an unterminated string on the 3rd line of a /** */ comment",
    source: lines("/**", " * @klotho::persist {", ` *   id = "cache`, " * }", " */", "const cache = new Map();"),
    diagnostics: [invalidToml(`the string "cache is not closed: add the closing " before the end of its line.`, [3, 17], [2, 4])],
  },
  {
    name: "a bad number on the 3rd line of a // run",
    source: lines("// @klotho::persist {", `//   id = "cache"`, "//   ttl = 60s", "// }", "const cache = new Map();"),
    diagnostics: [invalidToml("illegal character in numeric literal", [3, 14], [1, 4])],
  },
  {
    name: "a missing value in a CRLF // run",
    source: ["// @klotho::persist {", `//   id = "cache"`, "//   ttl =", "// }", "const cache = new Map();"].join("\r\n"),
    diagnostics: [invalidToml("invalid value", [3, 11], [1, 4])],
  },
  {
    name: "JSON-style key: value is told how TOML writes it, at the colon",
    source: lines(`// @klotho::persist { id: "users" }`, "const users = new Map();"),
    diagnostics: [invalidToml(`TOML writes key = value, not key: value (id = "users").`, [1, 25], [1, 4])],
  },
  {
    name: "a quoted JSON key and a bare value: the suggestion unquotes the key and quotes the value",
    source: lines(`// @klotho::persist { "id": users }`, "const users = new Map();"),
    diagnostics: [invalidToml(`TOML writes key = value, not key: value (id = "users").`, [1, 27], [1, 4])],
  },
  {
    name: "key: value after a comma or a space in a one-line body, and in a table of a /** */ body",
    source: lines(
      `// @klotho::expose { id = "api", target: "public" }`,
      "app.listen(3000);",
      `// @klotho::expose { id = "api" target: "public" }`,
      "app.listen(3000);",
      "/**",
      " * @klotho::persist {",
      ` *   id = "cache"`,
      " *   [environment_variables]",
      ` *   DB_URL: "postgres"`,
      " * }",
      " */",
      "const cache = new Map();",
    ),
    diagnostics: [
      invalidToml(`TOML writes key = value, not key: value (target = "public").`, [1, 40], [1, 4], "expose"),
      invalidToml(`TOML writes key = value, not key: value (target = "public").`, [3, 33], [3, 4], "expose"),
      invalidToml(`TOML writes key = value, not key: value (DB_URL = "postgres").`, [9, 12], [6, 4]),
    ],
  },
  {
    name: "an unquoted string is told to take double quotes, after its key or alone in an array",
    source: lines(
      "/* @klotho::persist { id = sessions } */",
      "const sessions = new Map();",
      `// @klotho::embed_assets { include = ["public/**", assets] }`,
    ),
    diagnostics: [
      invalidToml(`sessions is not a TOML value; strings need double quotes: id = "sessions".`, [1, 28], [1, 4]),
      invalidToml(`assets is not a TOML value; strings need double quotes: "assets".`, [3, 52], [3, 4], "embed_assets"),
    ],
  },
  {
    name: "a capitalised boolean is told TOML's spelling",
    source: lines(`// @klotho::persist { id = "cache", versioned = True }`, "const cache = new Map();"),
    diagnostics: [invalidToml("True is not a TOML value; booleans are written true or false, lower case and unquoted.", [1, 49], [1, 4])],
  },
  {
    name: "an apostrophe inside a string that is left open is not taken for its opening quote",
    source: lines("/**", " * @klotho::persist {", ` *   id = "it's`, " * }", " */", "const cache = new Map();"),
    diagnostics: [invalidToml(`the string "it's is not closed: add the closing " before the end of its line.`, [3, 16], [2, 4])],
  },
  {
    name: "a TOML error does not hide the next annotation of the comment",
    source: lines(`// @klotho::persist { id = } @klotho::pubsub { id = "events" }`, "export const events = new EventEmitter();"),
    diagnostics: [invalidToml("invalid value", [1, 28], [1, 4])],
    annotations: [
      { capability: "pubsub", id: "events", directives: { id: "events" }, at: [1, 30], boundTo: ["ExportNamedDeclaration", 2], topLevel: true },
    ],
  },
];

const unclosedCases: ErrorCase[] = [
  {
    name: "an unclosed body in a line comment",
    source: lines(`// @klotho::persist { id = "cache"`, "const cache = new Map();"),
    diagnostics: [unclosedBody([1, 4])],
  },
  {
    name: "an unclosed body in a /** */ comment",
    source: lines("/**", " * @klotho::persist {", ` *   id = "cache"`, " */", "const cache = new Map();"),
    diagnostics: [unclosedBody([2, 4])],
  },
  {
    name: "a blank line ends a // run before its closing brace",
    source: lines("// @klotho::persist {", `//   id = "cache"`, "", "// }", "const cache = new Map();"),
    diagnostics: [unclosedBody([1, 4])],
  },
  {
    name: "an unclosed /* comment is a syntax error",
    source: lines("const a = 1;", `  /* @klotho::persist { id = "cache" }`, "const cache = new Map();"),
    diagnostics: [{ code: "parse/syntax-error", severity: "error", message: "Syntax error: Unterminated comment.", at: [2, 3] }],
  },
  {
    name: "import attributes written with assert, which Node 22 rejects, say how to write them",
    source: lines(`import config from "./config.json" assert { type: "json" };`),
    diagnostics: [
      {
        code: "parse/syntax-error",
        severity: "error",
        message: 'Syntax error: Import attributes are written `with { type: "json" }`: Node 22, which execution units run on, no longer accepts `assert { ... }`.',
        at: [1, 36],
      },
    ],
  },
];

describe.each([
  ["capabilities", capabilityCases],
  ["directive schemas", directiveCases],
  ["malformed TOML", tomlCases],
  ["unclosed comments and bodies", unclosedCases],
] as const)("%s", (_group, cases) => {
  it.each(cases)("$name", ({ source, diagnostics, annotations = [] }) => {
    const result = annotate("src/app.js", source);
    expect(result.diagnostics.map(summarizeDiagnostic)).toEqual(diagnostics);
    expect(result.annotations.map(summarizeAnnotation)).toEqual(annotations);
  });
});
