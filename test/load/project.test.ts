import { describe, expect, it } from "vitest";
import { DATA_FILE_LIMIT, readProject } from "../../src/load/project.js";
import { parseJsonc } from "../../src/load/jsonc.js";
import { formatLocation } from "../../src/util/source-range.js";
import { lines } from "../helpers/program.js";
import { tempProject } from "../helpers/temp-project.js";

function kinds(root: string): Record<string, string> {
  const result = readProject(root, []);
  expect(result.diagnostics).toEqual([]);
  return Object.fromEntries((result.project?.files ?? []).map((f) => [f.path, f.moduleKind]));
}

describe("readProject: JSON files", () => {
  it("reads the JSON files code may import, up to DATA_FILE_LIMIT bytes; a larger one is a path only", () => {
    const big = JSON.stringify({ rows: "x".repeat(DATA_FILE_LIMIT) });
    const project = tempProject({
      "package.json": JSON.stringify({ name: "app" }),
      "app.js": `require("./config.json");`,
      "config.json": `{ "prefix": "/api" }`,
      "data/big.json": big,
      "node_modules/x/package.json": "{}",
    });
    const result = readProject(project.dir, ["node_modules"]);
    expect(result.project?.dataFiles).toEqual([
      { path: "config.json", text: `{ "prefix": "/api" }` },
      { path: "package.json", text: JSON.stringify({ name: "app" }) },
    ]);
    expect(result.project?.otherFiles).toContain("data/big.json");
  });

  it("in a project with many JSON files (test data), reads only package.json files and those a quoted string of the code names", () => {
    const fixtures = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`test/data/case${String(i)}.json`, "{}"]));
    const project = tempProject({
      ...fixtures,
      "package.json": JSON.stringify({ name: "app" }),
      "packages/lib/package.json": JSON.stringify({ name: "lib" }),
      "app.js": lines(`require("./config.json");`, `require("./settings");`, `require("./locales");`, "const x = `test/data/case7.json`;"),
      "config.json": "{}",
      "settings.json": "{}",
      "locales/index.json": "{}",
      "unnamed.json": "{}",
    });
    const read = readProject(project.dir, ["node_modules"]).project?.dataFiles?.map((f) => f.path);
    expect(read).toEqual(["config.json", "locales/index.json", "package.json", "packages/lib/package.json", "settings.json", "test/data/case7.json"]);
  });
});

describe("readProject: module kinds", () => {
  it("follows Node: .mjs/.mts are ESM, .cjs/.cts CommonJS, the rest the nearest package.json type", () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "app", type: "module" }),
      "index.js": "",
      "index.ts": "",
      "view.jsx": "",
      "a.mjs": "",
      "b.mts": "",
      "c.cjs": "",
      "d.cts": "",
      "legacy/package.json": JSON.stringify({ name: "legacy" }),
      "legacy/old.js": "",
      "legacy/new.mjs": "",
      "legacy/deep/still-old.js": "",
      "legacy/modern/package.json": JSON.stringify({ type: "module" }),
      "legacy/modern/x.js": "",
      "legacy/modern/y.cjs": "",
      "plain/z.js": "",
    });
    expect(kinds(project.dir)).toEqual({
      "a.mjs": "esm",
      "b.mts": "esm",
      "c.cjs": "cjs",
      "d.cts": "cjs",
      "index.js": "esm",
      "index.ts": "esm",
      "legacy/deep/still-old.js": "cjs",
      "legacy/modern/x.js": "esm",
      "legacy/modern/y.cjs": "cjs",
      "legacy/new.mjs": "esm",
      "legacy/old.js": "cjs",
      "plain/z.js": "esm",
      "view.jsx": "esm",
    });
  });

  it("treats .js as CommonJS when package.json has no type or type commonjs", () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "app" }),
      "index.js": "",
      "esm/package.json": JSON.stringify({ type: "module" }),
      "esm/a.js": "",
      "esm/cjs/package.json": JSON.stringify({ type: "commonjs" }),
      "esm/cjs/b.js": "",
    });
    expect(kinds(project.dir)).toEqual({ "esm/a.js": "esm", "esm/cjs/b.js": "cjs", "index.js": "cjs" });
  });
});

describe("readProject: package.json", () => {
  it("finds package.json in a parent folder and takes the module type from it", () => {
    const workspace = tempProject({
      "package.json": JSON.stringify({ name: "workspace", type: "module" }),
      "services/api/index.js": "export const x = 1;\n",
    });
    const root = workspace.path("services", "api");
    const result = readProject(root, []);
    expect(result.diagnostics).toEqual([]);
    expect(result.project?.root).toBe(root);
    expect(result.project?.packageJson).toEqual({ path: workspace.path("package.json"), data: { name: "workspace", type: "module" } });
    expect(result.project?.files).toEqual([{ path: "index.js", text: "export const x = 1;\n", moduleKind: "esm" }]);
  });

  it("reports project/no-package-json when there is none in the folder or above", () => {
    const project = tempProject({ "index.js": "" });
    const result = readProject(project.dir, []);
    expect(result.project).toBeUndefined();
    expect(result.diagnostics).toEqual([
      {
        code: "project/no-package-json",
        severity: "error",
        message: `No package.json found in '${project.dir}' or any folder above it; klotho compiles Node.js projects.`,
      },
    ]);
  });

  it.each([
    ["an array", "[]\n", "package.json:1:1-1:3"],
    ["a string after a BOM and blank lines, its range the value", '\uFEFF\n\n  "tiny"  \n', "package.json:3:3-3:9"],
    ["an array over several lines", '[\n  { "name": "tiny" }\n]\n', "package.json:1:1-3:2"],
  ])("reports a package.json that is not an object (%s) at the value, with the file's text for its code frame", (_name, text, at) => {
    const project = tempProject({ "package.json": text, "index.js": "" });
    const result = readProject(project.dir, []);
    expect(result.diagnostics.map((d) => [d.code, d.message, d.range && `${formatLocation(d.range)}-${d.range.end.line}:${d.range.end.column + 1}`])).toEqual([
      ["project/invalid-json", "Cannot read package.json: expected an object", at],
    ]);
    expect(result.sources).toEqual(new Map([["package.json", text]]));
  });

  it.each([
    ["a trailing comma", '{\n  "name": "tiny",\n  "main": "index.js",\n}\n', "Cannot read package.json: Expected double-quoted property name", "package.json:4:1"],
    ["a comment", '{\n  // mine\n  "name": "tiny"\n}\n', "Cannot read package.json: Expected property name or '}'", "package.json:2:3"],
  ])("reads package.json as the strict JSON npm and Node read: %s is an error at it", (_name, text, message, at) => {
    const project = tempProject({ "package.json": text, "index.js": "" });
    const result = readProject(project.dir, []);
    expect(result.project).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.message, d.range ? formatLocation(d.range) : undefined])).toEqual([["project/invalid-json", message, at]]);
    expect(result.sources).toEqual(new Map([["package.json", text]]));
  });

  it("reports a dependency map that is not an object of version strings, at the value: units would silently install none of it", () => {
    const text = lines(
      "{",
      '  "name": "shop",',
      '  "dependencies": [{ "express": "^4.21.2" }],',
      '  "devDependencies": { "vitest": "^3.0.0", "dayjs": 1 },',
      '  "peerDependencies": "react"',
      "}",
      "",
    );
    const project = tempProject({ "package.json": text, "index.js": "" });
    const result = readProject(project.dir, []);
    expect(result.project).toBeDefined();
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.range ? formatLocation(d.range) : undefined, d.message])).toEqual([
      [
        "project/invalid-dependencies",
        "error",
        "package.json:3:19",
        `'dependencies' in package.json is a list: npm and klotho read it as an object mapping each package name to a version range, such as { "express": "^4.21.2" }, and a unit installs only the packages it maps. Write it as one.`,
      ],
      [
        "project/invalid-dependencies",
        "error",
        "package.json:4:53",
        `'devDependencies' in package.json gives 'dayjs' a number as its version: npm and klotho read it as an object mapping each package name to a version range, such as { "express": "^4.21.2" }. Write it as one.`,
      ],
      [
        "project/invalid-dependencies",
        "error",
        "package.json:5:23",
        `'peerDependencies' in package.json is a string: npm and klotho read it as an object mapping each package name to a version range, such as { "express": "^4.21.2" }. Write it as one.`,
      ],
    ]);
  });

  it("checks the dependency maps of the workspace's packages, not those of other folders (an example, a test fixture)", () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "ws", workspaces: ["packages/*"], dependencies: { express: "^4.21.2" } }),
      "packages/api/package.json": JSON.stringify({ name: "@ws/api", dependencies: ["dayjs"] }),
      "fixtures/broken/package.json": JSON.stringify({ name: "broken", dependencies: ["dayjs"] }),
      "index.js": "",
    });
    const result = readProject(project.dir, []);
    expect(result.diagnostics.map((d) => [d.code, d.range ? formatLocation(d.range) : undefined])).toEqual([["project/invalid-dependencies", "packages/api/package.json:1:34"]]);
  });

  it("warns when the project has no source files", () => {
    const project = tempProject({ "package.json": "{}", "README.md": "" });
    const result = readProject(project.dir, []);
    expect(result.project?.files).toEqual([]);
    expect(result.project?.otherFiles).toEqual(["README.md", "package.json"]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["project/no-sources", "warning", `No JavaScript or TypeScript files found under '${project.dir}'.`],
    ]);
  });

  it("reads the text of Dockerfiles (Dockerfile, <name>.Dockerfile) and of no other non-source file", () => {
    const project = tempProject({
      "package.json": "{}",
      "index.js": "",
      Dockerfile: "FROM node:22\n",
      "docker/api.Dockerfile": "FROM public.ecr.aws/lambda/nodejs:22\n",
      "docker/.Dockerfile": "hidden name, not <name>.Dockerfile\n",
      "Dockerfile.dev": "FROM node:22\n",
      "notes.md": "# @klotho::execution_unit { id = \"x\" }\n",
      ".gitignore": "ignored.Dockerfile\n",
      "ignored.Dockerfile": "FROM scratch\n",
    });
    const result = readProject(project.dir, []);
    expect(result.diagnostics).toEqual([]);
    expect(result.project?.dockerfiles).toEqual([
      { path: "Dockerfile", text: "FROM node:22\n" },
      { path: "docker/api.Dockerfile", text: "FROM public.ecr.aws/lambda/nodejs:22\n" },
    ]);
  });

  it("reports a missing project folder", () => {
    const project = tempProject({});
    const missing = project.path("nope");
    expect(readProject(missing, []).diagnostics.map((d) => d.message)).toEqual([
      `Project path '${missing}' does not exist or is not a folder.`,
    ]);
  });
});

/** The nested package.json folders of the project in `root`, each with whether the workspace declares it. */
function nestedPackages(root: string): Record<string, boolean> {
  const result = readProject(root, ["node_modules"]);
  expect(result.diagnostics).toEqual([]);
  return Object.fromEntries((result.project?.packages ?? []).map((p) => [p.dir, p.workspace]));
}

describe("readProject: workspace packages", () => {
  it("marks the folders the root package.json's workspaces match; the others stay packages for their type and dependencies", () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "ws", workspaces: ["packages/*", "services/**"] }),
      "packages/ids/package.json": JSON.stringify({ name: "@ws/ids" }),
      "services/api/v2/package.json": JSON.stringify({ name: "@ws/api" }),
      "examples/express/package.json": JSON.stringify({ name: "express", type: "module" }),
      "examples/express/index.js": "",
      "node_modules/express/package.json": JSON.stringify({ name: "express" }),
    });
    expect(nestedPackages(project.dir)).toEqual({ "examples/express": false, "packages/ids": true, "services/api/v2": true });
    expect(kinds(project.dir)).toEqual({ "examples/express/index.js": "esm" });
  });

  it("reads yarn's { packages: [...] } form", () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "ws", workspaces: { packages: ["libs/*"], nohoist: ["**/x"] } }),
      "libs/a/package.json": "{}",
      "test/fixtures/a/package.json": "{}",
      "index.js": "",
    });
    expect(nestedPackages(project.dir)).toEqual({ "libs/a": true, "test/fixtures/a": false });
  });

  it("reads pnpm-workspace.yaml's packages with their ! exclusions", () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "ws" }),
      "pnpm-workspace.yaml": lines("packages:", "  - 'packages/**'", "  - '!**/test/**'", ""),
      "packages/a/package.json": "{}",
      "packages/a/test/fake/package.json": "{}",
      "index.js": "",
    });
    expect(nestedPackages(project.dir)).toEqual({ "packages/a": true, "packages/a/test/fake": false });
  });

  it("compiled from a folder of the workspace, matches the globs of the workspace's root above it", () => {
    const workspace = tempProject({
      "package.json": JSON.stringify({ name: "ws", workspaces: ["services/*"] }),
      "services/api/package.json": JSON.stringify({ name: "@ws/api" }),
      "services/api/vendor/express/package.json": JSON.stringify({ name: "express" }),
      "services/api/index.js": "",
    });
    // The services folder has no package.json: its folders are the workspace's services/*.
    expect(nestedPackages(workspace.path("services"))).toEqual({ api: true, "api/vendor/express": false });
    // Compiled from inside one workspace package, the folders below it are not declared: none is importable by name.
    expect(nestedPackages(workspace.path("services", "api"))).toEqual({ "vendor/express": false });
  });

  it("compiled from inside one workspace package, knows the workspace's other packages by name and folder", () => {
    const workspace = tempProject({
      "package.json": JSON.stringify({ name: "ws", workspaces: ["apps/*", "packages/**", "!packages/ignored"] }),
      "apps/api/package.json": JSON.stringify({ name: "@ws/api" }),
      "apps/api/index.js": "",
      "apps/web/package.json": JSON.stringify({ name: "@ws/web" }),
      "packages/ids/package.json": JSON.stringify({ name: "@ws/ids" }),
      "packages/nested/deep/package.json": JSON.stringify({ name: "@ws/deep" }),
      "packages/ignored/package.json": JSON.stringify({ name: "@ws/ignored" }),
      "packages/ids/node_modules/dep/package.json": JSON.stringify({ name: "dep" }),
    });
    const outside = (root: string) => readProject(root, []).project?.outsidePackages ?? [];
    expect(outside(workspace.path("apps", "api"))).toEqual([
      { name: "@ws/deep", dir: "../../packages/nested/deep" },
      { name: "@ws/ids", dir: "../../packages/ids" },
      { name: "@ws/web", dir: "../web" },
    ]);
    // From the workspace's root, every package is inside the project.
    expect(outside(workspace.dir)).toEqual([]);
  });

  it("a workspace above the project that does not declare its folder is not the project's", () => {
    const workspace = tempProject({
      "package.json": JSON.stringify({ name: "ws", workspaces: ["packages/*"] }),
      "packages/ui/package.json": JSON.stringify({ name: "@acme/ui" }),
      "examples/app/package.json": JSON.stringify({ name: "example", dependencies: { "@acme/ui": "^1.0.0" } }),
      "examples/app/lib/package.json": JSON.stringify({ name: "lib" }),
      "examples/app/index.js": "",
    });
    const result = readProject(workspace.path("examples", "app"), []);
    expect(result.project?.outsidePackages).toBeUndefined();
    expect(result.project?.packages?.map((p) => [p.dir, p.workspace])).toEqual([["lib", false]]);
  });

  it("without declared workspaces, no nested package is the workspace's", () => {
    const project = tempProject({ "package.json": JSON.stringify({ name: "app" }), "lib/package.json": JSON.stringify({ name: "lib" }), "index.js": "" });
    expect(nestedPackages(project.dir)).toEqual({ lib: false });
  });

  it("warns, at the YAML's line and column, about a pnpm-workspace.yaml it cannot read, and a workspaces value of another shape", () => {
    const project = tempProject({
      "package.json": JSON.stringify({ name: "ws", workspaces: "packages/*" }),
      "pnpm-workspace.yaml": lines("packages:", "  nested: 'packages/*'", ""),
      "packages/a/package.json": "{}",
      "index.js": "",
    });
    const result = readProject(project.dir, []);
    expect(result.project?.packages?.map((p) => p.workspace)).toEqual([false]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.range ? formatLocation(d.range) : undefined, d.message])).toEqual([
      ["project/invalid-workspaces", "warning", undefined, "Cannot read the workspace's packages from package.json: `workspaces` is neither a list of globs nor `{ packages: [...] }`. The packages it would declare are not imported by name as project code."],
      ["project/invalid-workspaces", "warning", "pnpm-workspace.yaml:2:3", "Cannot read the workspace's packages from pnpm-workspace.yaml: `packages` is not a list of globs. The packages it would declare are not imported by name as project code."],
    ]);
  });
});

describe("parseJsonc", () => {
  it("keeps comment markers inside strings and strips a byte-order mark", () => {
    expect(parseJsonc('\uFEFF{ "url": "http://x/*y*/", "s": "a,]" , } // end')).toEqual({ url: "http://x/*y*/", s: "a,]" });
  });

  it("keeps error positions those of the original text", () => {
    const text = '{ "a": 1, // one\n  "b": 2,\n ] }';
    expect(() => parseJsonc(text)).toThrow(new RegExp(`at position ${text.indexOf("]")}\\b`));
  });
});


describe("readProject: .gitignored files a static unit may serve", () => {
  const tree = {
    "package.json": "{}",
    ".gitignore": "dist/\ncoverage/\n*.log\n",
    "server.js": "",
    "dist/index.html": "",
    "dist/assets/app-3f2a1b9c.js": "",
    "dist/.cache/x": "",
    "dist/node_modules/x/index.js": "",
    "coverage/index.html": "",
    "debug.log": "",
  };

  it("lists the files of the ignored folders a file holding a static_unit annotation names, with the rule", () => {
    const project = tempProject({ ...tree, "site.js": '// @klotho::static_unit { id = "web", static_files = ["dist/**"] }\n' });
    const result = readProject(project.dir, []);
    const rule = { pattern: "dist/", file: ".gitignore", line: 1 };
    expect(result.project?.ignoredFiles).toEqual([
      { path: "dist/assets/app-3f2a1b9c.js", ignoredAt: "dist", rule },
      { path: "dist/index.html", ignoredAt: "dist", rule },
    ]);
    expect(result.project?.otherFiles).not.toContain("dist/index.html");
  });

  it("lists none without a static_unit annotation", () => {
    const project = tempProject({ ...tree, "site.js": "// dist/** is served elsewhere\n" });
    expect(readProject(project.dir, []).project?.ignoredFiles).toBeUndefined();
  });
});
