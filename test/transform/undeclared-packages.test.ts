// A unit's image installs its package.json `dependencies` only (npm install --omit=dev), so a package its
// code loads that is only in devDependencies, or declared nowhere, loads locally and fails in the cloud.
// Each such load is a warning at the import, once per file and package, naming the units that lack it.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { projectResolver } from "../../src/facts/index.js";
import type { Resource } from "../../src/plan/index.js";
import { undeclaredPackages, type UnitCode } from "../../src/transform/undeclared-packages.js";
import { unitDependencies } from "../../src/transform/unit-manifests.js";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeProgram, lines, type ProgramOptions, type SourceTree } from "../helpers/program.js";

function unit(name: string, files: readonly string[]): Resource {
  return { id: `exec_unit:${name}`, kind: "exec_unit", name, type: "lambda", params: {}, entrypoint: files[0] ?? "index.js", files: [...files], source: [], provenance: [] };
}

/** The check over `units` (name → its files) of the project `files`, each file running as written; `runtime` are the runtime modules each unit loads. */
function check(files: SourceTree, units: Readonly<Record<string, readonly string[]>>, options: ProgramOptions & { runs?: Readonly<Record<string, string>>; runtime?: readonly string[] } = {}): Diagnostic[] {
  const { project, program, facts } = analyzeProgram(files, options);
  const code: UnitCode[] = Object.entries(units).map(([name, unitFiles]) => {
    const resource = unit(name, unitFiles);
    return {
      unit: resource,
      files: unitFiles.map((path) => ({ path, runs: options.runs?.[path] ?? files[path] ?? "" })),
      installed: new Set(Object.keys(unitDependencies(project, resource, new Set(options.runtime ?? [])))),
    };
  });
  return undeclaredPackages({ project, program, resolve: projectResolver(project), facts }, code);
}

/** `file:line:col package (where it is declared) units`, read back from each message. */
function summary(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => {
    const name = /^The package '([^']+)'/.exec(d.message)?.[1];
    const where = /is only in the (\w+) of ([^:]+):/.exec(d.message);
    const units = /units? (.+?) installs? /.exec(d.message)?.[1];
    return `${d.range ? formatLocation(d.range) : "-"} ${name ?? "?"} ${where ? `${where[1]} of ${where[2]}` : "undeclared"} ${units ?? "?"}`;
  });
}

const MANIFEST = { name: "shop", dependencies: { express: "^4.21.2" }, devDependencies: { dayjs: "^1.11.13", vitest: "^3.0.0" } };

describe("transform/undeclared-package", () => {
  it("is a warning at the first load of a package only in devDependencies, or declared nowhere, saying what to do", () => {
    const index = lines(`const express = require("express");`, `const dayjs = require("dayjs");`, `const again = require("dayjs/plugin/utc");`, `const { get } = require("lodash/get");`);
    const diagnostics = check({ "index.js": index }, { main: ["index.js"] }, { packageJson: MANIFEST });
    expect(summary(diagnostics)).toEqual(["index.js:2:23 dayjs devDependencies of package.json main", "index.js:4:25 lodash undeclared main"]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        "transform/undeclared-package",
        "warning",
        "The package 'dayjs' is only in the devDependencies of package.json: unit main installs dependencies only (not devDependencies), so loading it fails in the cloud (Cannot find module 'dayjs'), even when it works locally from node_modules. Move it to the dependencies of package.json (npm install --save-prod dayjs).",
      ],
      [
        "transform/undeclared-package",
        "warning",
        "The package 'lodash' is not declared in package.json: unit main installs only the dependencies declared there, so loading it fails in the cloud (Cannot find module 'lodash'), even when it works locally from node_modules. Add it to the dependencies of package.json (npm install --save-prod lodash).",
      ],
    ]);
  });

  it.each<[string, string, string[]]>([
    ["ES imports, re-exports and import() of a literal", lines(`import "dotenv/config";`, `export * from "zod";`, `const m = await import("@acme/metrics/node");`), ["index.mjs:1:8 dotenv", "index.mjs:2:15 zod", "index.mjs:3:24 @acme/metrics"]],
    ["Node's built-ins, with node: and as subpaths", lines(`import fs from "node:fs";`, `import { readFile } from "fs/promises";`, `import path from "path";`, `import test from "node:test";`), []],
    ["import type and export type, which load nothing", lines(`import type { Express } from "express-serve-static-core";`, `export type { Pool } from "pg";`, `import "./local.mjs";`), []],
    ["`#` imports and unresolved aliases, which name no npm package", lines(`import a from "#internal/a";`, `import b from "@/lib/b";`, `import c from "./local.mjs";`), []],
    [
      "loads the code guards: in a try block, or in a branch that runs only outside production",
      lines(
        `try { await import("pino-pretty"); } catch {}`,
        `if (process.env.NODE_ENV !== "production") await import("dotenv/config");`,
        `if (process.env.NODE_ENV === "production") {} else { await import("morgan"); }`,
        `try {} catch { await import("caught"); }`,
      ),
      ["index.mjs:4:29 caught"],
    ],
  ])("%s", (_name, source, expected) => {
    const diagnostics = check({ "index.mjs": source, "local.mjs": "export default 1;\n" }, { main: ["index.mjs"] }, { packageJson: MANIFEST });
    expect(summary(diagnostics).map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(expected);
  });

  it("says where else the package is declared: optionalDependencies, peerDependencies", () => {
    const packageJson = { name: "shop", optionalDependencies: { "pg-native": "^3.0.0" }, peerDependencies: { react: "^19.0.0" } };
    const diagnostics = check({ "index.js": lines(`require("pg-native");`, `require("react");`) }, { main: ["index.js"] }, { packageJson });
    expect(summary(diagnostics)).toEqual(["index.js:1:9 pg-native optionalDependencies of package.json main", "index.js:2:9 react peerDependencies of package.json main"]);
  });

  it("is once per file and package, naming every unit that lacks it; files no unit carries say nothing", () => {
    const files = {
      "shared.js": lines(`const dayjs = require("dayjs");`, `module.exports = () => require("dayjs")();`),
      "a.js": `require("./shared"); require("dayjs");`,
      "b.js": `require("./shared");`,
      "scripts/seed.js": `require("faker");`,
    };
    const diagnostics = check(files, { a: ["a.js", "shared.js"], b: ["b.js", "shared.js"] }, { packageJson: MANIFEST });
    expect(summary(diagnostics)).toEqual(["a.js:1:30 dayjs devDependencies of package.json a", "shared.js:1:23 dayjs devDependencies of package.json a and b"]);
  });

  it("leaves out what the unit's image has: the runtime's SDK clients, the workspace's own packages", () => {
    const files = {
      "index.js": lines(`require("@aws-sdk/client-dynamodb");`, `require("@aws-sdk/client-s3");`, `require("@shop/ids");`, `require("@shop/ids/format");`),
      "packages/ids/index.js": "module.exports = 1;",
      "packages/ids/format.js": "module.exports = 2;",
    };
    const packageJson = { name: "shop", workspaces: ["packages/*"] };
    const diagnostics = check(files, { main: ["index.js", "packages/ids/index.js", "packages/ids/format.js"] }, { packageJson, packages: { "packages/ids": { name: "@shop/ids" } }, runtime: ["keyvalue"] });
    expect(summary(diagnostics)).toEqual(["index.js:2:9 @aws-sdk/client-s3 undeclared main"]);
  });

  it("counts only loads the code that runs still holds: not one the rewrite or TypeScript's emit removed", () => {
    const source = lines(`import { Router } from "express";`, `import { Schema } from "zod";`, `import { format } from "dayjs";`, `export const f = (s: Schema) => format(s);`);
    const emitted = lines(`import { format } from "dayjs";`, `export const f = (s) => format(s);`);
    const diagnostics = check({ "index.ts": source }, { main: ["index.ts"] }, { packageJson: { name: "shop" }, runs: { "index.ts": emitted } });
    expect(summary(diagnostics)).toEqual(["index.ts:3:24 dayjs undeclared main"]);
  });

  it("in a workspace, names the package.json files the unit installs from, nearest the entrypoint first", () => {
    const files = { "packages/api/server.js": `require("express"); require("dayjs");` };
    const packages = { "packages/api": { name: "@shop/api", dependencies: { express: "^4.21.2" } } };
    const diagnostics = check(files, { api: ["packages/api/server.js"] }, { packageJson: { name: "shop", workspaces: ["packages/*"] }, packages });
    expect(diagnostics.map((d) => d.message)).toEqual([
      "The package 'dayjs' is not declared in packages/api/package.json or package.json: unit api installs only the dependencies declared there, so loading it fails in the cloud (Cannot find module 'dayjs'), even when it works locally from node_modules. Add it to the dependencies of packages/api/package.json.",
    ]);
  });

  it("leaves next, react and react-dom of a unit serving a Next.js app to next/missing-dependencies, at its next() call", () => {
    const server = lines(`const next = require("next");`, `const express = require("express");`, `const React = require("react");`, `const helmet = require("helmet");`, "const app = next({ dev: false });");
    const diagnostics = check({ "server.js": server }, { main: ["server.js"] }, { packageJson: { name: "blog", dependencies: { express: "^4.21.2" } } });
    expect(summary(diagnostics)).toEqual(["server.js:4:24 helmet undeclared main"]);
  });

  it("says nothing more when a dependency map is not one: project/invalid-dependencies reports it", () => {
    const diagnostics = check({ "index.js": `require("express");` }, { main: ["index.js"] }, { packageJson: { name: "shop", dependencies: [{ express: "^4.21.2" }] } });
    expect(diagnostics).toEqual([]);
  });
});
