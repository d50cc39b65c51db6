// A TypeScript app whose TypeORM DataSource loads its entities by a glob from __dirname, compiled by the real
// CLI and served through the unit's dispatcher. A stand-in `typeorm` package (beside the compiled units)
// loads the entities as TypeORM does: it matches the glob in the unit's folder and requires each file. Without
// the entity modules in the unit, or with their TypeScript copied beside the JavaScript, the route fails.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { v1Event } from "../runtime/api-gateway-events.js";
import { compileFiles, jsonOf, setEnv, v1Result, type CompiledProject } from "./support.js";

/** TypeORM's loading of entities by path, reduced: `dir/*.{a,b}` patterns, each match required, its classes kept. */
const FAKE_TYPEORM = lines(
  `"use strict";`,
  `const fs = require("fs"); const path = require("path");`,
  "class DataSource {",
  "  constructor(options) { this.options = options; this.entityNames = []; }",
  "  async initialize() {",
  "    for (const pattern of this.options.entities) {",
  "      const dir = path.dirname(pattern);",
  "      const [, stem, alternatives] = /^(.*)\\{(.*)\\}$/.exec(path.basename(pattern));",
  `      const extensions = alternatives.split(",").map((e) => stem.replace("*", "") + e);`,
  "      for (const file of fs.readdirSync(dir).sort()) {",
  "        if (!extensions.some((e) => file.endsWith(e))) continue;",
  "        for (const value of Object.values(require(path.join(dir, file)))) this.entityNames.push(value.name);",
  "      }",
  "    }",
  "    return this;",
  "  }",
  "}",
  "module.exports = { DataSource };",
);

const compiledProjects: CompiledProject[] = [];
afterAll(() => {
  for (const project of compiledProjects) project.remove();
});

describe("files an ORM loads by path", () => {
  it("TypeORM entities named by a glob from __dirname are in the unit, compiled, and found there by the glob's .js alternative", async () => {
    const project = await compileFiles(
      {
        "package.json": JSON.stringify({ name: "shop", main: "src/index.ts", dependencies: { express: "^4.21.0", typeorm: "^0.3.20" } }),
        "tsconfig.json": JSON.stringify({ compilerOptions: { target: "es2021", module: "commonjs", esModuleInterop: true, strict: true } }),
        "src/index.ts": lines(
          `import express from "express";`,
          `import { dataSource } from "./data-source";`,
          "const app = express();",
          `app.get("/entities", async (_req, res) => { await dataSource.initialize(); res.json(dataSource.entityNames); });`,
          `/** @klotho::expose { id = "api", target = "public" } */`,
          "app.listen(3000);",
        ),
        "src/data-source.ts": lines(
          `// @klotho::embed_assets { include = ["scripts/*.ts"] }`,
          `import { DataSource } from "typeorm";`,
          `/** @klotho::persist { id = "db" } */`,
          `export const dataSource = new DataSource({ type: "postgres", entities: [__dirname + "/entity/*.{ts,js}"] });`,
        ),
        "src/entity/Product.ts": lines(`import { Category } from "./Category";`, "export class Product { category?: Category; }"),
        "src/entity/Category.ts": "export class Category {}",
        "src/scripts/seed.ts": `export const rows: number[] = [1, 2];`,
      },
      "shop",
    );
    compiledProjects.push(project);
    const unit = project.unitDir("main");
    const fake = path.join(path.dirname(unit), "node_modules", "typeorm");
    mkdirSync(fake, { recursive: true });
    writeFileSync(path.join(fake, "index.js"), FAKE_TYPEORM);
    expect(["src/entity/Product.js", "src/entity/Product.ts", "src/scripts/seed.js", "src/scripts/seed.ts"].map((file) => `${file}: ${existsSync(path.join(unit, file))}`)).toEqual([
      "src/entity/Product.js: true",
      "src/entity/Product.ts: false",
      "src/scripts/seed.js: true",
      "src/scripts/seed.ts: false",
    ]);
    const restore = setEnv({ KLOTHO_ORM_DB_CONNECTION_STRING: "postgres://localhost/shop" });
    try {
      const answer = v1Result(await project.handler("main")(v1Event({ path: "/entities" })));
      expect([answer.statusCode, jsonOf(answer)]).toEqual([200, ["Category", "Product"]]);
    } finally {
      restore();
    }
  });
});
