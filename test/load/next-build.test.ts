import { describe, expect, it } from "vitest";
import { readBuildTraces } from "../../src/load/next-traces.js";
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

  it("gives the project what .gitignore rules left out, with each rule, so a traced file it does not keep is reported with why", () => {
    const project = tempProject({ ".gitignore": "# local\n.env*.local\nsecrets-dir/\n", "package.json": "{}", "server.js": "", ".env.local": "A=1", "secrets-dir/key.pem": "k" });
    const { project: read } = readProject(project.dir, []);
    expect(read?.gitignored).toEqual([
      { path: ".env.local", directory: false, rule: { pattern: ".env*.local", file: ".gitignore", line: 2 } },
      { path: "secrets-dir", directory: true, rule: { pattern: "secrets-dir/", file: ".gitignore", line: 3 } },
    ]);
  });

  it("reads the build's traces: the files they list that exist, project-relative, without node_modules, folders and absolute paths", () => {
    const project = tempProject({
      "app/package.json": "{}",
      "app/server.js": "",
      "app/_posts/hello.md": "# Hello",
      "app/_posts/world.md": "# World",
      "app/node_modules/react/index.js": "",
      "app/.next/server/chunks/957.js": "",
      "outside.md": "",
      "app/.next/server/pages/api/posts.js.nft.json": JSON.stringify({
        version: 1,
        files: ["../../../../_posts/world.md", "../../../../_posts/hello.md", "../../../../_posts/gone.md", "../../../../_posts", "../../../../node_modules", "../../../../node_modules/react/index.js", "../../chunks/957.js", "../../../../package.json", "../../../../../outside.md", "/etc/hostname"],
      }),
      "app/.next/server/pages/broken.js.nft.json": "{ not json",
      "app/.next/server/pages/odd.js.nft.json": JSON.stringify({ version: 1, files: "none" }),
    });
    const { project: read } = readProject(project.path("app"), []);
    expect(read?.buildTraces).toEqual([
      {
        file: ".next/server/pages/api/posts.js.nft.json",
        files: ["../outside.md", ".next/server/chunks/957.js", "_posts/hello.md", "_posts/world.md", "package.json"],
      },
    ]);
    expect(readBuildTraces(project.path("app"), [])).toEqual([]);
  });
});
