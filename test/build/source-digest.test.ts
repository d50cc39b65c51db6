import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isBuildOf, sourceDigest, writeSourceDigest } from "../../scripts/build/source-digest.mjs";
import { tempProject } from "../helpers/temp-project.js";

// test/cli/binary.test.ts copies dist/ instead of building when it is the build of the sources as they
// are: a digest that missed an edit would test an old build.
const REPO_FILES = {
  "package.json": '{ "name": "klotho" }',
  "package-lock.json": "{}",
  "tsconfig.json": "{}",
  "src/cli/main.ts": "export const version = 1;",
  "rules/expose.yaml": "rules: []",
  "templates/index.ts.njk": "// {{ app }}",
  "examples/pugs/index.js": "// @klotho::expose",
  "README.md": "# klotho",
};

describe("the digest of a build's sources", () => {
  it("changes with each source's bytes, path and presence, and not with files a build does not read", () => {
    const repo = tempProject(REPO_FILES);
    const first = sourceDigest(repo.dir);
    expect(sourceDigest(repo.dir)).toBe(first);

    // Not read by the build: docs, a compile of the example, its node_modules.
    repo.write({ "README.md": "# klotho, edited", "examples/pugs/compiled/klotho.yaml": "app: pugs", "examples/pugs/node_modules/x/index.js": "" });
    expect(sourceDigest(repo.dir)).toBe(first);

    const edits: Record<string, string>[] = [
      { "src/cli/main.ts": "export const version = 2;" },
      { "templates/index.ts.njk": "// {{ app }} " },
      { "package-lock.json": '{ "lockfileVersion": 3 }' },
      { "src/cli/extra.ts": "" },
      { "examples/pugs/pugs.js": "" },
    ];
    const seen = new Set([first]);
    for (const edit of edits) {
      repo.write(edit);
      const digest = sourceDigest(repo.dir);
      expect(seen.has(digest), JSON.stringify(edit)).toBe(false);
      seen.add(digest);
    }
  });

  it("says dist/ is the build of the sources only while they are the ones it recorded", () => {
    const repo = tempProject(REPO_FILES);
    const dist = repo.path("dist");
    expect(isBuildOf(repo.dir, dist)).toBe(false);
    mkdirSync(dist);
    writeSourceDigest(dist, sourceDigest(repo.dir));
    expect(isBuildOf(repo.dir, dist)).toBe(true);
    writeFileSync(repo.path("rules/expose.yaml"), "rules: [] # edited");
    expect(isBuildOf(repo.dir, dist)).toBe(false);
  });
});
