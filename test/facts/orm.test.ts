import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type SourceTree } from "../helpers/program.js";

interface OrmCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
}

/** `orm_client <file:line> <library> <name>`, `object_use <file:line> <method> <client site>`. */
const clientCases: OrmCase[] = [
  {
    name: "Sequelize: named CommonJS import",
    files: { "db.js": lines(`const { Sequelize } = require("sequelize");`, "const sequelize = new Sequelize(process.env.DATABASE_URL);", "sequelize.authenticate();") },
    expected: ["orm_client db.js:2 sequelize sequelize", "object_use db.js:3 authenticate db.js:2"],
  },
  {
    name: "Sequelize: the module itself is the class",
    files: { "db.js": lines(`const Sequelize = require("sequelize");`, `const db = new Sequelize("postgres://localhost/app");`) },
    expected: ["orm_client db.js:2 sequelize db"],
  },
  {
    name: "Sequelize: exports.x = new Sequelize()",
    files: { "db.js": lines(`const { Sequelize } = require("sequelize");`, "exports.db = new Sequelize();") },
    expected: ["orm_client db.js:2 sequelize db"],
  },
  {
    name: "Sequelize: new (require(\"sequelize\"))() in module.exports",
    files: { "db.js": lines(`module.exports = new (require("sequelize"))();`) },
    expected: ["orm_client db.js:1 sequelize -"],
  },
  {
    name: "Sequelize: ESM default and named imports, sequelize-typescript",
    files: {
      "a.mjs": lines(`import Sequelize from "sequelize";`, "export const a = new Sequelize();"),
      "b.ts": lines(`import { Sequelize } from "sequelize-typescript";`, "export const b = new Sequelize({ dialect: 'postgres' });"),
    },
    expected: ["orm_client a.mjs:2 sequelize a", "orm_client b.ts:2 sequelize b"],
  },
  {
    name: "TypeORM: new DataSource({...}) and a repository",
    files: {
      "data-source.ts": lines(
        `import { DataSource } from "typeorm";`,
        `export const AppDataSource = new DataSource({ type: "postgres", url: process.env.DB });`,
        "await AppDataSource.initialize();",
        `const users = AppDataSource.getRepository("User");`,
        "await users.find();",
      ),
    },
    expected: [
      "orm_client data-source.ts:2 typeorm AppDataSource",
      "object_use data-source.ts:3 initialize data-source.ts:2",
      "object_use data-source.ts:4 getRepository data-source.ts:2",
      "object_use data-source.ts:5 find data-source.ts:2",
    ],
  },
  {
    name: "TypeORM: CommonJS",
    files: { "ds.js": lines(`const typeorm = require("typeorm");`, "const ds = new typeorm.DataSource({});") },
    expected: ["orm_client ds.js:2 typeorm ds"],
  },
  {
    name: "Prisma: a class field and a model delegate",
    files: {
      "repo.ts": lines(
        `import { PrismaClient } from "@prisma/client";`,
        "export class UserRepository {",
        "  private readonly db = new PrismaClient();",
        "  list() {",
        "    return this.db.user.findMany();",
        "  }",
        "}",
      ),
    },
    expected: ["orm_client repo.ts:3 prisma db", "object_use repo.ts:5 findMany repo.ts:3"],
  },
  {
    name: "Sequelize: a model reached through a property of the client (sequelize.models.User)",
    files: { "db.js": lines(`const { Sequelize } = require("sequelize");`, "const sequelize = new Sequelize();", "const { User } = sequelize.models;", "sequelize.models.User.findAll();", "User.count();") },
    expected: ["orm_client db.js:2 sequelize sequelize", "object_use db.js:4 findAll db.js:2", "object_use db.js:5 count db.js:2"],
  },
  {
    name: "Prisma: CommonJS, $connect and a promise chain",
    files: { "p.js": lines(`const { PrismaClient } = require("@prisma/client");`, "const prisma = new PrismaClient();", "prisma.$connect().then(() => {});") },
    expected: ["orm_client p.js:2 prisma prisma", "object_use p.js:3 $connect p.js:2"],
  },
  {
    name: "knex: require(\"knex\")({...}) and a query",
    files: { "k.js": lines(`const db = require("knex")({ client: "pg" });`, `db("users").where({ id: 1 });`) },
    expected: ["orm_client k.js:1 knex db", "object_use k.js:2 call k.js:1", "object_use k.js:2 where k.js:1"],
  },
  {
    name: "knex: ESM named and default imports",
    files: {
      "a.mjs": lines(`import { knex } from "knex";`, `export const a = knex({ client: "pg" });`),
      "b.mjs": lines(`import Knex from "knex";`, `export const b = Knex({ client: "pg" });`),
    },
    expected: ["orm_client a.mjs:2 knex a", "orm_client b.mjs:2 knex b"],
  },
  {
    name: "a local class named Sequelize is not an ORM client",
    files: { "a.js": lines("class Sequelize {}", "const db = new Sequelize();", "db.query();") },
    expected: [],
  },
  {
    name: "other exports of the ORM packages create nothing",
    files: { "a.mjs": lines(`import { Op, DataTypes } from "sequelize";`, `import { Entity } from "typeorm";`, "const x = new DataTypes.STRING();", "Entity()(class {});") },
    expected: [],
  },
];

const useCases: OrmCase[] = [
  {
    name: "a model defined in one file and queried in another",
    files: {
      "db.js": lines(`const { Sequelize } = require("sequelize");`, "const sequelize = new Sequelize();", `exports.User = sequelize.define("User", {});`),
      "routes.js": lines(`const { User } = require("./db");`, "exports.list = async () => User.findAll();"),
    },
    expected: ["orm_client db.js:2 sequelize sequelize", "object_use db.js:3 define db.js:2", "object_use routes.js:2 findAll db.js:2"],
  },
  {
    name: "a Prisma client imported from an ES module",
    files: {
      "client.mjs": lines(`import { PrismaClient } from "@prisma/client";`, "export const prisma = new PrismaClient();"),
      "posts.mjs": lines(`import { prisma } from "./client.mjs";`, "export const posts = () => prisma.post.findMany({ take: 10 });"),
    },
    expected: ["orm_client client.mjs:2 prisma prisma", "object_use posts.mjs:2 findMany client.mjs:2"],
  },
];

describe("ORM clients", () => {
  it.each(clientCases)("$name", ({ files, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files);
    expect(diagnostics).toEqual([]);
    expect(summarizeFacts(facts, "orm_client", "object_use")).toEqual(expected);
  });
});

describe("calls through ORM clients", () => {
  it.each(useCases)("$name", ({ files, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files);
    expect(diagnostics).toEqual([]);
    expect(summarizeFacts(facts, "orm_client", "object_use")).toEqual(expected);
  });
});
