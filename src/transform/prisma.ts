import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact } from "../facts/index.js";
import type { Project } from "../load/project.js";
import type { Resource } from "../plan/index.js";
import type { SourceRange } from "../util/source-range.js";

/** What a unit that makes a Prisma client needs in its image: the schema, and the CLI that generates the client from it. */
export interface PrismaGeneration {
  /** The schema's path, project-relative (a file or a folder). */
  readonly schema: string;
  /** Where the unit's code makes the client. */
  readonly client: SourceRange;
  /** The schema file (or the files of a schema folder), project-relative, to carry into the unit. */
  readonly schemaFiles: readonly string[];
  /** The schema's path as `prisma generate --schema` takes it; undefined for Prisma's default, `prisma/schema.prisma`. */
  readonly schemaOption?: string;
  /** The `prisma` package to run: `prisma@<the project's range>`, the version its `@prisma/client` must match. */
  readonly cli: string;
}

const DEFAULT_SCHEMA = "prisma/schema.prisma";
/** A version range npm reads as one: `5.10.2`, `^5.10.0`, `~5.10`, `5`. */
const VERSION_RANGE = /^[~^]?\d+(?:\.\d+){0,2}(?:-[0-9A-Za-z.-]+)?$/;

/**
 * For a unit whose files make a `new PrismaClient()`: `@prisma/client` only works once `prisma generate`
 * has written the client for the schema, on the platform that runs it, so the image carries the
 * schema (package.json `prisma.schema`, else `prisma/schema.prisma`, a file or a folder of them) and
 * runs the project's own `prisma` version. Undefined for a unit without a Prisma client.
 */
export function prismaGeneration(project: Project, facts: readonly Fact[], unit: Resource): PrismaGeneration | undefined {
  const files = new Set(unit.files ?? []);
  const client = facts.find((fact) => fact.kind === "orm_client" && fact.library === "prisma" && files.has(fact.range.file));
  if (client === undefined) return undefined;
  const configured = (project.packageJson.data["prisma"] as { schema?: unknown } | undefined)?.schema;
  const schema = typeof configured === "string" ? path.posix.normalize(configured.replaceAll("\\", "/")).replace(/^\.\//, "") : DEFAULT_SCHEMA;
  const schemaFiles = project.otherFiles.filter((file) => file === schema || (file.startsWith(`${schema}/`) && file.endsWith(".prisma")));
  const range = dependencyRange(project, "prisma") ?? dependencyRange(project, "@prisma/client");
  return { schema, client: client.range, schemaFiles, ...(schema !== DEFAULT_SCHEMA ? { schemaOption: schema } : {}), cli: range !== undefined && VERSION_RANGE.test(range) ? `prisma@${range}` : "prisma" };
}

function dependencyRange(project: Project, name: string): string | undefined {
  for (const field of ["dependencies", "devDependencies"]) {
    const range = (project.packageJson.data[field] as Record<string, unknown> | undefined)?.[name];
    if (typeof range === "string") return range;
  }
  return undefined;
}

/** The Dockerfile step that generates the Prisma client, after the unit's files are copied in. */
export function prismaGenerateStep(generation: PrismaGeneration): string {
  const schema = generation.schemaOption !== undefined ? ` --schema ${JSON.stringify(generation.schemaOption)}` : "";
  return `RUN npx --yes ${JSON.stringify(generation.cli)} generate${schema}`;
}

/** A warning for each unit whose Prisma client has no schema to generate from. */
export function missingPrismaSchemas(project: Project, facts: readonly Fact[], units: readonly Resource[]): Diagnostic[] {
  return units.flatMap((unit) => {
    const generation = prismaGeneration(project, facts, unit);
    return generation !== undefined && generation.schemaFiles.length === 0 ? [createDiagnostic("transform/prisma-schema-missing", { range: generation.client }, unit.name, generation.schema)] : [];
  });
}
