import { describe, expect, it } from "vitest";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeUnits, lines, summarizeFacts, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface OrmPathCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** `unit: files` per execution unit. */
  readonly units: readonly string[];
  /** `code file:line:col` of the orm/ diagnostics. */
  readonly diagnostics?: readonly string[];
}

const TYPEORM = (options: string): string =>
  lines(`import { DataSource } from "typeorm";`, `// @klotho::persist { id = "db" }`, `export const AppDataSource = new DataSource({`, `  type: "postgres",`, options, `});`);
const SERVER = lines(`import express from "express";`, `import { AppDataSource } from "./data-source";`, "const app = express();", "await AppDataSource.initialize();", "// @klotho::expose { id = \"api\" }", "app.listen(3000);");
const ENTITY = (name: string): string => lines(`import { Entity, PrimaryGeneratedColumn } from "typeorm";`, "@Entity()", `export class ${name} { @PrimaryGeneratedColumn() id!: number; }`);
const MIGRATION = lines(`import type { MigrationInterface, QueryRunner } from "typeorm";`, "export class Init implements MigrationInterface {", "  async up(q: QueryRunner) { await q.query(\"CREATE TABLE t ()\"); }", "  async down() {}", "}");

const cases: OrmPathCase[] = [
  {
    name: "TypeORM entity and migration globs from __dirname carry the modules they match, as code, with what they import",
    files: {
      "src/index.ts": SERVER,
      "src/data-source.ts": TYPEORM(`  entities: [__dirname + "/entity/*.{ts,js}"], migrations: [path.join(__dirname, "migration", "*.{ts,js}")], migrationsRun: true,`).replace("import { DataSource", `import path from "node:path";\nimport { DataSource`),
      "src/entity/Product.ts": lines(`import { Category } from "./relations/Category";`, ENTITY("Product")),
      "src/entity/relations/Category.ts": ENTITY("Category"),
      "src/entity/Product.d.ts": "export declare class Product {}",
      "src/migration/1700000000000-Init.ts": MIGRATION,
      "src/unrelated.ts": "export const x = 1;",
    },
    options: { packageJson: { main: "src/index.ts" } },
    units: ["main: src/data-source.ts src/entity/Product.ts src/entity/relations/Category.ts src/index.ts src/migration/1700000000000-Init.ts"],
  },
  {
    name: "TypeORM: relative strings (from the working folder), folders of an object, and classes beside them",
    files: {
      "server.js": lines(`const { DataSource } = require("typeorm");`, `const { Tag } = require("./lib/tag");`, `// @klotho::persist { id = "db" }`, `const ds = new DataSource({ type: "postgres", entities: [Tag, "models/**/*.js"], subscribers: { audit: "subscribers/audit.js" } });`, "module.exports = ds;"),
      "lib/tag.js": "exports.Tag = class Tag {};",
      "models/user.js": "module.exports = {};",
      "models/deep/order.js": "module.exports = {};",
      "subscribers/audit.js": "module.exports = {};",
    },
    options: { packageJson: { main: "server.js" } },
    units: ["main: lib/tag.js models/deep/order.js models/user.js server.js subscribers/audit.js"],
  },
  {
    name: "knex: a migrations folder from import.meta.url in a config module, and a seeds folder from the working folder",
    files: {
      "server.js": lines(`import { db } from "./db/knex.js";`, "await db.migrate.latest();"),
      "db/knex.js": lines(`import knex from "knex";`, `import config from "./knexfile.js";`, `// @klotho::persist { id = "shop" }`, "export const db = knex(config);"),
      "db/knexfile.js": lines(
        "export default {",
        `  client: "pg",`,
        `  migrations: { directory: new URL("./migrations", import.meta.url).pathname, tableName: "knex_migrations" },`,
        `  seeds: { directory: "./seeds" },`,
        "};",
      ),
      "db/migrations/20240101000000_orders.js": "export async function up() {}",
      "db/migrations/README.md.js.txt": "",
      "seeds/users.js": "export async function seed() {}",
    },
    options: { packageJson: { main: "server.js", type: "module" }, otherFiles: ["db/migrations/notes.md"] },
    units: ["main: db/knex.js db/knexfile.js db/migrations/20240101000000_orders.js seeds/users.js server.js"],
  },
  {
    name: "knex without a migrations or seeds directory: its default folders, from the working folder, when the project has them",
    files: {
      "server.js": lines(`const knex = require("knex");`, `// @klotho::persist { id = "db" }`, `const db = knex({ client: "pg" });`, "db.migrate.latest();", "module.exports = db;"),
      "migrations/001_init.js": "exports.up = async () => {};",
      "src/migrations/elsewhere.js": "exports.up = async () => {};",
    },
    options: { packageJson: { main: "server.js" } },
    units: ["main: migrations/001_init.js server.js"],
  },
  {
    name: "sequelize-typescript: a models folder takes its .ts and .js files",
    files: {
      "src/index.ts": lines(`import { Sequelize } from "sequelize-typescript";`, `// @klotho::persist { id = "db" }`, `export const sequelize = new Sequelize({ dialect: "postgres", models: [__dirname + "/models"] });`),
      "src/models/User.ts": "export class User {}",
      "src/models/Post.js": "exports.Post = class {};",
      "src/models/deep/Skip.ts": "export class Skip {}",
    },
    options: { packageJson: { main: "src/index.ts" } },
    units: ["main: src/index.ts src/models/Post.js src/models/User.ts"],
  },
  {
    name: "a path klotho cannot compute, a pattern matching no module and a pattern matching only TypeScript are warnings at the option",
    files: {
      "src/index.ts": SERVER,
      "src/data-source.ts": TYPEORM(`  entities: [process.env.ENTITIES as string, "dist/entity/*.js"],\n  migrations: [__dirname + "/migration/*.ts"],`),
      "src/migration/1700000000000-Init.ts": MIGRATION,
    },
    options: { packageJson: { main: "src/index.ts" } },
    units: ["main: src/data-source.ts src/index.ts src/migration/1700000000000-Init.ts"],
    diagnostics: ["orm/unknown-path src/data-source.ts:5:3", "orm/path-no-match src/data-source.ts:5:3", "orm/typescript-only-path src/data-source.ts:6:3"],
  },
  {
    name: "an option in a config module is located at its object; a client made twice by one function warns once",
    files: {
      "server.js": lines(`const knex = require("knex");`, `const config = require("./knexfile");`, "function make() { return knex(config); }", `// @klotho::persist { id = "db" }`, "const db = make();", "make();", "module.exports = db;"),
      "knexfile.js": lines("module.exports = {", `  client: "pg",`, `  migrations: { directory: "/srv/migrations" },`, "};"),
    },
    options: { packageJson: { main: "server.js" } },
    units: ["main: knexfile.js server.js"],
    diagnostics: ["orm/unknown-path knexfile.js:3:15"],
  },
];

describe("files an ORM client's options load", () => {
  it.each(cases)("$name", ({ files, options, units: expectedUnits, diagnostics = [] }) => {
    const { units, diagnostics: found } = analyzeUnits(files, options);
    expect(units.units.map((unit) => `${unit.id}: ${unit.files.join(" ")}`)).toEqual(expectedUnits);
    const orm = found.filter((d) => d.code.startsWith("orm/"));
    expect(orm.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"}`)).toEqual(diagnostics);
  });

  it("says which option, what it names and what to write", () => {
    const warned = cases.find((c) => c.name.startsWith("a path klotho cannot compute"));
    const { diagnostics } = analyzeUnits(warned?.files ?? {}, warned?.options);
    expect(diagnostics.filter((d) => d.code.startsWith("orm/")).map((d) => d.message)).toEqual([
      expect.stringContaining("klotho cannot compute the path this TypeORM option 'entities' holds"),
      expect.stringContaining("The TypeORM option 'entities' names 'dist/entity/*.js', which matches no module of the project"),
      expect.stringContaining("The TypeORM option 'migrations' names 'src/migration/*.ts', which matches only TypeScript files"),
    ]);
  });

  it("warns at a package.json script running an ORM's migrations, which no unit runs", () => {
    const manifest = { name: "library", main: "app.js", scripts: { start: "npx sequelize-cli db:migrate && node app.js", "db:undo": "sequelize-cli db:migrate:undo", test: "vitest" } };
    const files = {
      "package.json": JSON.stringify(manifest, null, 2),
      "app.js": lines(`const { Sequelize } = require("sequelize");`, `// @klotho::persist { id = "library" }`, "module.exports = new Sequelize(process.env.DATABASE_URL);"),
    };
    const { units } = analyzeUnits(files, { packageJson: manifest });
    const found = units.diagnostics.filter((d) => d.code === "orm/migration-script");
    expect(found.map((d) => `${d.range ? formatLocation(d.range) : "-"} ${d.message}`)).toEqual([
      expect.stringMatching(/^package\.json:5:14 The package\.json script 'start' runs 'sequelize-cli db:migrate', which never runs in the cloud: .* the database klotho creates is private to its VPC\./),
    ]);
    // No ORM client, no warning: the script migrates a database klotho does not make.
    expect(analyzeUnits({ ...files, "app.js": "module.exports = {};" }, { packageJson: manifest }).units.diagnostics.filter((d) => d.code === "orm/migration-script")).toEqual([]);
  });

  it("warns only at the scripts a deploy or start runs: lifecycle scripts and the scripts they run, not a script run by hand", () => {
    const scripts = {
      build: "tsc && yarn run seed",
      "db:migrate": "sequelize-cli db:migrate",
      "db:seed": "sequelize-cli db:seed:all",
      dev: "npm run db:migrate && nodemon app.js",
      migrate: "knex migrate:latest",
      postinstall: "prisma db push",
      prestart: "npm run -s migrate",
      seed: "knex seed:run",
      start: "node app.js",
    };
    const manifest = { name: "library", main: "app.js", scripts };
    const files = {
      "package.json": JSON.stringify(manifest, null, 2),
      "app.js": lines(`const { Sequelize } = require("sequelize");`, `// @klotho::persist { id = "library" }`, "module.exports = new Sequelize(process.env.DATABASE_URL);"),
    };
    const { units } = analyzeUnits(files, { packageJson: manifest });
    const found = units.diagnostics.filter((d) => d.code === "orm/migration-script");
    expect(found.map((d) => `${d.range ? formatLocation(d.range) : "-"} ${d.message.slice(0, d.message.indexOf(","))}`)).toEqual([
      "package.json:9:16 The package.json script 'migrate' runs 'knex migrate:latest'",
      "package.json:10:20 The package.json script 'postinstall' runs 'prisma db push'",
      "package.json:12:13 The package.json script 'seed' runs 'knex seed:run'",
    ]);
    expect(analyzeUnits({ ...files, "app.js": "module.exports = {};" }, { packageJson: manifest }).units.diagnostics.filter((d) => d.code === "orm/migration-script")).toEqual([]);
  });

  it("runs the modules an option names once the client's module has run, as the library loads them later: one importing it back sees its exports", () => {
    const { facts } = analyzeUnits(
      {
        "src/index.ts": SERVER,
        "src/data-source.ts": TYPEORM(`  subscribers: [__dirname + "/subscriber/*.{ts,js}"],`),
        "src/subscriber/audit.ts": lines(`import { AppDataSource } from "../data-source";`, `export const audits = AppDataSource.getRepository("Audit");`),
      },
      { packageJson: { main: "src/index.ts" } },
    );
    expect(summarizeFacts(facts, "object_use").filter((fact) => fact.includes("subscriber"))).toEqual(["object_use src/subscriber/audit.ts:2 getRepository src/data-source.ts:3"]);
  });
});
