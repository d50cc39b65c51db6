// A unit making a PrismaClient carries the schema and generates the client in its image, with the project's prisma version.
import { describe, expect, it } from "vitest";
import type { Fact } from "../../src/facts/index.js";
import type { Project } from "../../src/load/project.js";
import type { Resource } from "../../src/plan/index.js";
import { missingPrismaSchemas, prismaGenerateStep, prismaGeneration } from "../../src/transform/prisma.js";

const range = { file: "db.js", start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 20, offset: 19 } };
const client: Fact = { kind: "orm_client", id: "db.js:0", library: "prisma", range };
const unit: Resource = { id: "exec_unit:api", kind: "exec_unit", name: "api", type: "lambda", params: {}, entrypoint: "index.js", files: ["index.js", "db.js"], source: [], provenance: [] };

function project(data: Record<string, unknown>, otherFiles: readonly string[]): Project {
  return { root: "/app", packageJson: { path: "/app/package.json", data: { name: "app", ...data } }, files: [], otherFiles };
}

describe("prismaGeneration", () => {
  it("carries prisma/schema.prisma and generates with the prisma CLI of the installed @prisma/client's version", () => {
    const generation = prismaGeneration(project({ dependencies: { "@prisma/client": "5.9.0" } }, ["prisma/schema.prisma", "README.md"]), [client], unit);
    expect(generation).toMatchObject({ schema: "prisma/schema.prisma", schemaFiles: ["prisma/schema.prisma"] });
    expect(prismaGenerateStep(generation ?? expect.fail())).toBe(`RUN npx --yes prisma@$(node -p "require('@prisma/client/package.json').version") generate`);
  });

  it("follows package.json prisma.schema to a folder of schema files, and names it to prisma generate", () => {
    const generation = prismaGeneration(project({ prisma: { schema: "./db/schema" } }, ["db/schema/a.prisma", "db/schema/b.prisma", "db/schema/notes.md"]), [client], unit);
    expect(generation).toMatchObject({ schemaFiles: ["db/schema/a.prisma", "db/schema/b.prisma"] });
    expect(prismaGenerateStep(generation ?? expect.fail())).toMatch(/ generate --schema "db\/schema"$/);
  });

  it("carries nothing for a schema outside the project, and does nothing for a unit without a Prisma client", () => {
    expect(prismaGeneration(project({ prisma: { schema: "../shared/schema.prisma" } }, ["prisma/schema.prisma"]), [client], unit)?.schemaFiles).toEqual([]);
    expect(prismaGeneration(project({}, ["prisma/schema.prisma"]), [{ ...client, range: { ...range, file: "other.js" } }], unit)).toBeUndefined();
  });

  it("warns at the client when there is no schema to generate from", () => {
    expect(missingPrismaSchemas(project({}, []), [client], [unit]).map((d) => `${d.code} ${d.range?.file ?? "?"}:${d.range?.start.line ?? 0}`)).toEqual(["transform/prisma-schema-missing db.js:1"]);
    expect(missingPrismaSchemas(project({}, ["prisma/schema.prisma"]), [client], [unit])).toEqual([]);
  });
});
