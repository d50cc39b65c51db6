import path from "node:path";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact } from "../facts/index.js";
import type { Project } from "../load/project.js";
import type { Resource } from "../plan/index.js";
import type { SourceRange } from "../util/source-range.js";

/** What a unit that makes a Prisma client needs in its image: the schema to generate the client from. */
export interface PrismaGeneration {
  /** The schema's path, project-relative (a file or a folder). */
  readonly schema: string;
  /** Where the unit's code makes the client. */
  readonly client: SourceRange;
  /** The schema file (or the files of a schema folder), project-relative, to carry into the unit. */
  readonly schemaFiles: readonly string[];
  /** The schema's path as `prisma generate --schema` takes it; undefined for Prisma's default, `prisma/schema.prisma`. */
  readonly schemaOption?: string;
}

const DEFAULT_SCHEMA = "prisma/schema.prisma";

/**
 * For a unit whose files make a `new PrismaClient()`: `@prisma/client` only works once `prisma generate`
 * has written the client for the schema, on the platform that runs it, so the image carries the
 * schema (package.json `prisma.schema`, else `prisma/schema.prisma`, a file or a folder of them) and
 * generates the client there. Undefined for a unit without a Prisma client.
 */
export function prismaGeneration(project: Project, facts: readonly Fact[], unit: Resource): PrismaGeneration | undefined {
  const clients = prismaClients(facts);
  if (clients.length === 0) return undefined;
  const files = new Set(unit.files ?? []);
  const client = clients.find((fact) => files.has(fact.range.file));
  if (client === undefined) return undefined;
  const configured = configuredSchema(project.packageJson.data["prisma"]);
  const schema = configured === undefined ? DEFAULT_SCHEMA : path.posix.normalize(configured.replaceAll("\\", "/")).replace(/^\.\//, "");
  // A schema outside the project (`../shared/schema.prisma`) is not carried: the unit's folder is its image's build context.
  const schemaFiles = project.otherFiles.filter((file) => file === schema || (file.startsWith(`${schema}/`) && file.endsWith(".prisma")));
  return { schema, client: client.range, schemaFiles, ...(schema !== DEFAULT_SCHEMA ? { schemaOption: schema } : {}) };
}

// The Prisma clients of a compile's facts, found once: every unit asks (twice), and most apps make none.
const clientsOf = new WeakMap<readonly Fact[], readonly Fact[]>();

function prismaClients(facts: readonly Fact[]): readonly Fact[] {
  let clients = clientsOf.get(facts);
  if (!clients) clientsOf.set(facts, (clients = facts.filter((fact) => fact.kind === "orm_client" && fact.library === "prisma")));
  return clients;
}

/** package.json `prisma.schema`, when it is a string. */
function configuredSchema(settings: unknown): string | undefined {
  if (typeof settings !== "object" || settings === null) return undefined;
  const schema: unknown = Reflect.get(settings, "schema");
  return typeof schema === "string" ? schema : undefined;
}

/**
 * The Dockerfile step that generates the Prisma client, after the unit's files are copied in: with the
 * `prisma` CLI of the version of the `@prisma/client` the image installed, which the two must share.
 */
export function prismaGenerateStep(generation: PrismaGeneration): string {
  const schema = generation.schemaOption !== undefined ? ` --schema ${JSON.stringify(generation.schemaOption)}` : "";
  return `RUN npx --yes prisma@$(node -p "require('@prisma/client/package.json').version") generate${schema}`;
}

/** A warning for each unit whose Prisma client has no schema in the project to generate from. */
export function missingPrismaSchemas(project: Project, facts: readonly Fact[], units: readonly Resource[]): Diagnostic[] {
  return units.flatMap((unit) => {
    const generation = prismaGeneration(project, facts, unit);
    return generation !== undefined && generation.schemaFiles.length === 0 ? [createDiagnostic("transform/prisma-schema-missing", { range: generation.client }, unit.name, generation.schema)] : [];
  });
}
