// How klotho reads a project's tsconfig files as TypeScript does: JSONC, `extends` (paths and packages),
// relative values, `references` and which tsconfig compiles which file (the nearest tsconfig.json, or
// the referenced project that includes the file), and the build output folders left out of the project.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { readProject } from "../../src/load/project.js";
import { readTsconfigFile, type TsconfigInfo } from "../../src/load/tsconfig.js";
import { createTsconfigSelector } from "../../src/load/tsconfig-scope.js";
import { relativePosix } from "../../src/util/paths.js";
import { formatLocation } from "../../src/util/source-range.js";
import { tempProject, type FileTree } from "../helpers/temp-project.js";

/** The tsconfig.json of `dir` as readTsconfigFile reads it: what klotho uses of it, or the error that stopped it. */
function readTsconfig(dir: string): TsconfigInfo | { diagnostic: Diagnostic } {
  const read = readTsconfigFile(path.join(dir, "tsconfig.json"), dir);
  return "info" in read ? read.info : read;
}

describe("readTsconfigFile", () => {
  it("reads comments and trailing commas, follows relative extends and resolves paths, baseUrl and outDir", () => {
    const project = tempProject({
      "configs/base.json": [
        "{",
        "  // shared settings",
        '  "compilerOptions": {',
        '    "baseUrl": "../src", /* relative to this file */',
        '    "paths": { "@lib/*": ["lib/*", "vendor/*",], },',
        '    "outDir": "../should-be-overridden",',
        "  },",
        "}",
      ].join("\n"),
      "tsconfig.json": [
        "{",
        '  "extends": "./configs/base", // no .json suffix',
        '  "compilerOptions": {',
        "    /* the build output */",
        '    "outDir": "./build",',
        "  },",
        "}",
      ].join("\n"),
    });
    expect(readTsconfig(project.dir)).toEqual({
      file: project.path("tsconfig.json"),
      baseUrl: project.path("src"),
      paths: { "@lib/*": [project.path("src", "lib", "*"), project.path("src", "vendor", "*")] },
      outDir: project.path("build"),
    });
  });

  it("resolves paths without baseUrl against the file that declares them, and merges an extends list in order", () => {
    const project = tempProject({
      "base/paths.json": JSON.stringify({ compilerOptions: { paths: { "~/*": ["./app/*"] }, outDir: "out-a" } }),
      "base/out.json": JSON.stringify({ compilerOptions: { outDir: "out-b" } }),
      "tsconfig.json": JSON.stringify({ extends: ["./base/paths.json", "./base/out.json"] }),
    });
    expect(readTsconfig(project.dir)).toEqual({
      file: project.path("tsconfig.json"),
      paths: { "~/*": [project.path("base", "app", "*")] },
      outDir: project.path("base", "out-b"),
    });
  });

  it("survives extends cycles", () => {
    const project = tempProject({
      "a.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { baseUrl: "." } }),
      "tsconfig.json": JSON.stringify({ extends: ["./a.json"] }),
    });
    expect(readTsconfig(project.dir)).toEqual({ file: project.path("tsconfig.json"), baseUrl: project.dir });
  });

  it("reads no tsconfig in a project without one", () => {
    expect(readProject(tempProject({ "package.json": "{}", "index.ts": "" }).dir, []).project?.tsconfigs).toBeUndefined();
  });

  it("reports invalid JSON at its line and column, counting the comments", () => {
    const project = tempProject({ "tsconfig.json": '{\n  // c\n  "a": 1\n  "b": 2\n}\n' });
    const result = readTsconfig(project.dir);
    const diagnostic = result && "diagnostic" in result ? result.diagnostic : undefined;
    expect(diagnostic?.code).toBe("project/invalid-json");
    expect(diagnostic?.message).toBe("Cannot read tsconfig.json: Expected ',' or '}' after property value");
    expect(diagnostic?.range ? formatLocation(diagnostic.range) : undefined).toBe("tsconfig.json:4:3");
  });

  it("locates a JSON error whose message names no position (an unquoted value), in package.json and in an extended tsconfig", () => {
    const broken = '{\n  "name": "x",\n  "main": index.js\n}\n';
    const manifest = readProject(tempProject({ "package.json": broken }).dir, []);
    const fromManifest = "diagnostics" in manifest ? manifest.diagnostics[0] : undefined;
    expect(fromManifest?.message).toBe("Cannot read package.json: Unexpected token 'i'");
    expect(fromManifest?.range ? formatLocation(fromManifest.range) : undefined).toBe("package.json:3:11");
    const extended = readTsconfig(tempProject({ "tsconfig.json": '{ "extends": "./base.json" }', "base.json": broken }).dir);
    const fromBase = extended && "diagnostic" in extended ? extended.diagnostic : undefined;
    expect(fromBase?.message).toBe("Cannot read base.json: Unexpected token 'i'");
    expect(fromBase?.range ? formatLocation(fromBase.range) : undefined).toBe("base.json:3:11");
  });

  it("skips tsconfig's outDir when reading the project", () => {
    const project = tempProject({
      "package.json": "{}",
      "tsconfig.json": '{ "compilerOptions": { "outDir": "dist", }, }',
      "src/index.ts": "",
      "dist/index.js": "",
    });
    expect(readProject(project.dir, []).project?.files.map((f) => f.path)).toEqual(["src/index.ts"]);
  });

  it("does not skip the project itself when outDir is '.'", () => {
    const project = tempProject({ "package.json": "{}", "tsconfig.json": '{ "compilerOptions": { "outDir": "." } }', "index.ts": "" });
    expect(readProject(project.dir, []).project?.files.map((f) => f.path)).toEqual(["index.ts"]);
  });
});


/** What reading `tsconfig.json` in `dir` gave: the emit options and the warnings, each `code location message`. */
function readWithWarnings(dir: string, file = "tsconfig.json"): { emit: TsconfigInfo["emit"]; warnings: string[] } {
  const read = readTsconfigFile(path.join(dir, file), dir);
  if (!("info" in read)) throw new Error(read.diagnostic.message);
  return { emit: read.info.emit, warnings: read.diagnostics.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"} ${d.message}`) };
}

const NODE20 = JSON.stringify({ display: "Node 20", compilerOptions: { lib: ["es2023"], module: "node16", target: "es2022", strict: true, esModuleInterop: true, moduleResolution: "node16" } });

describe("readTsconfigFile: extends naming a package, as TypeScript finds it", () => {
  it.each([
    ["a file of the package", "@tsconfig/node20/tsconfig.json"],
    ["the package's bare name (its tsconfig.json)", "@tsconfig/node20"],
    ["a file of the package without .json", "@tsconfig/node20/tsconfig"],
  ])("reads %s from node_modules: its emit options apply", (_, extendsValue) => {
    const project = tempProject({
      "node_modules/@tsconfig/node20/package.json": JSON.stringify({ name: "@tsconfig/node20", version: "20.1.4" }),
      "node_modules/@tsconfig/node20/tsconfig.json": NODE20,
      "tsconfig.json": JSON.stringify({ extends: extendsValue, compilerOptions: { outDir: "dist", target: "es2023" } }),
    });
    expect(readWithWarnings(project.dir)).toEqual({ emit: { module: "node16", target: "es2023", esModuleInterop: true }, warnings: [] });
  });

  it("finds a workspace's config packages in a node_modules folder above the tsconfig: its tsconfig field, its exports, a subpath", () => {
    const project = tempProject({
      "node_modules/@repo/config/package.json": JSON.stringify({ name: "@repo/config", tsconfig: "./node.json" }),
      "node_modules/@repo/config/node.json": JSON.stringify({ compilerOptions: { target: "ES2021" } }),
      "node_modules/@repo/typescript-config/package.json": JSON.stringify({ name: "@repo/typescript-config" }),
      "node_modules/@repo/typescript-config/base.json": JSON.stringify({ compilerOptions: { esModuleInterop: true, target: "ES2020" } }),
      "node_modules/@repo/exported/package.json": JSON.stringify({ name: "@repo/exported", exports: { "./react": { require: "./configs/react.json" } } }),
      "node_modules/@repo/exported/configs/react.json": JSON.stringify({ compilerOptions: { jsx: "react" } }),
      "apps/api/tsconfig.json": JSON.stringify({ extends: ["@repo/typescript-config/base.json", "@repo/config", "@repo/exported/react"] }),
    });
    expect(readWithWarnings(project.dir, "apps/api/tsconfig.json")).toEqual({ emit: { esModuleInterop: true, target: "ES2021", jsx: "react" }, warnings: [] });
  });

  it("reads an absolute extends", () => {
    const base = tempProject({ "base.json": JSON.stringify({ compilerOptions: { esModuleInterop: true } }) });
    const project = tempProject({ "tsconfig.json": JSON.stringify({ extends: base.path("base.json") }) });
    expect(readWithWarnings(project.dir).emit).toEqual({ esModuleInterop: true });
  });

  it("warns at the extends value that names nothing found (a package not installed, a path, an entry of a list), and applies the rest", () => {
    const project = tempProject({
      "base.json": JSON.stringify({ compilerOptions: { target: "ES2019" } }),
      "tsconfig.json": ["{", "  // the build", '  "extends": "@tsconfig/node20/tsconfig.json",', '  "compilerOptions": { "esModuleInterop": false }', "}"].join("\n"),
      "list.json": ["{", '  "extends": [', '    "./base.json",', '    "./gone"', "  ]", "}"].join("\n"),
    });
    const cannotFind = (value: string): string =>
      `Cannot find '${value}', which this tsconfig extends: its compiler options (esModuleInterop, target, paths, ...) are not applied, so the JavaScript klotho emits can differ from tsc's and fail when it runs. Install the package that holds it (npm install) or correct the path.`;
    expect(readWithWarnings(project.dir)).toEqual({ emit: { esModuleInterop: false }, warnings: [`project/missing-tsconfig tsconfig.json:3:14 ${cannotFind("@tsconfig/node20/tsconfig.json")}`] });
    expect(readWithWarnings(project.dir, "list.json")).toEqual({ emit: { target: "ES2019" }, warnings: [`project/missing-tsconfig list.json:4:5 ${cannotFind("./gone")}`] });
  });

  it("resolves ${configDir} in a base against the folder of the tsconfig that extends it", () => {
    const project = tempProject({
      "node_modules/@repo/config/tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "${configDir}/build", paths: { "@/*": ["${configDir}/src/*"] } }, include: ["${configDir}/src"] }),
      "apps/api/tsconfig.json": JSON.stringify({ extends: "@repo/config" }),
    });
    const read = readTsconfigFile(project.path("apps/api/tsconfig.json"), project.dir);
    expect("info" in read ? read.info : read).toEqual({
      file: project.path("apps/api/tsconfig.json"),
      outDir: project.path("apps/api/build"),
      paths: { "@/*": [project.path("apps/api/src/*")] },
      include: [`${project.dir.split(path.sep).join("/")}/apps/api/src/**/*`],
    });
  });
});

/** For each of `files`, the tsconfig (project-relative) that compiles it in the project made of `tree`, and the project's warnings. */
function compiledWith(tree: FileTree, files: readonly string[]): { tsconfigs: Record<string, string | undefined>; warnings: string[] } {
  const root = tempProject({ "package.json": "{}", ...tree }).dir;
  const { project, diagnostics } = readProject(root, []);
  const select = createTsconfigSelector(root, project?.tsconfigs);
  const tsconfigs = Object.fromEntries(files.map((file) => [file, ((config) => config && relativePosix(root, config.file))(select(file))]));
  return { tsconfigs, warnings: diagnostics.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"} ${d.message}`) };
}

describe("which tsconfig compiles a file", () => {
  it("a solution-style tsconfig.json: the referenced project whose files or include (less exclude) cover the file, else the solution itself", () => {
    const result = compiledWith(
      {
        "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.app.json" }, { path: "./tsconfig.spec.json" }, { path: "./tools" }] }),
        "tsconfig.app.json": JSON.stringify({ compilerOptions: { esModuleInterop: true }, include: ["src"], exclude: ["src/**/*.spec.ts"] }),
        "tsconfig.spec.json": JSON.stringify({ include: ["src/**/*.spec.ts"] }),
        "tools/tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.seed.json" }] }),
        "tools/tsconfig.seed.json": JSON.stringify({ files: ["../scripts/seed.ts"] }),
        "src/server.ts": "",
        "src/server.spec.ts": "",
        "src/routes/users.ts": "",
        "scripts/seed.ts": "",
        "scripts/other.ts": "",
      },
      ["src/server.ts", "src/routes/users.ts", "src/server.spec.ts", "scripts/seed.ts", "scripts/other.ts"],
    );
    expect(result).toEqual({
      tsconfigs: {
        "src/server.ts": "tsconfig.app.json",
        "src/routes/users.ts": "tsconfig.app.json",
        "src/server.spec.ts": "tsconfig.spec.json",
        "scripts/seed.ts": "tools/tsconfig.seed.json",
        "scripts/other.ts": "tsconfig.json",
      },
      warnings: [],
    });
  });

  it("the referenced project's options are the file's: compiler options of tsconfig.app.json, not of the empty solution", () => {
    const root = tempProject({
      "package.json": "{}",
      "tsconfig.json": JSON.stringify({ files: [], references: [{ path: "./tsconfig.app.json" }] }),
      "tsconfig.app.json": JSON.stringify({ compilerOptions: { module: "commonjs", esModuleInterop: true, outDir: "dist" }, include: ["src"] }),
      "src/server.ts": "",
      "dist/server.js": "",
    }).dir;
    const { project } = readProject(root, []);
    expect(project?.files.map((f) => f.path)).toEqual(["src/server.ts"]);
    expect(createTsconfigSelector(root, project?.tsconfigs)("src/server.ts")?.emit).toEqual({ module: "commonjs", esModuleInterop: true });
  });

  it("a monorepo compiled from its root: each file's nearest tsconfig.json, a referenced project's references followed depth first, a cycle ended", () => {
    const result = compiledWith(
      {
        "tsconfig.json": JSON.stringify({ compilerOptions: { target: "ES2022" }, include: ["scripts"], references: [{ path: "./libs" }] }),
        "libs/tsconfig.json": JSON.stringify({ files: [], references: [{ path: "../tsconfig.json" }, { path: "./tsconfig.lib.json" }] }),
        "libs/tsconfig.lib.json": JSON.stringify({ include: ["../shared"] }),
        "apps/api/tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./src/*"] } } }),
        "apps/api/src/server.ts": "",
        "apps/web/server.ts": "",
        "shared/util.ts": "",
        "scripts/build.ts": "",
      },
      ["apps/api/src/server.ts", "apps/web/server.ts", "shared/util.ts", "scripts/build.ts"],
    );
    expect(result.tsconfigs).toEqual({
      "apps/api/src/server.ts": "apps/api/tsconfig.json",
      "apps/web/server.ts": "tsconfig.json",
      "shared/util.ts": "libs/tsconfig.lib.json",
      "scripts/build.ts": "tsconfig.json",
    });
  });

  it("leaves out every tsconfig's outDir but one holding the tsconfig itself, and warns at a reference that names no tsconfig", () => {
    const result = readProject(
      tempProject({
        "package.json": "{}",
        "tsconfig.json": ["{", '  "files": [],', '  "references": [{ "path": "./apps/gone" }]', "}"].join("\n"),
        "apps/api/tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "build" } }),
        "apps/api/src/server.ts": "",
        "apps/api/build/src/server.js": "",
        "apps/api/build/package.json": "{}",
        "apps/web/tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "." } }),
        "apps/web/server.ts": "",
      }).dir,
      [],
    );
    expect(result.project?.files.map((f) => f.path)).toEqual(["apps/api/src/server.ts", "apps/web/server.ts"]);
    expect(result.project?.packages).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range ? formatLocation(d.range) : "-"} ${d.message}`)).toEqual([
      "project/missing-tsconfig warning tsconfig.json:3:28 Cannot find the project './apps/gone' this tsconfig references: the files it would compile are emitted with the options of the tsconfig.json nearest to them.",
    ]);
  });

  it("leaves out a nested tsconfig.json that is not JSON (a scaffold's template), with a warning at its line and column", () => {
    const result = readProject(tempProject({ "package.json": "{}", "apps/api/tsconfig.json": '{\n  "compilerOptions": { "target": ES2022 }\n}', "apps/api/index.ts": "" }).dir, []);
    expect(result.project?.files.map((f) => f.path)).toEqual(["apps/api/index.ts"]);
    expect(result.diagnostics.map((d) => `${d.code} ${d.severity} ${d.range ? formatLocation(d.range) : "-"}`)).toEqual(["project/unreadable-tsconfig warning apps/api/tsconfig.json:2:34"]);
  });

  it("stops at the project's own tsconfig.json when it is not JSON", () => {
    const result = readProject(tempProject({ "package.json": "{}", "tsconfig.json": '{\n  "compilerOptions": { "target": ES2022 }\n}', "index.ts": "" }).dir, []);
    expect(result.project).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"}`)).toEqual(["project/invalid-json tsconfig.json:2:34"]);
  });
});
