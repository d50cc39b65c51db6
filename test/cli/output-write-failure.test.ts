import type * as fs from "node:fs";
import { readdirSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { readTree, tempProject } from "../helpers/temp-project.js";

// The disk failing under a compile: node:fs is wrapped so that one kind of call fails, with the error
// Node gives, for paths inside the compile's staging folder. Everything else is the real file system.
const failure = vi.hoisted(() => ({
  /** Which call fails, for which paths; none when undefined. */
  armed: undefined as { readonly call: "writeFileSync" | "renameSync"; readonly path: RegExp; readonly code: string } | undefined,
  /** The paths a failing call was asked for. */
  hits: [] as string[],
}));

vi.mock("node:fs", async (importOriginal) => {
  const real = await importOriginal<typeof fs>();
  const failing = (call: "writeFileSync" | "renameSync", file: unknown): void => {
    const armed = failure.armed;
    if (armed?.call !== call || typeof file !== "string" || !armed.path.test(file)) return;
    failure.hits.push(file);
    throw Object.assign(new Error(`${armed.code}: simulated failure, ${call === "writeFileSync" ? "open" : "rename"} '${file}'`), { code: armed.code, syscall: call === "writeFileSync" ? "open" : "rename", path: file });
  };
  const writeFileSync: typeof real.writeFileSync = (file, ...rest) => {
    failing("writeFileSync", file);
    real.writeFileSync(file, ...rest);
  };
  const renameSync: typeof real.renameSync = (from, to) => {
    failing("renameSync", from);
    real.renameSync(from, to);
  };
  return { ...real, default: { ...real, writeFileSync, renameSync }, writeFileSync, renameSync };
});

afterEach(() => {
  failure.armed = undefined;
  failure.hits = [];
});

const COMPILE = [".", "--app", "pugs", "--provider", "aws"];
const INDEX = `const express = require("express");
const { x } = require("./lib/util");
const app = express();
app.get("/", (req, res) => res.send(String(x)));
/* @klotho::expose { id = "api", target = "public" } */
app.listen(3000);
`;
const GOOD = { "package.json": '{ "name": "pugs" }', "index.js": INDEX, "lib/util.js": "exports.x = 1;\n" };

/** Compiles GOOD, changes a file, then compiles again on a disk that fails as `armed` says; the old output is returned to compare. */
async function recompileFailing(armed: NonNullable<typeof failure.armed>) {
  const project = tempProject(GOOD);
  expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
  // What the user made in compiled/, which a compile moves into the new tree: it must be back in the old one.
  project.write({ "compiled/node_modules/x/index.js": "x\n", "compiled/package-lock.json": "{}\n", "compiled/Pulumi.dev.yaml": "config: {}\n", "compiled/main/node_modules/y.js": "y\n" });
  const before = readTree(project.path("compiled"));
  project.write({ "lib/util.js": "exports.x = 2;\n" });
  failure.armed = armed;
  const run = await runCli(COMPILE, { cwd: project.dir });
  expect(failure.hits).toHaveLength(1);
  expect(run.code).toBe(2);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  // The earlier output is as it was, and no staging or set-aside folder is left beside it.
  expect(readTree(project.path("compiled"))).toEqual(before);
  expect(readdirSync(project.dir).sort()).toEqual(["compiled", "index.js", "lib", "package.json"]);
  return run;
}

describe("a disk that fails under the compile", () => {
  it("a unit file that cannot be written while the diagram is drawn stops the compile with exit 2 and the reason, and compiled/ stays as it was", async () => {
    // The unit's files are written early (pipeline.ts `early`), while the diagram is still being drawn.
    const run = await recompileFailing({ call: "writeFileSync", path: /\.compiled\.klotho-new-\d+\/main\/lib\/util\.js$/, code: "ENOSPC" });
    expect(run.stderr).toMatch(/^error: Cannot write the output folder 'compiled': ENOSPC: simulated failure, open '.*\/main\/lib\/util\.js'; the previous output, if any, is unchanged\. \[cli\/cannot-write-output\]$/m);
  });

  it("when the new tree cannot be renamed into place, the earlier output is put back", async () => {
    const run = await recompileFailing({ call: "renameSync", path: /\.compiled\.klotho-new-\d+$/, code: "EBUSY" });
    expect(run.stderr).toMatch(/^error: Cannot write the output folder 'compiled': EBUSY: simulated failure, rename '.*'; the previous output, if any, is unchanged\. \[cli\/cannot-write-output\]$/m);
  });

  it("when the user's installed packages cannot be moved across, those already moved go back", async () => {
    const run = await recompileFailing({ call: "renameSync", path: /\/compiled\/package-lock\.json$/, code: "EPERM" });
    expect(run.stderr).toMatch(/^error: Cannot write the output folder 'compiled': EPERM: simulated failure/m);
  });

  it("the same compile with a working disk replaces the output (the failures above were the disk's)", async () => {
    const project = tempProject(GOOD);
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    project.write({ "lib/util.js": "exports.x = 2;\n" });
    expect((await runCli(COMPILE, { cwd: project.dir })).code).toBe(0);
    expect(readTree(project.path("compiled"))["main/lib/util.js"]?.toString()).toBe("exports.x = 2;\n");
    expect(failure.hits).toEqual([]);
  });
});
