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
 * The npm lifecycle scripts a deploy or a start would run (`npm start`, `npm install`'s postinstall and
 * prepare, `npm run build` and its pre/post hooks): a migration in one of them is one the user expects to
 * run in the cloud. Any other script (`"db:migrate": "sequelize-cli db:migrate"`) is run by hand.
 */
const LIFECYCLE_SCRIPTS: ReadonlySet<string> = new Set(["start", "prestart", "poststart", "postinstall", "prepare", "build", "prebuild", "postbuild"]);

/** A script run from another: `npm run x`, `npm run-script x`, `yarn x`, `yarn run x`, `pnpm x`, `pnpm run x`; its name is group 1. */
const SCRIPT_CALL = /(?:^|[\s;&|(])(?:npm\s+(?:run|run-script)|yarn(?:\s+run)?|pnpm(?:\s+run)?)\s+(?:--?[\w-]+\s+)*([\w:.@/-]+)/g;

/**
 * A package.json script that runs an ORM's migrations (`"start": "sequelize-cli db:migrate && node app.js"`),
 * in a project making an ORM client, when a deploy or start would run it: a lifecycle script, or a script one
 * of them runs (one level: `"start": "npm run migrate && node app.js"`). A warning at the script, since a unit
 * never runs npm scripts (Lambda calls the dispatcher, an ECS image runs node) and the database is private to
 * the VPC, out of reach of the machine running `pulumi up`. The schema must be created by the app when it
 * starts (README). A script the user runs by hand (`"db:migrate"`) is not warned.
 */
export function migrationScripts(project: Project, facts: readonly Fact[]): Diagnostic[] {
  const client = facts.find((fact) => fact.kind === "orm_client");
  if (!client) return [];
  const scripts = project.packageJson.data["scripts"];
  if (typeof scripts !== "object" || scripts === null) return [];
  const manifest = project.dataFiles?.find((file) => file.path === "package.json");
  const commands = new Map(Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const run = deployScripts(commands);
  const diagnostics: Diagnostic[] = [];
  for (const [name, command] of [...commands].sort(([a], [b]) => compareStrings(a, b))) {
    if (!run.has(name)) continue;
    const match = MIGRATION_COMMAND.exec(command);
    if (!match) continue;
    const range = manifest ? scriptRange(manifest.text, name, command) : undefined;
    diagnostics.push(createDiagnostic("orm/migration-script", { range: range ?? client.range }, name, match[0]));
  }
  return diagnostics;
}

/** The scripts a deploy or start runs: the lifecycle scripts present, and the scripts they run by name (one level). */
function deployScripts(commands: ReadonlyMap<string, string>): Set<string> {
  const run = new Set([...commands.keys()].filter((name) => LIFECYCLE_SCRIPTS.has(name)));
  for (const name of [...run]) {
    for (const call of (commands.get(name) ?? "").matchAll(SCRIPT_CALL)) {
      const called = call[1];
      if (called !== undefined && commands.has(called)) run.add(called);
    }
  }
  return run;
}

/** Where the script `name` is written in package.json's text (its value after its key), when it is found as written. */
function scriptRange(text: string, name: string, command: string): SourceRange | undefined {
  const key = text.indexOf(JSON.stringify(name));
  const value = key < 0 ? -1 : text.indexOf(JSON.stringify(command), key);
  if (value < 0) return undefined;
  return new LineIndex(text).range("package.json", value, value + JSON.stringify(command).length);
}
