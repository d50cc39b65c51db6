// ORM clients connect to the RDS database klotho creates, which refuses connections without TLS:
// a project with one client of each library is compiled, stand-ins for the libraries record what
// the rewritten code constructs them with, and the unit's Dockerfile makes the image trust RDS's CAs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { runCli } from "../helpers/run-cli.js";

const scratch = mkdtempSync(path.join(os.tmpdir(), "klotho-orm-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

const URL = "postgresql://klotho:pw@db.abc.eu-west-1.rds.amazonaws.com:5432/shop";
const IDS = ["seq", "orm", "prisma", "query"];
afterEach(() => {
  for (const id of IDS) Reflect.deleteProperty(process.env, `KLOTHO_ORM_${id.toUpperCase()}_CONNECTION_STRING`);
});

/** Stand-ins for the ORM packages: each records the arguments it is constructed with. */
const STAND_INS: Readonly<Record<string, string>> = {
  "sequelize/index.js": "exports.Sequelize = class { constructor(...args) { this.args = args; } };",
  "typeorm/index.js": "exports.DataSource = class { constructor(...args) { this.args = args; } };",
  "@prisma/client/index.js": "exports.PrismaClient = class { constructor(...args) { this.args = args; } };",
  "knex/index.js": "module.exports = (...args) => ({ args });",
};

const PROJECT: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "shop", dependencies: { express: "*", sequelize: "*", typeorm: "*", "@prisma/client": "*", knex: "*" } }),
  "db.js": lines(
    `const { Sequelize } = require("sequelize");`,
    `const { DataSource } = require("typeorm");`,
    `const { PrismaClient } = require("@prisma/client");`,
    `const knex = require("knex");`,
    "const options = { logging: false, dialectOptions: { statement_timeout: 5000 } };",
    `// @klotho::persist { id = "seq" }`,
    "exports.seq = new Sequelize(process.env.DB, options);",
    `// @klotho::persist { id = "orm" }`,
    `exports.orm = new DataSource({ type: "postgres", url: process.env.DB, entities: ["User"], extra: { max: 4 } });`,
    `// @klotho::persist { id = "prisma" }`,
    `exports.prisma = new PrismaClient({ log: ["query"] });`,
    `// @klotho::persist { id = "query" }`,
    `exports.query = knex({ client: "pg", connection: { host: "localhost", ssl: { ca: "my CA" }, statement_timeout: 1000 }, pool: { min: 0, max: 2 } });`,
  ),
  "index.js": lines(
    `const express = require("express");`,
    `const db = require("./db");`,
    "const app = express();",
    `app.get("/", async (req, res) => res.json([await db.seq.query("select 1"), await db.orm.query("select 1"), await db.prisma.user.findMany(), await db.query("users")]));`,
    `/* @klotho::expose { id = "api", target = "public" } */`,
    "app.listen(3000);",
  ),
};

/** Compiles the project (with `files` added) and returns the compiled folder. */
async function compile(files: Readonly<Record<string, string>> = {}): Promise<string> {
  const cwd = mkdtempSync(path.join(scratch, "compile-"));
  for (const [file, text] of Object.entries({ ...PROJECT, ...files })) {
    mkdirSync(path.dirname(path.join(cwd, "project", file)), { recursive: true });
    writeFileSync(path.join(cwd, "project", file), text);
  }
  const result = await runCli(["project", "--app", "shop", "--provider", "aws", "-o", "compiled"], { cwd });
  expect(result.code, result.stderr).toBe(0);
  return path.join(cwd, "compiled");
}

/** Loads the compiled unit's db.js beside the stand-ins, with every database at `url`; what each client was made with. */
function constructed(compiled: string, url: string): Record<string, unknown[]> {
  for (const [file, text] of Object.entries(STAND_INS)) {
    mkdirSync(path.dirname(path.join(compiled, "main", "node_modules", file)), { recursive: true });
    writeFileSync(path.join(compiled, "main", "node_modules", file), text);
  }
  for (const id of IDS) process.env[`KLOTHO_ORM_${id.toUpperCase()}_CONNECTION_STRING`] = url;
  const clients: unknown = createRequire(path.join(compiled, "main", "index.js"))("./db.js");
  const args = (id: string): unknown[] => {
    const client: unknown = Reflect.get(clients as object, id);
    const recorded: unknown = Reflect.get(client as object, "args");
    return Array.isArray(recorded) ? recorded : [];
  };
  return Object.fromEntries(IDS.map((id) => [id, args(id)]));
}

describe("ORM clients connect to the RDS database with TLS", () => {
  it("gives each library TLS with the server's certificate verified, keeping the user's options", async () => {
    const made = constructed(await compile(), URL);
    expect(made["seq"]).toEqual([URL, { logging: false, dialect: "postgres", dialectOptions: { statement_timeout: 5000, ssl: { rejectUnauthorized: true } } }]);
    expect(made["orm"]).toEqual([{ type: "postgres", url: URL, entities: ["User"], extra: { max: 4 }, ssl: { rejectUnauthorized: true } }]);
    // Prisma's engine takes its TLS settings in the URL, in its own terms: require, not pg's verify-full.
    expect(made["prisma"]).toEqual([{ log: ["query"], datasources: undefined, datasourceUrl: `${URL}?sslmode=require` }]);
    // knex keeps the user's connection settings and their ssl (a CA of their own), with klotho's connection string.
    expect(made["query"]).toEqual([
      {
        client: "pg",
        pool: { min: 0, max: 2 },
        connection: { host: "localhost", statement_timeout: 1000, connectionString: URL, ssl: { rejectUnauthorized: true, ca: "my CA" } },
      },
    ]);
  });

  it("turns TLS off when the connection string says sslmode=disable (a local database)", async () => {
    const local = "postgresql://me:pw@127.0.0.1:5432/shop?sslmode=disable";
    const made = constructed(await compile(), local);
    expect(made["seq"]?.[1]).toMatchObject({ dialectOptions: { ssl: false } });
    expect(made["orm"]?.[0]).toMatchObject({ ssl: false });
    expect(made["prisma"]?.[0]).toMatchObject({ datasourceUrl: local });
    expect(made["query"]?.[0]).toMatchObject({ connection: { ssl: false } });
  });

  it("makes the unit's image trust the RDS certificate authorities: Lambda's own bundle, or RDS's in a container", async () => {
    const lambda = readFileSync(path.join(await compile(), "main", "Dockerfile"), "utf8").split("\n");
    expect(lambda.slice(0, 4)).toEqual([
      "FROM public.ecr.aws/lambda/nodejs:22",
      "ENV NODE_ENV=production",
      "# The RDS database takes TLS connections only: trust its CAs, and connect pg and libpq with TLS, verified.",
      "ENV NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem PGSSLROOTCERT=/var/runtime/ca-cert.pem PGSSLMODE=verify-full",
    ]);
    const ecs = readFileSync(path.join(await compile({ "klotho.yaml": lines("execution_units:", "  main:", "    type: ecs") }), "main", "Dockerfile"), "utf8").split("\n");
    expect(ecs.slice(3, 6)).toEqual([
      "# The RDS database takes TLS connections only: trust its CAs, and connect pg and libpq with TLS, verified.",
      "ADD https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem",
      "ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/rds-global-bundle.pem PGSSLROOTCERT=/etc/ssl/certs/rds-global-bundle.pem PGSSLMODE=verify-full",
    ]);
  });
});
