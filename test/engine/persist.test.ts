import { describe, expect, it } from "vitest";
import type { Subject } from "../../src/engine/index.js";
import { checkPersistAnnotations } from "../../src/engine/persist-checks.js";
import { buildSubjects } from "../../src/engine/subjects.js";
import { FS_RUNTIME_METHODS } from "../../src/util/fs-runtime.js";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeUnits, lines, type SourceTree } from "../helpers/program.js";

/** The subjects of a program, and the persist checks' diagnostics as `code file:line:col message`. */
function analyze(files: SourceTree) {
  const analysis = analyzeUnits(files);
  expect(analysis.diagnostics).toEqual([]);
  const subjects = buildSubjects(analysis.annotations, analysis.facts, analysis.units);
  const diagnostics = checkPersistAnnotations(analysis.annotations, analysis.facts);
  return { subjects, diagnostics: diagnostics.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"} ${d.message}`) };
}

function persistSubjects(subjects: readonly Subject[]) {
  return subjects.flatMap((s) => (s.type === "annotation" && s.annotation.capability === "persist" ? [s] : []));
}

/** `<unit> -> <resource> (<method>) at <file:line>` for each use subject. */
function uses(subjects: readonly Subject[]): string[] {
  return subjects.flatMap((s) => (s.type === "use" ? [`${s.use.unit} -> ${s.use.resource} (${s.use.method}) at ${s.use.file}:${s.use.line}`] : []));
}

const VALID = "orm.connection_string, redis_node.host, redis_node.port, redis_cluster.host, redis_cluster.port";

describe("persist subjects", () => {
  it.each([
    ["an fs/promises import", `const fs = require("fs/promises");`, { fs: 1, fs_plain: 0, orm: 0 }],
    ["require(\"fs\").promises", `const fs = require("fs").promises;`, { fs: 1, fs_plain: 1, orm: 0 }],
    ["the callback fs module", `const fs = require("fs");`, { fs: 0, fs_plain: 1, orm: 0 }],
    ["a Sequelize client", `const db = new (require("sequelize").Sequelize)();`, { fs: 0, fs_plain: 0, orm: 1 }],
  ])("counts %s", (_, statement, counts) => {
    const [subject] = persistSubjects(analyze({ "a.js": lines(`// @klotho::persist { id = "x" }`, statement) }).subjects);
    expect(subject?.bound).toMatchObject(counts);
  });

  it("lists the secrets read through a secret import, normalised, sorted and once each", () => {
    const { subjects, diagnostics } = analyze({
      "keys.js": lines(`/* @klotho::persist { id = "keys", secret = true } */`, `const keys = require("fs/promises");`, "module.exports = keys;"),
      "use.js": lines(`const keys = require("./keys");`, `keys.readFile("./certs/b.pem");`, `keys.readFile("a.txt");`, `keys.readFile("certs/x/../b.pem");`, `keys.readFile("/a.txt");`),
    });
    expect(diagnostics).toEqual([]);
    expect(persistSubjects(subjects).map((s) => s.secrets)).toEqual([["a.txt", "certs/b.pem"]]);
    expect(uses(subjects)).toEqual(["main -> persist_secret:keys (readFile) at use.js:2"]);
  });

  it("gives a secret import without reads an empty list, and other stores none", () => {
    const { subjects } = analyze({
      "a.js": lines(`// @klotho::persist { id = "keys", secret = true }`, `const keys = require("fs/promises");`, `// @klotho::persist { id = "files" }`, `const files = require("fs/promises");`),
    });
    expect(persistSubjects(subjects).map((s) => s.secrets)).toEqual([[], undefined]);
  });

  it("describes valid environment variables, and makes every unit whose folder holds the file a user", () => {
    const { subjects, diagnostics } = analyze({
      "db.js": lines(
        "// @klotho::persist {",
        `//   id = "db"`,
        "//   [environment_variables]",
        `//   DB_URL = "orm.connection_string"`,
        "// }",
        "exports.url = process.env.DB_URL;",
      ),
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./db");`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `require("./db");`),
      "c.js": lines(`// @klotho::execution_unit { id = "c" }`, "exports.c = 1;"),
    });
    expect(diagnostics).toEqual([]);
    expect(persistSubjects(subjects).map((s) => s.annotation.environment)).toEqual([
      { kind: "persist_orm", resource: "persist_orm:db", variables: { DB_URL: "persist_orm:db#connection_string" } },
    ]);
    expect(uses(subjects)).toEqual(["a -> persist_orm:db (environment_variables) at db.js:1", "b -> persist_orm:db (environment_variables) at db.js:1"]);
  });

  it("makes every unit whose folder holds the file making a redis or ORM client a user of it (the client reads its connection as the file loads), but not of a kv store", () => {
    const { subjects } = analyze({
      "db.js": lines(
        `const { createClient } = require("redis");`,
        `const { Sequelize } = require("sequelize");`,
        `// @klotho::persist { id = "cache" }`,
        "const cache = createClient();",
        `// @klotho::persist { id = "orders" }`,
        "const sequelize = new Sequelize(process.env.DATABASE_URL);",
        `// @klotho::persist { id = "sessions" }`,
        "const sessions = new Map();",
        "module.exports = { cache, sequelize, sessions };",
      ),
      "orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, `const { sequelize } = require("./db");`, `exports.list = () => sequelize.query("select 1");`),
      "hits.js": lines(`// @klotho::execution_unit { id = "hits" }`, `const { cache } = require("./db");`, `exports.hit = () => cache.incr("hits");`),
      "other.js": lines(`// @klotho::execution_unit { id = "other" }`, "exports.x = 1;"),
    });
    expect(uses(subjects)).toEqual([
      "hits -> persist_orm:orders (new) at db.js:6",
      "hits -> persist_redis_node:cache (incr) at hits.js:3",
      "orders -> persist_orm:orders (query) at orders.js:3",
      "orders -> persist_redis_node:cache (new) at db.js:4",
    ]);
  });

  it("accepts variables that describe the annotated code's own resource", () => {
    const { subjects, diagnostics } = analyze({
      "r.js": lines(`// @klotho::persist { id = "cache", environment_variables = { HOST = "redis_node.host", PORT = "redis_node.port" } }`, `const cache = require("redis").createClient();`),
    });
    expect(diagnostics).toEqual([]);
    expect(persistSubjects(subjects).map((s) => s.annotation.environment?.variables)).toEqual([
      { HOST: "persist_redis_node:cache#host", PORT: "persist_redis_node:cache#port" },
    ]);
  });
});

interface CheckCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
}

const checkCases: CheckCase[] = [
  {
    name: "two secret paths that would be one secret in Secrets Manager (reported once, at the first read of the second)",
    files: {
      "keys.js": lines(
        `// @klotho::persist { id = "keys", secret = true }`,
        `const fs = require("fs/promises");`,
        `fs.readFile("keys/api key.txt");`,
        `fs.readFile("./keys/api key.txt");`,
        `fs.readFile("keys/api_key.txt");`,
        `fs.readFile("/keys/api_key.txt");`,
        `fs.readFile("keys/other.txt");`,
      ),
    },
    expected: [
      "persist/secret-name-clash keys.js:5:1 The secret 'keys/api_key.txt' would have the same name in Secrets Manager as 'keys/api key.txt' ('...-keys/api_key.txt': characters a secret's name cannot hold become '_'), so the two would be one secret. Rename one of the files.",
    ],
  },
  {
    name: "secrets of two persist ids that would be one secret in Secrets Manager: '-' joins id and file, ':' becomes '_' (reported once each)",
    files: {
      "a.js": lines(
        `// @klotho::persist { id = "keys", secret = true }`,
        `const fs = require("fs/promises");`,
        `fs.readFile("prod-api.txt");`,
        `fs.readFile("db.txt");`,
      ),
      "b.js": lines(
        `// @klotho::persist { id = "keys-prod", secret = true }`,
        `const secrets = require("fs/promises");`,
        `secrets.readFile("./api.txt");`,
        `secrets.readFile("api.txt");`,
        `secrets.readFile("other.txt");`,
      ),
      "c.js": lines(
        `// @klotho::persist { id = "keys:x", secret = true }`,
        `const fs = require("fs/promises");`,
        `fs.readFile("db.txt");`,
        `// @klotho::persist { id = "keys_x", secret = true }`,
        `const more = require("fs").promises;`,
        `more.readFile("db.txt");`,
      ),
    },
    expected: [
      "persist/secret-id-clash b.js:3:1 The secret 'api.txt' of persist 'keys-prod' would have the same name in Secrets Manager as 'prod-api.txt' of persist 'keys' ('...-keys-prod-api.txt': the name joins the persist id and the file with '-', and characters a secret's name cannot hold become '_'), so the two would be one secret. Rename one of the files or change one of the ids.",
      "persist/secret-id-clash c.js:6:1 The secret 'db.txt' of persist 'keys_x' would have the same name in Secrets Manager as 'db.txt' of persist 'keys:x' ('...-keys_x-db.txt': the name joins the persist id and the file with '-', and characters a secret's name cannot hold become '_'), so the two would be one secret. Rename one of the files or change one of the ids.",
    ],
  },
  {
    name: "an ORM client written for another database than PostgreSQL (a warning: klotho provisions PostgreSQL)",
    files: {
      "db.js": lines(
        `const { Sequelize } = require("sequelize");`,
        `const { DataSource } = require("typeorm");`,
        `const knex = require("knex");`,
        `const config = { dialect: "mariadb" };`,
        `// @klotho::persist { id = "a" }`,
        `const a = new Sequelize(process.env.DB, config);`,
        `// @klotho::persist { id = "b" }`,
        `const b = new Sequelize("sqlite::memory:");`,
        `// @klotho::persist { id = "c" }`,
        `const c = new DataSource({ type: "mysql" });`,
        `// @klotho::persist { id = "d" }`,
        `const d = knex({ client: "mysql2" });`,
        `// @klotho::persist { id = "e" }`,
        `const e = new Sequelize("postgres://db/app", { dialect: "postgres" });`,
        `// @klotho::persist { id = "f" }`,
        `const f = knex({ client: "pg" });`,
        `const unannotated = new Sequelize("mysql://db/app");`,
      ),
    },
    expected: [
      `persist/orm-dialect db.js:6:11 This client is written for 'mariadb', but klotho provisions PostgreSQL (RDS) and points the client at it: SQL, drivers or a schema made for 'mariadb' may not work there.`,
      `persist/orm-dialect db.js:8:11 This client is written for 'sqlite', but klotho provisions PostgreSQL (RDS) and points the client at it: SQL, drivers or a schema made for 'sqlite' may not work there.`,
      `persist/orm-dialect db.js:10:11 This client is written for 'mysql', but klotho provisions PostgreSQL (RDS) and points the client at it: SQL, drivers or a schema made for 'mysql' may not work there.`,
      `persist/orm-dialect db.js:12:11 This client is written for 'mysql2', but klotho provisions PostgreSQL (RDS) and points the client at it: SQL, drivers or a schema made for 'mysql2' may not work there.`,
    ],
  },
  {
    name: "calls the S3 file system does not implement, however the function is reached",
    files: {
      "a.mjs": lines(
        `/** @klotho::persist { id = "docs" } */`,
        `import { readFile, rename, cp } from "node:fs/promises";`,
        "await readFile('a');",
        "await rename('a', 'b');",
        "await cp('a', 'b');",
      ),
      "b.js": lines(`// @klotho::persist { id = "files" }`, `const fs = require("fs").promises;`, "fs.copyFile('a', 'b');", "fs.symlink('a', 'b');"),
    },
    expected: [
      `persist/fs-method a.mjs:5:7 'cp' cannot be called on the persisted fs import 'docs': its S3 file system implements ${FS_RUNTIME_METHODS.join(", ")}. Write the call with those, or keep this import on the local disk (no @klotho::persist).`,
      `persist/fs-method b.js:4:1 'symlink' cannot be called on the persisted fs import 'files': its S3 file system implements ${FS_RUNTIME_METHODS.join(", ")}. Write the call with those, or keep this import on the local disk (no @klotho::persist).`,
    ],
  },
  {
    name: "an attribute klotho does not provide, in a [table]",
    files: { "a.js": lines("/**", " * @klotho::persist {", ` *   id = "db"`, " *   [environment_variables]", ` *   DB_HOST = "orm.host"`, " * }", " */", "const x = 1;") },
    expected: [`persist/invalid-environment-variable a.js:5:6 Environment variable 'DB_HOST' is set to 'orm.host', which is not a resource attribute klotho provides; use one of: ${VALID}.`],
  },
  {
    name: "an unknown kind, in an inline table",
    files: { "a.js": lines(`// @klotho::persist { id = "db", environment_variables = { URL = "mysql.url" } }`, "const x = 1;") },
    expected: [`persist/invalid-environment-variable a.js:1:60 Environment variable 'URL' is set to 'mysql.url', which is not a resource attribute klotho provides; use one of: ${VALID}.`],
  },
  {
    name: "values without a dot, or naming inherited properties",
    files: { "a.js": lines(`// @klotho::persist { id = "db", environment_variables = { A = "orm", B = "constructor.name" } }`, "const x = 1;") },
    expected: [
      `persist/invalid-environment-variable a.js:1:60 Environment variable 'A' is set to 'orm', which is not a resource attribute klotho provides; use one of: ${VALID}.`,
      `persist/invalid-environment-variable a.js:1:71 Environment variable 'B' is set to 'constructor.name', which is not a resource attribute klotho provides; use one of: ${VALID}.`,
    ],
  },
  {
    name: "two kinds in one annotation",
    files: { "a.js": lines("// @klotho::persist {", `//   id = "cache"`, "//   [environment_variables]", `//   HOST = "redis_node.host"`, `//   SHARDS = "redis_cluster.host"`, "// }", "const x = 1;") },
    expected: [
      "persist/mixed-environment-kinds a.js:5:6 Environment variable 'SHARDS' names a redis_cluster attribute, but 'HOST' names a redis_node one; the environment variables of one persist annotation describe one resource.",
    ],
  },
  {
    name: "variables of another kind than the annotated code",
    files: { "a.js": lines(`// @klotho::persist { id = "db", environment_variables = { HOST = "redis_node.host" } }`, `const db = new (require("sequelize"))();`) },
    expected: [
      "persist/environment-kind-mismatch a.js:1:60 Environment variable 'HOST' names a redis_node attribute, but the annotated code creates a persist_orm; use that resource's attributes, or give the variables a persist annotation of their own.",
    ],
  },
  {
    name: "a secret import written to, and read with a computed path",
    files: {
      "s.mjs": lines(`// @klotho::persist { id = "keys", secret = true }`, `import fs from "fs/promises";`, "export const put = (v) => fs.writeFile(`k/${v}`, v);", "export const get = (n) => fs.readFile(n);"),
    },
    expected: [
      "persist/secret-method s.mjs:3:27 'writeFile' cannot be called on the secret import 'keys': secrets are read-only, so only readFile is supported.",
      "persist/secret-dynamic-path s.mjs:4:27 The path read from the secret import 'keys' must be a string literal (or a constant holding one): each path becomes a named secret, so it must be known when compiling.",
    ],
  },
  {
    name: "secret = true on a Map",
    files: { "a.js": lines(`// @klotho::persist { id = "m", secret = true }`, "const m = new Map();") },
    expected: ["persist/secret-not-fs a.js:1:33 secret = true applies only to an fs/promises import; it is ignored here."],
  },
  {
    name: "secret = true on the callback fs module is left to the fs warning rule",
    files: { "a.js": lines(`// @klotho::persist { id = "m", secret = true }`, `const fs = require("fs");`) },
    expected: [],
  },
  {
    name: "a plain fs/promises import may write and read any path",
    files: { "a.js": lines(`// @klotho::persist { id = "files" }`, `const fs = require("fs/promises");`, "fs.writeFile(name, body);") },
    expected: [],
  },
];

describe("persist checks", () => {
  it.each(checkCases)("$name", ({ files, expected }) => {
    expect(analyze(files).diagnostics).toEqual(expected);
  });

  it("points a clash between two persist ids at both reads", () => {
    const analysis = analyzeUnits({
      "a.js": lines(`// @klotho::persist { id = "a-b", secret = true }`, `const fs = require("fs/promises");`, `fs.readFile("c.txt");`),
      "b.js": lines(`// @klotho::persist { id = "a", secret = true }`, `const fs = require("fs/promises");`, `fs.readFile("b-c.txt");`),
    });
    const [diagnostic, ...others] = checkPersistAnnotations(analysis.annotations, analysis.facts);
    expect(others).toEqual([]);
    expect(diagnostic?.range && formatLocation(diagnostic.range)).toBe("b.js:3:1");
    expect(diagnostic?.related?.map((r) => `${r.message} ${formatLocation(r.range)}`)).toEqual(["'c.txt' of persist 'a-b' is read here a.js:3:1"]);
  });

  it("points secret errors at the annotation too", () => {
    const analysis = analyzeUnits({ "a.js": lines(`// @klotho::persist { id = "keys", secret = true }`, `const fs = require("fs/promises");`, "fs.unlink('x');") });
    const [diagnostic] = checkPersistAnnotations(analysis.annotations, analysis.facts);
    expect(diagnostic?.related?.map((r) => `${r.message} ${formatLocation(r.range)}`)).toEqual(["the import is annotated secret here a.js:1:4"]);
  });
});
