import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { writeOutput } from "../../src/write/write-output.js";
import { runCli } from "../helpers/run-cli.js";
import { readTree, tempProject } from "../helpers/temp-project.js";

const COMPILE = [".", "--app", "site", "--provider", "aws"];

/** Every byte value, so a copy that decodes or re-encodes text would change it. */
const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 7 + 3) % 256));

const PROJECT = {
  "package.json": '{ "name": "site", "main": "server.js" }',
  "server.js": lines(`const { version } = require("./shared/version");`, "module.exports = { version };"),
  "shared/version.js": 'module.exports = { version: "1.0.0" };\n',
  "web/site.js": lines(
    "/**",
    " * @klotho::static_unit {",
    ` *   id = "www/v1"`,
    ` *   index_document = "index.html"`,
    ` *   static_files = ["public/**"]`,
    ` *   shared_files = ["/shared/*.js"]`,
    " * }",
    " */",
  ),
  "web/public/index.html": "<!doctype html>\r\n<title>Site</title>\r\n",
  "web/public/empty.txt": "",
  "web/public/notes.txt": "caf\u00e9 \u2615\n",
};

function lines(...source: string[]): string {
  return `${source.join("\n")}\n`;
}

describe("static units in compiled/", () => {
  it("compiled/<id>/ holds byte-identical copies of the static and shared files, at their project paths", async () => {
    const project = tempProject(PROJECT);
    mkdirSync(project.path("web/public/img"));
    writeFileSync(project.path("web/public/img/logo.png"), BINARY);
    const result = await runCli(COMPILE, { cwd: project.dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const source = readTree(project.dir);
    const compiled = readTree(project.path("compiled"));
    const copied = Object.keys(compiled).filter((file) => file.startsWith("www/v1/"));
    expect(copied).toEqual(["www/v1/shared/version.js", "www/v1/web/public/empty.txt", "www/v1/web/public/img/logo.png", "www/v1/web/public/index.html", "www/v1/web/public/notes.txt"]);
    for (const file of copied) expect(compiled[file]?.equals(source[file.slice("www/v1/".length)] ?? Buffer.alloc(1)), file).toBe(true);
    expect(compiled["www/v1/web/public/img/logo.png"]?.equals(BINARY)).toBe(true);
  });

  it("a failed compile copies nothing; a later good compile replaces an earlier copy", async () => {
    const project = tempProject(PROJECT);
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    project.write({ "web/public/index.html": "<p>v2</p>\n", "server.js": "const = ;\n" });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(1);
    expect(readTree(project.path("compiled"))["www/v1/web/public/index.html"]?.toString()).toBe("<!doctype html>\r\n<title>Site</title>\r\n");
    project.write({ "server.js": PROJECT["server.js"] });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(readTree(project.path("compiled"))["www/v1/web/public/index.html"]?.toString()).toBe("<p>v2</p>\n");
  });
});

describe("the writer's copies", () => {
  it("copies copyFrom files byte for byte and refuses a path that leaves the output folder", () => {
    const folder = tempProject({ "src/a.bin": "" });
    writeFileSync(folder.path("src/a.bin"), BINARY);
    writeOutput(folder.path("out"), [{ path: "site/a.bin", copyFrom: folder.path("src/a.bin") }, { path: "resources.json", contents: "{}\n" }]);
    expect(readTree(folder.path("out"))["site/a.bin"]?.equals(BINARY)).toBe(true);
    const before = readTree(folder.path("out"));
    expect(() => writeOutput(folder.path("out"), [{ path: "../escaped.txt", contents: "x" }])).toThrow("leaves the output folder");
    expect(readTree(folder.path("out"))).toEqual(before);
    expect(Object.keys(readTree(folder.dir)).filter((f) => f.includes("escaped"))).toEqual([]);
  });
});

/** A Vite-style front end whose build folder is .gitignored, as every scaffold does. */
const IGNORED_BUILD = {
  "package.json": '{ "name": "spa", "main": "api/server.js" }',
  "api/server.js": 'module.exports = { ok: true };\n',
  "frontend/.gitignore": "node_modules\n# build output\ndist\n",
  "frontend/src/main.js": "console.log('app');\n",
  "frontend/dist/index.html": "<!doctype html><script src=/assets/index-BdQq_4o_.js></script>\n",
  "frontend/dist/assets/index-BdQq_4o_.js": "console.log('built');\n",
  "frontend/dist/robots.txt": "User-agent: *\n",
};

describe("a static unit over a .gitignored build folder", () => {
  it("serves the files of the ignored folder its glob names, and copies them into compiled/<id>/", async () => {
    const project = tempProject({
      ...IGNORED_BUILD,
      "frontend/site.js": '// @klotho::static_unit { id = "webapp", index_document = "index.html", static_files = ["dist/**"] }\n',
    });
    const result = await runCli(COMPILE, { cwd: project.dir });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const resources = JSON.parse(project.read("compiled/resources.json")) as { resources: { id: string; files?: string[] }[] };
    const site = resources.resources.find((r) => r.id === "static_unit:webapp");
    expect(site?.files).toEqual(["frontend/dist/assets/index-BdQq_4o_.js", "frontend/dist/index.html", "frontend/dist/robots.txt"]);
    expect(project.read("compiled/webapp/frontend/dist/assets/index-BdQq_4o_.js")).toBe("console.log('built');\n");
  });

  it("says which .gitignore rule leaves out the files a glob not naming their folder matches", async () => {
    const project = tempProject({
      ...IGNORED_BUILD,
      "frontend/site.js": '// @klotho::static_unit { id = "webapp", index_document = "index.html", static_files = ["{dist,public}/**"] }\n',
    });
    const result = await runCli(COMPILE, { cwd: project.dir });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "frontend/site.js:1:89: warning: The glob '{dist,public}/**' in static_files of @klotho::static_unit matches only files .gitignore leaves out of the project (3 files, such as 'frontend/dist/assets/index-BdQq_4o_.js', by the rule 'dist' in frontend/.gitignore:3). A glob serves ignored files only when it names their folder before any wildcard, as 'dist/**' does. [files/gitignored]",
    );
    expect(result.stderr).not.toContain("files/no-match");
  });
});

describe("a single-page app's deep links", () => {
  it("get the index document behind CloudFront by default; spa_fallback = false keeps S3's errors", async () => {
    const site = (directives: string) => `// @klotho::static_unit { id = "webapp", index_document = "index.html", static_files = ["dist/**"]${directives} }\n`;
    const project = tempProject({ ...IGNORED_BUILD, "frontend/site.js": site("") });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(project.read("compiled/index.ts")).toContain('{ errorCode: 403, responseCode: 200, responsePagePath: "/index.html", errorCachingMinTtl: 0 },');
    expect(project.read("compiled/index.ts")).toContain('key: "assets/index-BdQq_4o_.js",\n  source: new pulumi.asset.FileAsset("./webapp/frontend/dist/assets/index-BdQq_4o_.js"),\n  contentType: "text/javascript; charset=utf-8",\n  cacheControl: "public, max-age=31536000, immutable",');
    project.write({ "frontend/site.js": site(", spa_fallback = false") });
    const result = await runCli(COMPILE, { cwd: project.dir });
    expect(result.stderr).toBe("");
    expect(project.read("compiled/index.ts")).not.toContain("customErrorResponses");
    const resources = JSON.parse(project.read("compiled/resources.json")) as { resources: { id: string; params: unknown }[] };
    expect(resources.resources.find((r) => r.id === "static_unit:webapp")?.params).toEqual({ cloudFrontEnabled: true, indexDocument: "index.html", spaFallback: false });
  });
});
