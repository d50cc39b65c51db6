// A unit's image runs `npm install --omit=dev` on the unit's package.json, which holds the project's
// `dependencies`: a package the code loads that is only in devDependencies (or declared nowhere) works
// locally, where node_modules has it, and fails in the cloud. The compile says so at the import; a
// dependency map npm cannot read is an error at package.json, not a unit that silently installs nothing.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const COMPILE = [".", "--app", "r2", "--provider", "aws", "-o", "compiled"];

const SERVER = lines(
  `const express = require("express");`,
  `const dayjs = require("dayjs");`,
  "const app = express();",
  `app.get("/now", (req, res) => res.json({ now: dayjs().format() }));`,
  "",
  `/* @klotho::expose { id = "api", target = "public" } */`,
  "app.listen(3000);",
  "",
);

describe("packages a unit loads but does not install", () => {
  it("warn at the import of a devDependency, and the unit's package.json still installs dependencies only", async () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "r2", version: "1.0.0", main: "index.js", dependencies: { express: "^4.21.2" }, devDependencies: { dayjs: "^1.11.13", faker: "^6.0.0" } }),
      "index.js": SERVER,
      // No unit carries it: a script run locally.
      "scripts/seed.js": `require("faker");\n`,
    });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(outputLines(run.stderr)).toEqual([
      "index.js:2:23: warning: The package 'dayjs' is only in the devDependencies of package.json: unit main installs dependencies only (not devDependencies), so loading it fails in the cloud (Cannot find module 'dayjs'), even when it works locally from node_modules. Move it to the dependencies of package.json (npm install --save-prod dayjs). [transform/undeclared-package]",
      "  | in index.js",
      '  | 2| const dayjs = require("dayjs");',
      "  |  |                       ^^^^^^^",
      "Compiled with 1 warning to compiled",
    ]);
    expect(JSON.parse(project.read("compiled/main/package.json"))).toMatchObject({ dependencies: { express: "^4.21.2" } });
    const strict = await runCli([...COMPILE, "--strict"], { cwd: project.dir });
    expect(strict.code).toBe(1);
  });

  it("say nothing of a TypeScript import the emit drops (used only as a type), and warn at one that stays", async () => {
    const server = lines(
      `import express from "express";`,
      `import { Request, Response } from "express-serve-static-core";`,
      `import { z } from "zod";`,
      "const app = express();",
      `const Query = z.object({ q: z.string() });`,
      `app.get("/search", (req: Request, res: Response) => res.json(Query.parse(req.query)));`,
      `/* @klotho::expose { id = "api", target = "public" } */`,
      "app.listen(3000);",
      "",
    );
    const project = tempProject({
      "package.json": JSON.stringify({ name: "r2", main: "server.ts", dependencies: { express: "^4.21.2" }, devDependencies: { "express-serve-static-core": "^0.1.1" } }),
      "server.ts": server,
    });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    const warnings = outputLines(run.stderr).filter((line) => line.includes(": warning: "));
    expect(warnings.map((line) => line.slice(0, line.indexOf(" is ")))).toEqual(["server.ts:3:19: warning: The package 'zod'"]);
    expect(project.read("compiled/main/server.js")).not.toContain("express-serve-static-core");
  });

  it("refuse a dependencies list, at package.json, with nothing written", async () => {
    const project = tempProject({
      "package.json": '{ "name": "r2", "main": "index.js",\n  "dependencies": [ { "express": "^4.21.2", "dayjs": "^1.11.13" } ] }\n',
      "index.js": SERVER,
    });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    const lines = outputLines(run.stderr);
    expect(lines[0]).toBe(
      `package.json:2:19: error: 'dependencies' in package.json is a list: npm and klotho read it as an object mapping each package name to a version range, such as { "express": "^4.21.2" }, and a unit installs only the packages it maps. Write it as one. [project/invalid-dependencies]`,
    );
    expect(lines.slice(1, 4)).toEqual(["  | in package.json", '  | 2|   "dependencies": [ { "express": "^4.21.2", "dayjs": "^1.11.13" } ] }', `  |  |                   ${"^".repeat(49)}`]);
    expect(run.stderr).not.toContain("transform/undeclared-package");
    expect(lines.at(-1)).toBe("klotho: 1 error, 0 warnings; nothing was written.");
    expect(existsSync(project.path("compiled"))).toBe(false);
  });
});
