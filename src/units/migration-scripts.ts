import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact } from "../facts/index.js";
import type { Project } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { LineIndex } from "../util/line-index.js";
import type { SourceRange } from "../util/source-range.js";

/**
 * The commands of the ORMs' command-line tools that create or change a database's schema:
 * sequelize-cli's `db:migrate` (and `db:seed`), TypeORM's `migration:run` / `schema:sync`, knex's
 * `migrate:latest` / `migrate:up` / `seed:run`, Prisma's `migrate deploy` / `db push`.
 */
const MIGRATION_COMMAND =
  /\b(?:sequelize(?:-cli)?\s+db:(?:migrate|seed)(?!:undo)\S*|typeorm(?:-ts-node-(?:commonjs|esm))?\s+(?:\S+\s+)*?(?:migration:run|schema:sync)|knex\s+(?:\S+\s+)*?(?:migrate:(?:latest|up)|seed:run)|prisma\s+(?:migrate\s+deploy|db\s+push))\b/;

/**
 * A package.json script that runs an ORM's migrations (`"start": "sequelize-cli db:migrate && node app.js"`),
 * in a project making an ORM client: a warning at the script, since a unit never runs npm scripts (Lambda
 * calls the dispatcher, an ECS image runs node) and the database is private to the VPC, out of reach of
 * the machine running `pulumi up`. The schema must be created by the app when it starts (README).
 */
export function migrationScripts(project: Project, facts: readonly Fact[]): Diagnostic[] {
  const client = facts.find((fact) => fact.kind === "orm_client");
  if (!client) return [];
  const scripts = project.packageJson.data["scripts"];
  if (typeof scripts !== "object" || scripts === null) return [];
  const manifest = project.dataFiles?.find((file) => file.path === "package.json");
  const diagnostics: Diagnostic[] = [];
  for (const [name, command] of Object.entries(scripts).sort(([a], [b]) => compareStrings(a, b))) {
    if (typeof command !== "string") continue;
    const match = MIGRATION_COMMAND.exec(command);
    if (!match) continue;
    const range = manifest ? scriptRange(manifest.text, name, command) : undefined;
    diagnostics.push(createDiagnostic("orm/migration-script", { range: range ?? client.range }, name, match[0]));
  }
  return diagnostics;
}

/** Where the script `name` is written in package.json's text (its value after its key), when it is found as written. */
function scriptRange(text: string, name: string, command: string): SourceRange | undefined {
  const key = text.indexOf(JSON.stringify(name));
  const value = key < 0 ? -1 : text.indexOf(JSON.stringify(command), key);
  if (value < 0) return undefined;
  return new LineIndex(text).range("package.json", value, value + JSON.stringify(command).length);
}
