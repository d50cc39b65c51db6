import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { readTree, tempProject } from "../helpers/temp-project.js";

/** A rule replacing the built-in `id` whose condition never holds: the way docs/rules.md switches a rule off. */
function switchedOff(id: string, event: string): string {
  return [`id: ${id}`, "stage: capability", "description: Switched off by the organisation.", "rationale: Not used here.", "conditions:", "  all:", "    - { fact: subject, operator: equal, value: never }", `event: ${event}`, ""].join("\n");
}

function lines(...source: string[]): string {
  return `${source.join("\n")}\n`;
}

const AUDIT = lines(`/** @klotho::persist { id = "auditlog" } */`, "const audit = new Map();", "module.exports = { audit };");
const BUS = lines(`const { EventEmitter } = require("events");`, `/** @klotho::pubsub { id = "bus" } */`, "const bus = new EventEmitter();", "module.exports = bus;");
// The worker's listeners: the api unit carries the file too, and would leave them to the worker, heard through the topic.
const LISTENERS = lines(`// @klotho::execution_unit { id = "worker" }`, `const bus = require("./bus");`, `bus.on("order.created", (order) => console.log("created", order));`);

const PROJECT = {
  "package.json": '{ "name": "shop", "main": "api.js", "dependencies": { "express": "^4.19.2" } }',
  "api.js": lines(
    `// @klotho::execution_unit { id = "api" }`,
    `const express = require("express");`,
    `const { audit } = require("./lib/audit");`,
    `const bus = require("./lib/bus");`,
    `require("./lib/listeners");`,
    "const app = express();",
    `app.post("/orders", async (req, res) => { await audit.set("last", Date.now()); bus.emit("order.created", {}); res.end(); });`,
    `/** @klotho::expose { id = "api", target = "public" } */`,
    "app.listen(3000);",
  ),
  "lib/audit.js": AUDIT,
  "lib/bus.js": BUS,
  "lib/listeners.js": LISTENERS,
  "org/no-kv.yaml": switchedOff("capability/persist-kv", "{ type: add-resource, params: { kind: persist_kv } }"),
  "org/no-pubsub.yaml": switchedOff("capability/pubsub", "{ type: add-resource, params: { kind: pubsub } }"),
};

describe("a store whose resource a policy switched off, in compiled/", () => {
  it("keeps its code as written, and the kv options rule has nothing to apply", async () => {
    const project = tempProject(PROJECT);
    const result = await runCli([".", "--app", "shop", "--provider", "aws", "--rules", "org"], { cwd: project.dir });
    expect(result.stderr).not.toContain("rule/invalid-event");
    expect(result.code).toBe(0);
    expect(result.stderr).toContain("lib/audit.js:1:5: warning: No resource was generated for the annotation.");
    const compiled = readTree(project.path("compiled"));
    expect(compiled["api/lib/audit.js"]?.toString()).toBe(AUDIT);
    for (const unit of ["api", "worker"]) {
      expect(compiled[`${unit}/lib/bus.js`]?.toString()).toBe(BUS);
      // With no topic, each unit hears its own events, in-process: no listener is left to another unit.
      expect(compiled[`${unit}/lib/listeners.js`]?.toString()).toBe(LISTENERS);
    }
    expect(compiled["api/package.json"]?.toString()).not.toContain("@aws-sdk");
    const resources = JSON.parse(compiled["resources.json"]?.toString() ?? "{}") as { resources: { id: string }[] };
    expect(resources.resources.map((r) => r.id).filter((id) => !id.startsWith("exec_unit:") && !id.startsWith("gateway:"))).toEqual([]);
  });
});
