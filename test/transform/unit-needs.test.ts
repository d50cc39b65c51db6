// A unit folder must hold everything its rewritten code loads, whether or not the plan gives the unit
// an edge to the store: a file that constructs a KVMap needs the DynamoDB client, and an fs import
// pointed at a store shim needs the shim and the S3 client, in every unit whose folder holds it. A
// store used in a file no unit owns is used by the units that hold that file (DESIGN §4, as amended).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { runCli } from "../helpers/run-cli.js";

const FILES: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "needs", main: "index.js", dependencies: { express: "^4.21.2" } }),
  "storage.js": lines(`// @klotho::persist { id = "files" }`, `const fs = require("fs/promises");`, "exports.save = (name, body) => fs.writeFile(name, body);"),
  "cache.js": lines(`/** @klotho::persist { id = "cache" } */`, "exports.cache = new Map();"),
  "files.js": lines(
    `// @klotho::execution_unit { id = "files" }`,
    `const express = require("express");`,
    `const storage = require("./storage");`,
    `exports.filesRouter = express.Router().put("/:name", async (req, res) => {`,
    "  await storage.save(req.params.name, req.body);",
    "  res.status(204).end();",
    "});",
  ),
  "index.js": lines(
    `const express = require("express");`,
    `const { filesRouter } = require("./files");`,
    `const { cache } = require("./cache");`,
    "const app = express();",
    `app.use("/files", filesRouter);`,
    `app.get("/health", (req, res) => res.json({ cache: typeof cache }));`,
    `/* @klotho::expose { id = "api", target = "public" } */`,
    "app.listen(3000);",
  ),
};

let scratch: string;
let compiled: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "klotho-needs-"));
  const project = path.join(scratch, "project");
  mkdirSync(project);
  for (const [file, text] of Object.entries(FILES)) writeFileSync(path.join(project, file), text);
  const result = await runCli([project, "--app", "needs", "--provider", "aws", "-o", "compiled"], { cwd: scratch });
  expect(result.code, result.stderr).toBe(0);
  compiled = path.join(scratch, "compiled");
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function dependenciesOf(unit: string): Record<string, string> {
  const manifest: unknown = JSON.parse(readFileSync(path.join(compiled, unit, "package.json"), "utf8"));
  if (typeof manifest !== "object" || manifest === null || !("dependencies" in manifest)) throw new Error("no dependencies");
  return Object.fromEntries(Object.entries(manifest.dependencies ?? {}).map(([name, version]) => [name, String(version)]));
}

describe("what a unit's rewritten code loads is in its folder", () => {
  it("the plan gives the fs store's edge to the unit that runs the fs call: files, whose folder holds the unowned storage.js", () => {
    const plan: unknown = JSON.parse(readFileSync(path.join(compiled, "resources.json"), "utf8"));
    const edges: unknown = typeof plan === "object" && plan !== null && "edges" in plan ? plan.edges : undefined;
    expect(edges).toContainEqual({ source: "exec_unit:files", target: "persist_fs:files" });
    // main serves /health from index.js, which reaches storage.js only through the files unit's router.
    expect(edges).toContainEqual({ source: "gateway:api", target: "exec_unit:main" });
    expect(edges).not.toContainEqual({ source: "exec_unit:main", target: "persist_fs:files" });
    expect(existsSync(path.join(compiled, "main", "storage.js"))).toBe(false);
  });

  it("writes the store shim and adds the S3 client to the unit that holds the persisted fs import", () => {
    expect(readFileSync(path.join(compiled, "files", "storage.js"), "utf8")).toContain(`require("./klotho_runtime/stores/fs-files.js")`);
    expect(existsSync(path.join(compiled, "files", "klotho_runtime", "stores", "fs-files.js"))).toBe(true);
    expect(dependenciesOf("files")).toMatchObject({ "@aws-sdk/client-s3": "3.1175.0" });
    expect(dependenciesOf("main")).not.toHaveProperty("@aws-sdk/client-s3");
  });

  it("adds the DynamoDB client to the units that construct a KVMap without calling it (both hold index.js, which imports cache.js)", () => {
    const plan = readFileSync(path.join(compiled, "resources.json"), "utf8");
    expect(plan).not.toContain('"target": "persist_kv:cache"');
    for (const unit of ["files", "main"]) expect(readFileSync(path.join(compiled, unit, "cache.js"), "utf8")).toContain("KVMap");
    expect(dependenciesOf("files")).toEqual({ "@aws-sdk/client-dynamodb": "3.1169.0", "@aws-sdk/client-s3": "3.1175.0", express: "^4.21.2" });
    expect(dependenciesOf("main")).toEqual({ "@aws-sdk/client-dynamodb": "3.1169.0", express: "^4.21.2" });
  });
});
