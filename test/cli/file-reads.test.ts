import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { readTree, tempProject } from "../helpers/temp-project.js";

const COMPILE = [".", "--app", "reads", "--provider", "aws"];

/** Every byte value, so a copy that decodes or re-encodes text would change it. */
const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 5 + 1) % 256));

function lines(...source: string[]): string {
  return `${source.join("\n")}\n`;
}

const PROJECT = {
  "package.json": '{ "name": "reads", "main": "src/server.js", "dependencies": { "express": "^4.19.2" } }',
  "src/server.js": lines(
    `const express = require("express");`,
    `const fs = require("fs");`,
    `const path = require("path");`,
    `const template = fs.readFileSync(path.join(__dirname, "templates", "mail.html"), "utf8");`,
    `const missing = () => fs.readFileSync(path.join(__dirname, "templates", "gone.html"));`,
    "const app = express();",
    `app.use("/static", express.static(path.join(__dirname, "public")));`,
    `app.get("/", (req, res) => res.sendFile(path.join(__dirname, "public/index.html")));`,
    `app.get("/mail", (req, res) => res.send(template));`,
    `/** @klotho::expose { id = "api", target = "public" } */`,
    "app.listen(3000);",
  ),
  "src/templates/mail.html": "<p>Hello {{name}}</p>\r\n",
  "src/public/index.html": "<!doctype html>\n<title>Reads</title>\n",
  "src/public/css/site.css": "body { margin: 0 }\n",
  "docs/notes.md": "not read by the code\n",
};

describe("files the code reads, in compiled/", () => {
  it("copies them byte for byte into the unit next to the code, at their project paths, and warns at a missing one", async () => {
    const project = tempProject(PROJECT);
    writeFileSync(project.path("src/public/logo.png"), BINARY);
    const result = await runCli(COMPILE, { cwd: project.dir });
    expect(result.code).toBe(0);
    const source = readTree(project.dir);
    const compiled = readTree(project.path("compiled"));
    const unitFiles = Object.keys(compiled).filter((file) => file.startsWith("main/src/"));
    expect(unitFiles).toEqual([
      "main/src/public/css/site.css",
      "main/src/public/index.html",
      "main/src/public/logo.png",
      "main/src/server.js",
      "main/src/templates/mail.html",
    ]);
    expect(Object.keys(compiled).filter((file) => file.endsWith(".map"))).toEqual(["main/klotho_runtime/source-maps/src/server.js.map"]);
    for (const file of unitFiles.filter((f) => !f.includes("server.js"))) {
      expect(compiled[file]?.equals(source[file.slice("main/".length)] ?? Buffer.alloc(1)), file).toBe(true);
    }
    expect(compiled["main/src/public/logo.png"]?.equals(BINARY)).toBe(true);
    expect(Object.keys(compiled).some((file) => file.includes("notes.md"))).toBe(false);
    expect(result.stdout).toContain("Adding asset 'src/templates/mail.html' to unit 'main'");
    expect(result.stdout).toContain("Adding asset 'src/public/logo.png' to unit 'main'");
    expect(result.stderr).toContain("src/server.js:5:23: warning: readFileSync reads 'src/templates/gone.html', which is no file of the project");
    expect(result.stderr).toContain("src/server.js:7:1: warning: The gateway routes none of the paths of the files express.static serves here");
    const resources = JSON.parse(compiled["resources.json"]?.toString() ?? "{}") as { resources: { id: string; assets?: string[] }[] };
    expect(resources.resources.find((r) => r.id === "exec_unit:main")?.assets).toEqual(["src/public/css/site.css", "src/public/index.html", "src/public/logo.png", "src/templates/mail.html"]);
  });
});

describe("a project file where klotho writes one of its own, in compiled/", () => {
  it("is never copied over it: a read of package.json and an embed of everything keep the unit's package.json, Dockerfile and runtime", async () => {
    const project = tempProject({
      "package.json": '{ "name": "reads", "version": "1.2.3", "main": "server.js", "dependencies": { "express": "^4.19.2" } }',
      "server.js": lines(
        `// @klotho::embed_assets { include = ["**/*"], exclude = ["server.js"] }`,
        `const express = require("express");`,
        `const fs = require("fs");`,
        `const path = require("path");`,
        `const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8"));`,
        "/** @klotho::persist { id = \"hits\" } */",
        "const hits = new Map();",
        "const app = express();",
        `app.get("/", async (req, res) => res.json({ version, hits: await hits.get("n") }));`,
        `/** @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      Dockerfile: "FROM scratch\n",
      "klotho_runtime/dispatcher.js": "module.exports = 'not the runtime';\n",
      "data/seed.txt": "seed\n",
    });
    const result = await runCli(COMPILE, { cwd: project.dir });
    expect(result.code).toBe(0);
    const compiled = readTree(project.path("compiled"));
    const manifest = JSON.parse(compiled["main/package.json"]?.toString() ?? "{}") as { version?: string; dependencies?: Record<string, string> };
    expect(manifest.version).toBe("1.2.3");
    expect(Object.keys(manifest.dependencies ?? {})).toContain("@aws-sdk/client-dynamodb");
    expect(compiled["main/Dockerfile"]?.toString()).toContain("klotho_runtime/dispatcher.handler");
    expect(compiled["main/klotho_runtime/dispatcher.js"]?.toString()).not.toContain("not the runtime");
    expect(compiled["main/data/seed.txt"]?.toString()).toBe("seed\n");
    expect(result.stdout).not.toMatch(/Adding asset '(package\.json|Dockerfile|klotho_runtime\/)/);
    expect(result.stderr).toContain("server.js:1:4: warning: klotho_runtime/dispatcher.js is not copied into the unit");
    const resources = JSON.parse(compiled["resources.json"]?.toString() ?? "{}") as { resources: { id: string; assets?: string[] }[] };
    expect(resources.resources.find((r) => r.id === "exec_unit:main")?.assets).toEqual(["data/seed.txt"]);
  });
});
