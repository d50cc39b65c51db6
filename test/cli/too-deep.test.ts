// Valid code can nest deeper than a recursive-descent parser's stack holds: a generated file's chain of
// 20,000 `+`, or hundreds of nested literals. Node runs it; Babel and TypeScript run out of stack on it.
// klotho then copies a file it cannot read into the units as it is (with the project files it loads),
// says so, and fails with a clear error only where it must: annotations it cannot read, TypeScript the
// compiler cannot emit. Never "Syntax error" for valid code, never an internal error.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const COMPILE = [".", "--app", "deep", "--provider", "aws", "-o", "compiled"];

const SERVER = lines(
  `const express = require("express");`,
  `const text = require("./lib/generated");`,
  "const app = express();",
  `app.get("/", (req, res) => res.send(text));`,
  "",
  `/* @klotho::expose { id = "api", target = "public" } */`,
  "app.listen(3000);",
  "",
);

/** `"s0" +\n"s1" + ...`: 20,000 strings, four times what Babel's parser follows. */
const LONG_SUM = Array.from({ length: 20_000 }, (_, index) => `"s${index}"`).join(" +\n");
const PACKAGE = JSON.stringify({ name: "deep", version: "1.0.0", main: "index.js", dependencies: { express: "^4.21.2" } });

describe("a chain of imports longer than the interpreter's stack", () => {
  it("carries every module of the chain, not a stand-in past the point klotho stopped, and says where it stopped", async () => {
    // 3,000 modules, each requiring the next: klotho's interpreter runs out of stack a few hundred deep.
    const chain: Record<string, string> = {};
    for (let index = 0; index < 3000; index++) chain[`lib/m${index}.js`] = index < 2999 ? `const next = require("./m${index + 1}");\nmodule.exports = () => next() + 1;\n` : "module.exports = () => 0;\n";
    const server = SERVER.replace(`const text = require("./lib/generated");`, `const count = require("./lib/m0");`).replace("res.send(text)", "res.json(count())");
    const project = tempProject({ "package.json": PACKAGE, "index.js": server, ...chain });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    const warnings = outputLines(run.stderr).filter((line) => line.includes(": warning: "));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^lib\/m\d+\.js:1:1: warning: klotho ran out of stack running this module, .* \[facts\/out-of-stack\]$/);
    for (const [file, text] of Object.entries(chain)) expect(project.read(`compiled/main/${file}`), file).toBe(text);
  });

  it("carries every module too when each holds code nested deep enough that the parser runs out of stack far down the chain, not from a short one", async () => {
    // 100 nested arrays parse from a short stack (Babel gives up at about 600), not 400 modules down.
    const nested = `${"[".repeat(100)}1${"]".repeat(100)}`;
    const chain: Record<string, string> = {};
    for (let index = 0; index < 1500; index++) chain[`lib/m${index}.js`] = index < 1499 ? `const data = ${nested};\nconst next = require("./m${index + 1}");\nmodule.exports = () => next() + data.length;\n` : "module.exports = () => 0;\n";
    const server = SERVER.replace(`const text = require("./lib/generated");`, `const count = require("./lib/m0");`).replace("res.send(text)", "res.json(count())");
    const project = tempProject({ "package.json": PACKAGE, "index.js": server, ...chain });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("parse/too-deep");
    expect(outputLines(run.stderr).filter((line) => line.includes(": warning: "))).toEqual([expect.stringMatching(/\[facts\/out-of-stack\]$/)]);
    for (const [file, text] of Object.entries(chain)) expect(project.read(`compiled/main/${file}`), file).toBe(text);
  });
});

describe("code nested deeper than the parsers follow", () => {
  it("is copied into the unit as written, with the project files it loads, and warned about", async () => {
    const generated = lines(`const upper = require("./upper");`, `module.exports = upper(${LONG_SUM});`, "");
    const project = tempProject({ "package.json": PACKAGE, "index.js": SERVER, "lib/generated.js": generated, "lib/upper.js": "module.exports = (s) => s.toUpperCase();\n" });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code, run.stderr).toBe(0);
    const output = outputLines(run.stderr);
    expect(output[0]).toMatch(/^lib\/generated\.js:1:1: warning: This file nests code deeper than klotho's parser can follow \(it ran out of stack\), so klotho does not look inside it: .* \[parse\/too-deep\]$/);
    expect(output.at(-1)).toBe("Compiled with 1 warning to compiled");
    expect(project.read("compiled/main/lib/generated.js")).toBe(generated);
    expect(project.read("compiled/main/lib/upper.js")).toBe("module.exports = (s) => s.toUpperCase();\n");
  });

  it("is an error when the file holds annotations klotho could not read", async () => {
    const generated = lines("// @klotho::persist { id = \"cache\" }", "const cache = new Map();", `module.exports = ${LONG_SUM};`, "");
    const project = tempProject({ "package.json": PACKAGE, "index.js": SERVER, "lib/generated.js": generated });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(outputLines(run.stderr)[0]).toMatch(/^lib\/generated\.js:1:1: error: This file nests code deeper than klotho's parser can follow \(it ran out of stack\), so klotho cannot read its annotations\. .* \[parse\/too-deep-annotated\]$/);
    expect(run.stderr).not.toContain("Syntax error");
    expect(existsSync(project.path("compiled"))).toBe(false);
  });

  it("in TypeScript, is emitted when the compiler follows it, and an error naming the file when it does not", async () => {
    const sum = tempProject({ "package.json": PACKAGE, "index.js": SERVER, "lib/generated.ts": `export = ${LONG_SUM};\n` });
    const emitted = await runCli(COMPILE, { cwd: sum.dir });
    expect(emitted.code, emitted.stderr).toBe(0);
    expect(emitted.stderr).toContain("lib/generated.ts:1:1: warning:");
    expect(sum.read("compiled/main/lib/generated.js")).toMatch(/^"use strict";\nmodule\.exports = "s0" \+\n {4}"s1" \+\n/);

    // 20,000 nested arrays: the compiler gives up at about 3,000 (so does tsc).
    const nested = tempProject({ "package.json": PACKAGE, "index.js": SERVER, "lib/generated.ts": `export = ${"[".repeat(20_000)}1${"]".repeat(20_000)};\n` });
    const failed = await runCli(COMPILE, { cwd: nested.dir });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("lib/generated.ts:1:1: error: TypeScript's compiler ran out of stack on this file");
    expect(failed.stderr).toContain("[transform/emit-too-deep]");
    expect(failed.stderr).not.toContain("internal error");
    expect(existsSync(nested.path("compiled"))).toBe(false);
    // Two compiles of TypeScript following expressions 20,000 deep: 8-31 s here, the slowest test.
  }, 120_000);
});
