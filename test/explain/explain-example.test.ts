import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ExplainDocument } from "../../src/generated/explain.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { outputLines, runCli } from "../helpers/run-cli.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const pugs = path.join(root, "examples/pugs");
const base = ["--app", "pugs", "--provider", "aws"];

async function explainJson(...args: string[]): Promise<ExplainDocument> {
  const run = await runCli(["explain", ...args, pugs, ...base, "--json"], { cwd: root });
  expect(run.stderr).toBe("");
  const document: unknown = JSON.parse(run.stdout);
  expect(schemaValidator("explain")(document)).toEqual([]);
  return document as ExplainDocument;
}

describe("klotho explain on the pugs example", () => {
  it("explains every resource compactly: type, annotation, decisions in order, edges with their reasons", async () => {
    const run = await runCli(["explain", pugs, ...base], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = outputLines(run.stdout);
    const start = lines.indexOf("persist_kv:dogs → dynamodb");
    expect(lines.slice(start, start + 8)).toEqual([
      "persist_kv:dogs → dynamodb",
      "  from @klotho::persist { id = \"dogs\" } at pugs.js:9:4",
      "  decisions:",
      "    1. [capability] capability/persist-kv: add-resource {\"kind\":\"persist_kv\"}  rules/capability/persist-kv.yaml",
      "    2. [provider] aws/kv-dynamodb: set-type dynamodb  providers/aws/kv-dynamodb.yaml",
      "  edges:",
      "    ← exec_unit:pugs: `set` at pugs.js:24:9 (and 1 more) uses persist_kv:dogs (rule capability/use-edge)",
      "",
    ]);
    expect(lines.filter((line) => /^\S/.test(line))).toEqual([
      "exec_unit:adopt → lambda  {\"memorySize\":512,\"timeout\":180}",
      "exec_unit:pugs → lambda  {\"memorySize\":512,\"timeout\":180}",
      "gateway:api-gateway → apigateway",
      "persist_kv:dogs → dynamodb",
      "persist_redis_node:cache → elasticache  {\"nodeType\":\"cache.t3.micro\",\"numCacheNodes\":1}",
      "network → a VPC, with no NAT gateway",
    ]);
    expect(run.stdout).toContain("    2. [capability] capability/expose-routes: add-routes (6 routes)  rules/capability/expose-routes.yaml");
    expect(run.stdout).toContain("    → exec_unit:adopt: derived from the gateway's routes: unit adopt serves 4 of them (GET /adoptions/:name, POST /adoptions/:name, POST /adoptions/:name/approve and 1 more)");
  });

  it("explains one resource in detail: code frame, code facts, rationale and the value each condition saw", async () => {
    const run = await runCli(["explain", "persist_kv:dogs", pugs, ...base], { cwd: root });
    expect(run.code).toBe(0);
    const lines = outputLines(run.stdout);
    expect(lines.slice(0, 21)).toEqual([
      "persist_kv:dogs → dynamodb",
      "  from @klotho::persist { id = \"dogs\" } at pugs.js:9:4",
      "    | in pugs.js",
      "    |  9|  * @klotho::persist {",
      "    | 10|  *   id = \"dogs\"",
      "    | 11|  * }",
      "    | 12|  */",
      "  code facts:",
      "    pugs.js:13:15  `new Map()` `store`",
      "  decisions, in order:",
      "    1. [capability] capability/persist-kv: add-resource {\"kind\":\"persist_kv\"}  rules/capability/persist-kv.yaml",
      "       A persist annotation on a new Map() becomes a key-value store (persist_kv).",
      "       why: A Map in memory is lost when a function instance ends and is not shared between instances; a key-value store keeps the entries and gives every instance the same view.",
      "       for pugs.js:13:15",
      "       ✓ subject equal \"annotation\" (saw \"annotation\")",
      "       ✓ annotation.capability equal \"persist\" (saw \"persist\")",
      "       ✓ bound.kv_map greaterThanInclusive 1 (saw 1)",
      "    2. [provider] aws/kv-dynamodb: set-type dynamodb  providers/aws/kv-dynamodb.yaml",
      "       Key-value persistence becomes a DynamoDB table.",
      "       why: Pay-per-request and serverless; Map keys map onto a partition key.",
      "       for pugs.js:9:4",
    ]);
    expect(run.stdout).not.toContain("rules that did not fire");
  });

  it("finds a resource by its bare name, and a lone folder argument is the project path", async () => {
    const run = await runCli(["explain", "dogs", pugs, ...base], { cwd: root });
    expect(outputLines(run.stdout)[0]).toBe("persist_kv:dogs → dynamodb");
    const all = await runCli(["explain", "examples/pugs", ...base], { cwd: root });
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("gateway:api-gateway → apigateway");
  });

  it("--all answers 'why not dynamodb?': near misses with their failing conditions, other rules in one line", async () => {
    const run = await runCli(["explain", "persist_redis_node:cache", pugs, ...base, "--all"], { cwd: root });
    expect(run.code).toBe(0);
    const lines = outputLines(run.stdout);
    const start = lines.indexOf("  rules that did not fire:");
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toMatch(/^ {4}- written for other kinds of subject: .*capability\/expose-gateway.*aws\/kv-dynamodb/);
    expect(lines).toContain("    - [capability] capability/persist-kv: A persist annotation on a new Map() becomes a key-value store (persist_kv).  rules/capability/persist-kv.yaml");
    expect(lines).toContain("        ✗ bound.kv_map greaterThanInclusive 1 (saw 0)");
    const document = await explainJson("persist_redis_node:cache", "--all");
    const dynamodb = document.resources[0]?.notFired?.find((rule) => rule.rule === "aws/kv-dynamodb");
    expect(dynamodb?.conditions?.all?.[0]).toEqual({ outcome: "fail", fact: "resource", path: "$.kind", operator: "equal", value: "persist_kv", saw: "persist_redis_node" });
  });

  it("--json gives the same content as a schema-valid document", async () => {
    const document = await explainJson();
    expect(document.query).toEqual({ kind: "all" });
    expect(document.ok).toBe(true);
    expect(document.resources.map((r) => r.id)).toEqual(["exec_unit:adopt", "exec_unit:pugs", "gateway:api-gateway", "persist_kv:dogs", "persist_redis_node:cache"]);
    const dogs = document.resources.find((r) => r.id === "persist_kv:dogs");
    expect(dogs?.annotations).toEqual([{ capability: "persist", id: "dogs", text: "@klotho::persist {\n  id = \"dogs\"\n}", location: { file: "pugs.js", line: 9, column: 4 } }]);
    expect(dogs?.facts).toEqual([{ kind: "kv_map", description: "`new Map()` `store`", location: { file: "pugs.js", line: 13, column: 15 } }]);
    expect(dogs?.decisions.map((d) => [d.stage, d.rule, d.file, d.event.type])).toEqual([
      ["capability", "capability/persist-kv", "rules/capability/persist-kv.yaml", "add-resource"],
      ["provider", "aws/kv-dynamodb", "providers/aws/kv-dynamodb.yaml", "set-type"],
    ]);
    expect(dogs?.decisions[0]?.conditions?.all?.map((c) => [c.fact, c.path, c.outcome, c.saw])).toEqual([
      ["subject", undefined, "pass", "annotation"],
      ["annotation", "$.capability", "pass", "persist"],
      ["bound", "$.kv_map", "pass", 1],
    ]);
    expect(dogs?.edges).toEqual([{ direction: "in", resource: "exec_unit:pugs", reason: "`set` at pugs.js:24:9 (and 1 more) uses persist_kv:dogs (rule capability/use-edge)" }]);
    expect(dogs?.notFired).toBeUndefined();
  });

  it("explains an annotation by file and line: what it produced and the rules that fired", async () => {
    const document = await explainJson("pugs.js:10");
    expect(document.query).toEqual({ kind: "annotation", file: "pugs.js", line: 10 });
    expect(document.annotations?.map((a) => [a.capability, a.id, a.produced, a.reasons, a.unit])).toEqual([["persist", "dogs", ["persist_kv:dogs"], [], "pugs"]]);
    // persist-kv-options fires too; its params come from directives this annotation does not give, so it changes nothing.
    expect(document.annotations?.[0]?.fired.map((d) => d.rule)).toEqual(["capability/persist-kv", "capability/persist-kv-options"]);
    expect(document.resources.map((r) => r.id)).toEqual(["persist_kv:dogs"]);
  });

  it("names the unit an execution_unit annotation makes", async () => {
    const document = await explainJson("pugs.js:2");
    expect(document.annotations?.map((a) => [a.capability, a.id, a.produced, a.unit])).toEqual([["execution_unit", "pugs", ["exec_unit:pugs"], "pugs"]]);
  });

  it("writes nothing", async () => {
    const cwd = path.join(root, "test/explain");
    expect((await runCli(["explain", pugs, ...base], { cwd })).code).toBe(0);
    expect(existsSync(path.join(cwd, "compiled"))).toBe(false);
  });

  it("refuses a target that matches nothing with exit 2 and what would match", async () => {
    const unknown = await runCli(["explain", "persist_kv:cats", pugs, ...base], { cwd: root });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      "klotho explain: No resource 'persist_kv:cats' in the plan; its resources are: exec_unit:adopt, exec_unit:pugs, gateway:api-gateway, persist_kv:dogs, persist_redis_node:cache. The network (the VPC, its subnets and endpoints, where each unit runs) is explained by `klotho explain network`.\n",
    );
    const noAnnotation = await runCli(["explain", "pugs.js:30", pugs, ...base], { cwd: root });
    expect(noAnnotation.code).toBe(2);
    expect(noAnnotation.stderr).toBe("klotho explain: No annotation at pugs.js:30; the annotations in pugs.js are on lines 2 (@klotho::execution_unit), 9 (@klotho::persist).\n");
  });
});
