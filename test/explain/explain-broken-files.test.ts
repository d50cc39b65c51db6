import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExplainFailure } from "../../src/generated/explain.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { createTempFolder, type TempFolder } from "../helpers/temp-project.js";

// "Why is my resource missing?": when the compile has errors, a target that matches nothing says
// which of them can be the reason (a file that did not parse has no annotations), lists them, and
// exits 1 as a compile would.

const index = `const express = require("express");
const items = require("./items");
const app = express();
app.use("/items", items);

/* @klotho::expose { id = "api", target = "public" } */
app.listen(3000);
`;

/** The annotation on line 4 is fine; the missing \`)\` on line 8 stops the file from parsing. */
const items = `const express = require("express");
const router = express.Router();

/* @klotho::persist { id = "items" } */
const items = new Map();

router.get("/:id", async (req, res) => {
  res.json(await items.get(req.params.id);
});

module.exports = router;
`;

const syntaxError = [
  'items.js:8:42: error: Syntax error: Unexpected token, expected "," [parse/syntax-error]',
  "  | in items.js",
  "  | 8|   res.json(await items.get(req.params.id);",
  "  |  |                                          ^",
];

const packageJson = JSON.stringify({ name: "shop", main: "index.js", dependencies: { express: "^4.21.2" } });

let project: TempFolder;
/** A project whose only error is an invalid directive. */
let invalid: TempFolder;
const base = ["--app", "shop", "--provider", "aws"];

beforeAll(() => {
  project = createTempFolder({ "package.json": packageJson, "index.js": index, "items.js": items });
  invalid = createTempFolder({
    "package.json": packageJson,
    "index.js": index.replace('require("./items")', 'require("./cats")'),
    "cats.js": 'const router = require("express").Router();\n/* @klotho::persist { id = "cats", ttl = "1h" } */\nconst cats = new Map();\nrouter.get("/", async (req, res) => res.json(await cats.get("a")));\nmodule.exports = router;\n',
  });
});
afterAll(() => {
  project.remove();
  invalid.remove();
});

async function explain(args: readonly string[], folder = project): Promise<{ code: number; stdout: string; stderr: string[] }> {
  const run = await runCli(["explain", ...args, folder.dir, ...base], { cwd: folder.dir });
  return { code: run.code, stdout: run.stdout, stderr: outputLines(run.stderr) };
}

describe("klotho explain on a target that a file's syntax error removed", () => {
  it("a resource id names the file that did not parse, lists its error and exits 1", async () => {
    const run = await explain(["persist_kv:items"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toEqual([
      "klotho explain: No resource 'persist_kv:items' in the plan; its resources are: exec_unit:main, gateway:api. It can be missing because the compile would fail: items.js did not parse (syntax error at items.js:8:42), so none of its annotations or code is in the plan. Fix it and explain again.",
      ...syntaxError,
    ]);
  });

  it("an annotation's line says its file did not parse, with the error's location", async () => {
    const run = await explain(["items.js:4"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([
      "klotho explain: Cannot explain items.js:4: items.js did not parse (syntax error at items.js:8:42), so klotho read none of its annotations. Fix the syntax error and explain again.",
      ...syntaxError,
    ]);
  });

  it("--json gives the reason first, then the compile's diagnostics, in the failure document", async () => {
    const run = await runCli(["explain", "items.js:4", project.dir, ...base, "--json"], { cwd: project.dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const document: unknown = JSON.parse(run.stdout);
    expect(schemaValidator("explain")(document)).toEqual([]);
    const failure = document as ExplainFailure;
    expect(failure.query).toEqual({ kind: "annotation", file: "items.js", line: 4 });
    expect(failure.diagnostics.map((d) => [d.code, d.file, d.line, d.column])).toEqual([
      ["explain/file-not-parsed", undefined, undefined, undefined],
      ["parse/syntax-error", "items.js", 8, 42],
    ]);
  });

  it("an unknown resource points at the compile's other errors too", async () => {
    const run = await explain(["persist_kv:dogs"], invalid);
    expect(run.code).toBe(1);
    expect(run.stderr[0]).toBe(
      "klotho explain: No resource 'persist_kv:dogs' in the plan; its resources are: exec_unit:main, gateway:api. It can be missing because the compile would fail: 1 problem at cats.js:2:36. Fix it and explain again.",
    );
    expect(run.stderr[1]).toBe("cats.js:2:36: error: Invalid @klotho::persist annotation: 'ttl' must be an integer [annotation/invalid-directive]");
  });
});
