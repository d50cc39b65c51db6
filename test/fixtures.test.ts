// Golden tests: every folder under test/fixtures/<theme>/<case>/ is a project compiled through the
// real CLI; its stdout, stderr, exit code and resources.json must equal the checked-in
// expected.* files. After a deliberate change, `npm run fixtures:update` rewrites them; review the diff.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/run-cli.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures");
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
  const file = path.join(dir, name);
  if (UPDATE) {
    if (actual === undefined) rmSync(file, { force: true });
    else writeFileSync(file, actual);
    return;
  }
  const expected = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  expect(actual, `${name} differs; run npm run fixtures:update and review the diff`).toBe(expected);
}

describe("fixture projects", () => {
  it.each(fixtureCases())("$name", async ({ name, dir }) => {
    const options = readOptions(dir);
    const cwd = mkdtempSync(path.join(scratch, "case-"));
    const app = options.app ?? path.basename(dir);
    const result = await runCli([dir, "--app", app, "--provider", "aws", "-o", "compiled", ...(options.args ?? [])], { cwd });
    const transcript = [`exit ${result.code}`, "--- stdout", result.stdout.trimEnd(), "--- stderr", result.stderr.trimEnd(), ""].join("\n");
    golden(dir, "expected.output.txt", transcript.replaceAll(dir, `<fixtures>/${name}`));
    const resources = path.join(cwd, "compiled", "resources.json");
    golden(dir, "expected.resources.json", existsSync(resources) ? readFileSync(resources, "utf8") : undefined);
  });
});
