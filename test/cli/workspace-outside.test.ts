// Compiled from inside one package of a workspace, an import of another of the workspace's packages
// by name cannot work in the unit: that package's code is outside the compiled folder (not analysed,
// not copied) and npm must not install `*` or `workspace:*` (a public package of that name): the unit's
// package.json leaves it out. The compile warns at the import.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

describe("a workspace package outside the compiled folder", () => {
  it("is a warning at the import, naming the package's folder; from the workspace's root it is project code", async () => {
    const workspace = tempProject({
      "package.json": JSON.stringify({ name: "shop", private: true, workspaces: ["apps/*", "packages/*"] }),
      "packages/ids/package.json": JSON.stringify({ name: "@shop/ids", main: "index.js" }),
      "packages/ids/index.js": "exports.newId = () => 'id-1';\n",
      "apps/api/package.json": JSON.stringify({ name: "@shop/api", main: "server.js", dependencies: { express: "^4.21.0", "@shop/ids": "*" } }),
      "apps/api/server.js": [
        `const express = require("express");`,
        `const { newId } = require("@shop/ids");`,
        "const app = express();",
        `app.get("/id", (req, res) => res.send(newId()));`,
        `/** @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
        "",
      ].join("\n"),
    });
    const inside = await runCli([".", "--app", "api", "--provider", "aws"], { cwd: workspace.path("apps", "api") });
    expect(inside.code).toBe(0);
    expect(outputLines(inside.stderr)[0]).toBe(
      "server.js:2:19: warning: '@shop/ids' is this workspace's package in ../../packages/ids/, outside the compiled folder: its code is not analysed or copied into the unit, nor is it in the unit's package.json (where npm would install whatever public package has that name). Compile the workspace's root folder instead. [facts/workspace-package-outside]",
    );
    // `"@shop/ids": "*"` in the unit's package.json would have the image's npm install fetch a public package of that name.
    const manifest = JSON.parse(readFileSync(workspace.path("apps", "api", "compiled", "main", "package.json"), "utf8")) as { dependencies?: unknown };
    expect(manifest.dependencies).toEqual({ express: "^4.21.0" });

    const fromRoot = await runCli([".", "--app", "shop", "--provider", "aws"], { cwd: workspace.dir });
    expect(fromRoot.code).toBe(0);
    expect(fromRoot.stderr).not.toContain("workspace-package-outside");
    const server = readFileSync(workspace.path("compiled", "main", "apps", "api", "server.js"), "utf8");
    expect(server).toContain(`require("../../packages/ids/index.js")`);
  });
});
