import { describe, expect, it } from "vitest";
import { readProject } from "../../src/load/project.js";
import { walkProject } from "../../src/load/walk.js";
import { tempProject } from "../helpers/temp-project.js";

describe("Next.js build folders in the project walk", () => {
  it("lists .next/ files (even when .gitignored) without parsing them, and leaves out cache/ and standalone/", () => {
    const project = tempProject({
      ".gitignore": ".next/\nnode_modules/\n",
      "package.json": "{}",
      "server.js": "",
      "pages/index.jsx": "",
      ".next/BUILD_ID": "abc\n",
      ".next/server/pages/index.js": "module.exports = {}",
      ".next/types/validator.ts": "",
      ".next/cache/webpack/x.pack": "",
      ".next/standalone/server.js": "",
      ".next/static/chunks/cache/a.js": "",
      "apps/site/.next/BUILD_ID": "def\n",
      ".cache/.next/BUILD_ID": "",
      "compiled/main/.next/BUILD_ID": "",
    });
    const result = walkProject(project.dir, { skipDirs: [project.path("compiled")] });
    expect(result.sourceFiles).toEqual(["pages/index.jsx", "server.js"]);
    expect(result.buildOutputFiles).toEqual([
      ".next/BUILD_ID",
      ".next/server/pages/index.js",
      ".next/static/chunks/cache/a.js",
      ".next/types/validator.ts",
      "apps/site/.next/BUILD_ID",
    ]);
    expect(result.otherFiles).toEqual([".gitignore", "package.json"]);
  });

  it("gives them to the project, whose source files stay the project's own", () => {
    const project = tempProject({ "package.json": "{}", "server.js": "", ".next/server/app.js": "" });
    const { project: read } = readProject(project.dir, []);
    expect(read?.files.map((f) => f.path)).toEqual(["server.js"]);
    expect(read?.buildOutputFiles).toEqual([".next/server/app.js"]);
  });
});
