import { readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every project under test/fixtures/<theme>/<case>/ and examples/pugs, by its path relative to the repository (`name`) and absolute (`dir`). */
export function fixtureProjects(): { readonly name: string; readonly dir: string }[] {
  const fixtures = path.join(ROOT, "test/fixtures");
  const cases = readdirSync(fixtures, { withFileTypes: true })
    .filter((theme) => theme.isDirectory())
    .flatMap((theme) =>
      readdirSync(path.join(fixtures, theme.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => path.join(fixtures, theme.name, entry.name)),
    );
  return [...cases, path.join(ROOT, "examples/pugs")].sort().map((dir) => ({ name: path.relative(ROOT, dir), dir }));
}
