// Golden tests: every folder under test/fixtures/<theme>/<case>/ is a project compiled through the
// real CLI; its stdout, stderr and exit code, resources.json and the unit folders (rewritten code,
// package.json, Dockerfile, unit.json; not the copied runtime or source maps) must equal the files
// checked in under <case>/.expected/ (a dot folder, so klotho never reads it as project code). For
// a few cases the Pulumi program (index.ts) is kept too, so changes to it are reviewed as diffs.
// After a deliberate change, `npm run fixtures:update` rewrites them; review the diff.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
/** Cases whose Pulumi program is a golden file: one per kind of infrastructure. */
const PROGRAM_GOLDENS = new Set([
  "capabilities/pubsub-cjs-units",
  "capabilities/pubsub-helper-callers",
  "capabilities/static-site",
  "express/redis-kinds",
  "express/seed-two-units",
  "express/ts-esm",
  "storage/esm-two-units",
]);
const UPDATE = process.env["UPDATE_FIXTURES"] === "1";
const scratch = mkdtempSync(path.join(os.tmpdir(), "klotho-fixtures-"));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Options a fixture may set in fixture.json. */
interface FixtureOptions {
  readonly app?: string;
  readonly args?: readonly string[];
}

function fixtureCases(): { name: string; dir: string }[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((theme) => theme.isDirectory())
    .flatMap((theme) =>
      readdirSync(path.join(FIXTURES, theme.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => ({ name: `${theme.name}/${entry.name}`, dir: path.join(FIXTURES, theme.name, entry.name) })),
    )
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

function readOptions(dir: string): FixtureOptions {
  const file = path.join(dir, "fixture.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as FixtureOptions) : {};
}

/** Compares `actual` with the expected file, or writes it when updating. */
function golden(dir: string, name: string, actual: string | undefined): void {
  const file = path.join(dir, ".expected", name);
  if (UPDATE) {
    if (actual === undefined) rmSync(file, { force: true });
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, actual);
    }
    return;
  }
  const expected = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  expect(actual, `${name} differs; run npm run fixtures:update and review the diff`).toBe(expected);
}

/** Files of the unit folders worth reviewing: everything but the copied runtime modules and source maps. */
function unitFiles(compiled: string): string[] {
  if (!existsSync(compiled)) return [];
  return listFiles(compiled).filter(
    (file) => file.includes("/") && !file.endsWith(".map") && !/\/klotho_runtime\/(?!unit\.json$)[^/]+$/.test(file),
  );
}

function listFiles(root: string, prefix = ""): string[] {
  return readdirSync(path.join(root, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      return entry.isDirectory() ? listFiles(root, relative) : [relative];
    })
    .sort();
}

describe("fixture projects", () => {
  it.each(fixtureCases())("$name", async ({ name, dir }) => {
    const options = readOptions(dir);
    const cwd = mkdtempSync(path.join(scratch, "case-"));
    const app = options.app ?? path.basename(dir);
    const result = await runCli([dir, "--app", app, "--provider", "aws", "-o", "compiled", ...(options.args ?? [])], { cwd });
    const transcript = [`exit ${result.code}`, "--- stdout", result.stdout.trimEnd(), "--- stderr", result.stderr.trimEnd(), ""].join("\n");
    golden(dir, "output.txt", transcript.replaceAll(dir, `<fixtures>/${name}`));
    const compiled = path.join(cwd, "compiled");
    const resources = path.join(compiled, "resources.json");
    golden(dir, "resources.json", existsSync(resources) ? readFileSync(resources, "utf8") : undefined);
    if (PROGRAM_GOLDENS.has(name)) golden(dir, "index.ts", readFileSync(path.join(compiled, "index.ts"), "utf8"));
    const expectedUnits = path.join(dir, ".expected", "units");
    if (UPDATE) rmSync(expectedUnits, { recursive: true, force: true });
    const actualUnits = unitFiles(compiled);
    for (const file of actualUnits) golden(dir, `units/${file}`, readFileSync(path.join(compiled, file), "utf8"));
    if (!UPDATE) expect(actualUnits, "unit folders differ").toEqual(existsSync(expectedUnits) ? listFiles(expectedUnits) : []);
  });
});
