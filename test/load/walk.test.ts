import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSourceFile, walkProject } from "../../src/load/walk.js";
import { compareStrings } from "../../src/util/compare.js";
import { tempProject } from "../helpers/temp-project.js";

describe("walkProject", () => {
  it("lists source files of all eight extensions in sorted order and skips declaration files", () => {
    const project = tempProject({
      "package.json": "{}",
      "tsx.tsx": "",
      "ts.ts": "",
      "mts.mts": "",
      "cts.cts": "",
      "jsx.jsx": "",
      "js.js": "",
      "mjs.mjs": "",
      "cjs.cjs": "",
      "types.d.ts": "",
      "types.d.mts": "",
      "types.d.cts": "",
      "lib.js": "",
      "lib/a.js": "",
      "Z.js": "",
      "README.md": "",
    });
    const result = walkProject(project.dir, { skipDirs: [] });
    expect(result.sourceFiles).toEqual([
      "Z.js",
      "cjs.cjs",
      "cts.cts",
      "js.js",
      "jsx.jsx",
      "lib.js",
      "lib/a.js",
      "mjs.mjs",
      "mts.mts",
      "ts.ts",
      "tsx.tsx",
    ]);
    expect(result.otherFiles).toEqual(["README.md", "package.json", "types.d.cts", "types.d.mts", "types.d.ts"]);
    expect(result.packageDirs).toEqual([""]);
  });

  it("lists a file without an extension whose #! line runs Node (express-generator's bin/www) as a source file", () => {
    const project = tempProject({
      "bin/www": "#!/usr/bin/env node\nrequire('../app');\n",
      "bin/serve": "#!/usr/local/bin/node --enable-source-maps\n",
      "bin/start": "#!/usr/bin/env -S nodejs\n",
      "bin/deploy": "#!/bin/sh\nnode bin/www\n",
      "bin/nodemon-run": "#!/usr/bin/env nodemon\n",
      "bin/ts-run": "#!/usr/bin/env ts-node\n",
      "bin/env-vars": "#!/usr/bin/env NODE_ENV=production node\n",
      "bin/empty": "",
      "Makefile": "run:\n\tnode bin/www\n",
      ".env": "#!node\n",
    });
    const result = walkProject(project.dir, { skipDirs: [] });
    expect(result.sourceFiles).toEqual(["bin/env-vars", "bin/serve", "bin/start", "bin/www"]);
    expect(result.otherFiles).toEqual([".env", "Makefile", "bin/deploy", "bin/empty", "bin/nodemon-run", "bin/ts-run"]);
  });

  it("returns whole-path sorted lists even where folder order differs", () => {
    const project = tempProject({ "a/b.ts": "", "a.ts": "", "a-b.ts": "", "a/c/d.ts": "", "a.b/e.ts": "" });
    const { sourceFiles } = walkProject(project.dir, { skipDirs: [] });
    expect(sourceFiles).toEqual(["a-b.ts", "a.b/e.ts", "a.ts", "a/b.ts", "a/c/d.ts"]);
    expect(sourceFiles).toEqual([...sourceFiles].sort(compareStrings));
  });

  it("skips node_modules, .git, dot-folders, the given folders and earlier klotho outputs", () => {
    const project = tempProject({
      "index.js": "",
      "node_modules/dep/index.js": "",
      "src/node_modules/dep/index.js": "",
      ".git/hooks/pre-commit.js": "",
      ".cache/x.js": "",
      ".compiled.klotho-new-123/klotho.yaml": "",
      "compiled/main/index.js": "",
      "dist/index.js": "",
      "old-output/resources.json": "{}",
      "old-output/klotho.yaml": "app: x\n",
      "old-output/main/index.js": "",
      "only-yaml/klotho.yaml": "app: x\n",
      "only-yaml/config.js": "",
      "src/app.ts": "",
    });
    const result = walkProject(project.dir, { skipDirs: [project.path("compiled"), project.path("dist")] });
    expect(result.sourceFiles).toEqual(["index.js", "only-yaml/config.js", "src/app.ts"]);
    expect(result.otherFiles).toEqual(["only-yaml/klotho.yaml"]);
    // The same from the root written otherwise (a trailing slash, a `..` on the way).
    for (const root of [`${project.dir}/`, path.join(project.dir, "src", "..") + "/./", path.relative(process.cwd(), project.dir)]) {
      expect(walkProject(root, { skipDirs: [project.path("compiled"), project.path("dist")] }), root).toEqual(result);
    }
  });

  it("honours .gitignore in the root and in subfolders, each relative to its own folder", () => {
    const project = tempProject({
      ".gitignore": "# generated\ngenerated/\n*.gen.ts\n/top-only.js\n",
      "index.ts": "",
      "api.gen.ts": "",
      "top-only.js": "",
      "generated/client.ts": "",
      "sub/.gitignore": "local.ts\nfixtures/\n",
      "sub/local.ts": "",
      "sub/kept.ts": "",
      "sub/top-only.js": "",
      "sub/schema.gen.ts": "",
      "sub/fixtures/app.js": "",
      "sub/deeper/local.ts": "",
      "other/local.ts": "",
      "other/fixtures/app.js": "",
    });
    const result = walkProject(project.dir, { skipDirs: [] });
    expect(result.sourceFiles).toEqual(["index.ts", "other/fixtures/app.js", "other/local.ts", "sub/kept.ts", "sub/top-only.js"]);
    expect(result.otherFiles).toEqual([".gitignore", "sub/.gitignore"]);
    // What was left out, and by which rule: a folder is not walked into, so its files are not listed.
    expect(result.ignored).toEqual([
      { path: "api.gen.ts", directory: false, rule: { pattern: "*.gen.ts", file: ".gitignore", line: 3 } },
      { path: "generated", directory: true, rule: { pattern: "generated/", file: ".gitignore", line: 2 } },
      { path: "sub/deeper/local.ts", directory: false, rule: { pattern: "local.ts", file: "sub/.gitignore", line: 1 } },
      { path: "sub/fixtures", directory: true, rule: { pattern: "fixtures/", file: "sub/.gitignore", line: 2 } },
      { path: "sub/local.ts", directory: false, rule: { pattern: "local.ts", file: "sub/.gitignore", line: 1 } },
      { path: "sub/schema.gen.ts", directory: false, rule: { pattern: "*.gen.ts", file: ".gitignore", line: 3 } },
      { path: "top-only.js", directory: false, rule: { pattern: "/top-only.js", file: ".gitignore", line: 4 } },
    ]);
  });

  it("records every folder that holds a package.json", () => {
    const project = tempProject({ "package.json": "{}", "packages/a/package.json": "{}", "packages/a/index.js": "", "node_modules/x/package.json": "{}" });
    expect(walkProject(project.dir, { skipDirs: [] }).packageDirs).toEqual(["", "packages/a"]);
  });
});

describe("isSourceFile", () => {
  it.each([
    ["a.js", true],
    ["a.mjs", true],
    ["a.cjs", true],
    ["a.jsx", true],
    ["a.ts", true],
    ["a.mts", true],
    ["a.cts", true],
    ["a.tsx", true],
    ["a.d.ts", false],
    ["a.d.mts", false],
    ["a.d.cts", false],
    ["a.json", false],
    ["a.ts.map", false],
    ["Dockerfile", false],
  ])("%s → %s", (name, expected) => {
    expect(isSourceFile(name)).toBe(expected);
  });
});
