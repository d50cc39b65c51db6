import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const COMPILE = [".", "--app", "pugs", "--provider", "aws"];
const ESCAPE = "\u001b[";

/** A project whose a.js redeclares a const and whose b.js holds an unclosed annotation body. */
function brokenProject() {
  return tempProject({
    "package.json": '{ "name": "pugs", "type": "module" }',
    "a.js": "const x = 1;\nconst x = 2;\nexport default x;\n",
    "b.js": '// @klotho::persist { id = "dogs"\nexport const dogs = new Map();\nimport "./a.js";\n',
  });
}

/** A project that compiles with one warning: an unknown annotation capability. */
function warningProject() {
  return tempProject({ "package.json": "{}", "index.js": "// @klotho::teleport\nconst x = 1;\n" });
}

describe("errors in the user's source", () => {
  it("exit 1 with file:line:col, a code frame and no stack trace; every file read is reported", async () => {
    const project = brokenProject();
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = outputLines(run.stderr);
    expect(lines.slice(0, 4)).toEqual([
      "a.js:2:7: error: Syntax error: Identifier 'x' has already been declared. [parse/syntax-error]",
      "  | in a.js",
      "  | 2| const x = 2;",
      "  |  |       ^",
    ]);
    expect(lines[4]).toMatch(/^b\.js:1:4: error: .*\[annotation\/[a-z-]+\]$/);
    expect(lines).toContain("  | in b.js");
    expect(lines.at(-1)).toBe("klotho: 2 errors, 0 warnings; nothing was written.");
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toContain("internal error");
    expect(existsSync(project.path("compiled"))).toBe(false);
  });

  it("--json prints one JSON document with located diagnostics and nothing on stderr", async () => {
    const project = brokenProject();
    const run = await runCli([...COMPILE, "--json"], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const document = JSON.parse(run.stdout) as { ok: boolean; diagnostics: Record<string, unknown>[] };
    expect(document.ok).toBe(false);
    expect(document.diagnostics[0]).toEqual({
      code: "parse/syntax-error",
      severity: "error",
      message: "Syntax error: Identifier 'x' has already been declared.",
      file: "a.js",
      line: 2,
      column: 7,
      endLine: 2,
      endColumn: 7,
    });
    expect(document.diagnostics[1]).toMatchObject({ severity: "error", file: "b.js", line: 1, column: 4 });
    expect(document.diagnostics).toHaveLength(2);
  });

  it("reads what is deployed: a plugin the code loads from a folder it reads, not a draft nothing loads", async () => {
    const server = [
      `const express = require("express");`,
      `const fs = require("fs");`,
      `const path = require("path");`,
      "const app = express();",
      'for (const file of fs.readdirSync(path.join(__dirname, "routes"))) require(`./routes/${file}`)(app);',
      '// @klotho::expose { id = "api", target = "public" }',
      "app.listen(3000);",
    ].join("\n");
    const broken = 'module.exports = (app) => {\n  app.get("/b", (req, res) => res.send("b")\n};\n';
    const draft = "module.exports = function (\n";
    const project = tempProject({ "package.json": '{ "name": "pugs", "main": "server.js" }', "server.js": server, "routes/broken.js": broken, "old/draft.js": draft });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    const errors = outputLines(run.stderr).filter((line) => / error: /.test(line));
    expect(errors).toEqual(['routes/broken.js:3:1: error: Syntax error: Unexpected token, expected "," [parse/syntax-error]']);
    project.write({ "routes/broken.js": 'module.exports = (app) => app.get("/b", (req, res) => res.send("b"));\n' });
    const fixed = await runCli(COMPILE, { cwd: project.dir });
    expect(fixed.code).toBe(0);
    expect(existsSync(project.path("compiled/main/routes/broken.js"))).toBe(true);
    expect(existsSync(project.path("compiled/main/old/draft.js"))).toBe(false);
  });

  it("a syntax error deep in a minified line shows a window of the line, and --json keeps the exact column", async () => {
    const line = `module.exports={${Array.from({ length: 2_000 }, (_, i) => `k${i}:${i}`).join(",")},};;}\n`;
    const column = line.indexOf(";;}") + 3;
    const project = tempProject({ "package.json": '{ "main": "index.js" }', "index.js": 'require("./vendor/config.min.js");\n', "vendor/config.min.js": line });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    const lines = outputLines(run.stderr);
    expect(lines[0]).toBe(`vendor/config.min.js:1:${column}: error: Syntax error: Unexpected token [parse/syntax-error]`);
    expect(lines[2]).toMatch(/^ {2}\| 1\| …[k0-9:,]{100,},k1999:1999,\};;\}$/);
    expect(lines[2]?.length).toBeLessThanOrEqual(160);
    expect(lines[3]?.indexOf("^")).toBe(lines[2]?.lastIndexOf("}"));
    expect(run.stderr.length).toBeLessThan(600);
    const json = await runCli([...COMPILE, "--json"], { cwd: project.dir });
    const document = JSON.parse(json.stdout) as { diagnostics: Record<string, unknown>[] };
    expect(document.diagnostics).toEqual([expect.objectContaining({ file: "vendor/config.min.js", line: 1, column, endColumn: column })]);
  });

  it("a binary file named .js prints no control character to the terminal", async () => {
    const binary = `\u007fELF\u0002\u0001\u0001${"\u0000".repeat(9)}\u0003\u0000>\u0000\u001b[2J\u0007`;
    const project = tempProject({ "package.json": '{ "main": "index.js" }', "index.js": 'require("./lib/blob.js");\n', "lib/blob.js": binary });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(outputLines(run.stderr).slice(0, 4)).toEqual([
      "lib/blob.js:1:1: error: Syntax error: Unexpected character '\\x7F'. [parse/syntax-error]",
      "  | in lib/blob.js",
      `  | 1| \\x7FELF\\x02\\x01\\x01${"\\x00".repeat(9)}\\x03\\x00>\\x00\\x1B[2J\\x07`,
      "  |  | ^^^^",
    ]);
    expect(run.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });

  it("--json on success reports ok and the out dir", async () => {
    const project = tempProject({ "package.json": "{}", "index.js": "const x = 1;\n" });
    const run = await runCli([...COMPILE, "--json"], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const document = JSON.parse(run.stdout) as { timings: Record<string, unknown> };
    expect(document).toMatchObject({ ok: true, outDir: "compiled", diagnostics: [], annotations: [] });
    expect(Object.keys(document.timings)).toEqual(expect.arrayContaining(["parse", "write"]));
    expect(Object.values(document.timings).every((ms) => typeof ms === "number")).toBe(true);
  });

  it("--json reports a load failure as a document too", async () => {
    const project = tempProject({ "package.json": "{}", "index.js": "" });
    const run = await runCli([".", "--provider", "aws", "--json"], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false,
      diagnostics: [
        {
          code: "cli/missing-option",
          severity: "error",
          message: "Missing required option --app (give it on the command line or in klotho.yaml).",
        },
      ],
      annotations: [],
    });
  });
});

describe("two execution units declared in one file", () => {
  it("are an error at the second, exit 1 and nothing written, and explain does not describe a unit that is never made", async () => {
    const project = tempProject({
      "package.json": "{}",
      "index.js": 'const express = require("express");\nconst app = express();\n// @klotho::execution_unit { id = "orders" }\n// @klotho::execution_unit { id = "billing" }\napp.get("/hi", (req, res) => res.send("hi"));\n/* @klotho::expose { id = "api", target = "public" } */\napp.listen(3000);\n',
    });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(outputLines(run.stderr)[0]).toMatch(/^index\.js:4:4: error: @klotho::execution_unit 'billing' in a file that already belongs to unit 'orders' \(declared at index\.js:3:4\).* \[annotation\/conflicting-unit\]$/);
    expect(existsSync(project.path("compiled"))).toBe(false);
    const explain = await runCli(["explain", "index.js:4", ...COMPILE], { cwd: project.dir });
    expect(explain.stdout).not.toMatch(/exec_unit:billing/);
    expect(explain.stderr).toContain("[annotation/conflicting-unit]");
  });
});

describe("one persist id on two annotations of different kinds", () => {
  it("is one error, annotation/duplicate-id at the second, not a second plan/duplicate-persist for the same pair", async () => {
    const project = tempProject({
      "package.json": '{ "main": "index.js" }',
      "index.js": [
        'const express = require("express");',
        '/* @klotho::persist { id = "data" } */',
        'const fs = require("fs/promises");',
        "const app = express();",
        "",
        '/* @klotho::persist { id = "data" } */',
        "const cache = new Map();",
        'app.get("/f/:n", async (req, res) => res.send(await fs.readFile(`files/${req.params.n}`, "utf8")));',
        'app.get("/c/:n", async (req, res) => res.json(await cache.get(req.params.n)));',
        '/* @klotho::expose { id = "api", target = "public" } */',
        "app.listen(3000);",
        "",
      ].join("\n"),
    });
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(1);
    const lines = outputLines(run.stderr);
    expect(lines.filter((line) => / error: /.test(line))).toEqual([
      "index.js:6:4: error: Duplicate @klotho::persist id 'data': it is also declared at index.js:2:4. [annotation/duplicate-id]",
    ]);
    expect(lines.at(-1)).toBe("klotho: 1 error, 0 warnings; nothing was written.");
    const json = await runCli([...COMPILE, "--json"], { cwd: project.dir });
    expect((JSON.parse(json.stdout) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toEqual(["annotation/duplicate-id"]);
  });
});

describe("unit ids taking the name of a file named after the app", () => {
  it.each([
    ["execution_unit", "shop.png", "annotation/invalid-unit-id"],
    ["execution_unit", "shop.json/api", "annotation/invalid-unit-id"],
    ["static_unit", "shop.svg", "annotation/invalid-static-id"],
  ])("@klotho::%s { id = %j } with --app shop is an error at the id, exit 1, not a failure to write", async (capability, id, code) => {
    const directives = capability === "static_unit" ? `id = "${id}", static_files = ["*.html"]` : `id = "${id}"`;
    const project = tempProject({
      "package.json": "{}",
      "a.html": "<p>a</p>\n",
      "unit.js": `// @klotho::${capability} { ${directives} }\nmodule.exports = 1;\n`,
      "index.js": 'const express = require("express");\nrequire("./unit");\nconst app = express();\napp.get("/hi", (req, res) => res.send("hi"));\n/* @klotho::expose { id = "api", target = "public" } */\napp.listen(3000);\n',
    });
    const run = await runCli([".", "--app", "shop", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(outputLines(run.stderr)[0]).toMatch(new RegExp(`^unit\\.js:1:\\d+: error: The ${capability} id '${id}' names .*<app>\\.png.* \\[${code.replace("/", "\\/")}\\]$`));
    expect(run.stderr).not.toContain("EISDIR");
    expect(existsSync(project.path("compiled"))).toBe(false);
  });
});

describe("warnings and --strict", () => {
  const warning = [
    "index.js:1:4: warning: Unknown annotation capability teleport. [annotation/unknown-capability]",
  ];

  it("without --strict a warning is printed and the compile succeeds", async () => {
    const project = warningProject();
    const run = await runCli(COMPILE, { cwd: project.dir });
    expect(run.code).toBe(0);
    const lines = outputLines(run.stderr);
    expect(lines[0]).toBe(warning[0]);
    expect(lines).toContain("  | 1| // @klotho::teleport");
    expect(lines.at(-1)).toBe("Compiled with 1 warning to compiled");
    expect(existsSync(project.path("compiled", "klotho.yaml"))).toBe(true);
  });

  it("with --strict the same warning fails the compile with exit 1 and nothing is written", async () => {
    const project = warningProject();
    const run = await runCli([...COMPILE, "--strict"], { cwd: project.dir });
    expect(run.code).toBe(1);
    const lines = outputLines(run.stderr);
    expect(lines[0]).toBe(warning[0]);
    expect(lines.at(-1)).toBe("klotho: 0 errors, 1 warning; nothing was written.");
    expect(existsSync(project.path("compiled"))).toBe(false);
  });

  it("a failed compile prints no `Adding resource` line: nothing it names was made", async () => {
    const project = tempProject({
      "package.json": "{}",
      "index.js": ["// @klotho::teleport", '// @klotho::persist { id = "dogs" }', "const dogs = new Map();", "module.exports = { dogs };", ""].join("\n"),
    });
    const passing = await runCli(COMPILE, { cwd: project.dir });
    expect(passing.code).toBe(0);
    expect(passing.stdout).toContain("Adding resource persist_kv:dogs");
    const failing = await runCli([...COMPILE, "--strict", "-o", "strict-out"], { cwd: project.dir });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toBe("");
    expect(outputLines(failing.stderr).at(-1)).toBe("klotho: 0 errors, 1 warning; nothing was written.");
  });
});

describe("klotho explain and --strict", () => {
  const EXPLAIN = ["explain", ".", "--app", "pugs", "--provider", "aws"];

  it("fails as the compile would: exit 0 with a warning, exit 1 with it under --strict, and the warning on stderr", async () => {
    const project = warningProject();
    const plain = await runCli(EXPLAIN, { cwd: project.dir });
    expect([plain.code, plain.stderr]).toEqual([0, ""]);
    const strict = await runCli([...EXPLAIN, "--strict"], { cwd: project.dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain("The compile would fail on the problems listed on stderr.");
    expect(outputLines(strict.stderr)[0]).toBe("index.js:1:4: warning: Unknown annotation capability teleport. [annotation/unknown-capability]");
    const json = await runCli([...EXPLAIN, "--strict", "--json"], { cwd: project.dir });
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { ok: boolean }).ok).toBe(false);
  });

  it("has no -o: it writes nothing, and a folder named compiled that is not an output does not stop it", async () => {
    const project = tempProject({ "package.json": "{}", "index.js": "const x = 1;\n", "compiled/notes.txt": "mine\n" });
    const refused = await runCli([...EXPLAIN, "-o", "out"], { cwd: project.dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("unknown option '-o'");
    const run = await runCli(EXPLAIN, { cwd: project.dir });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(existsSync(project.path("out"))).toBe(false);
  });
});

describe("colour", () => {
  it.each<[string, boolean, Record<string, string>, boolean, string[]]>([
    ["a TTY", true, {}, true, []],
    ["a TTY with an empty NO_COLOR", true, { NO_COLOR: "" }, true, []],
    ["a TTY with NO_COLOR", false, { NO_COLOR: "1" }, true, []],
    ["a TTY with --no-color", false, {}, true, ["--no-color"]],
    ["a pipe", false, {}, false, []],
    ["a TTY with --json", false, {}, true, ["--json"]],
  ])("on %s, escape codes: %s", async (_name, coloured, env, isTTY, extra) => {
    const project = brokenProject();
    const run = await runCli([...COMPILE, ...extra], { cwd: project.dir, env, isTTY });
    expect(run.code).toBe(1);
    expect(run.stdout.includes(ESCAPE)).toBe(false);
    expect(run.stderr.includes(ESCAPE)).toBe(coloured);
    if (coloured) expect(run.stderr).toContain(`a.js:2:7: ${ESCAPE}31merror${ESCAPE}0m: `);
  });

  it("keeps config errors plain under NO_COLOR", async () => {
    const project = tempProject({ "package.json": "{}", "klotho.yaml": "app: [x]\n" });
    const run = await runCli(["--provider", "aws"], { cwd: project.dir, env: { NO_COLOR: "1" }, isTTY: true });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain(ESCAPE);
    expect(outputLines(run.stderr)[0]).toBe("klotho.yaml:1:6: error: 'app' must be a string [config/schema]");
  });
});
