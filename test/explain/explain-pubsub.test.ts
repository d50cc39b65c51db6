import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExplainDocument } from "../../src/generated/explain.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { createTempFolder, type TempFolder } from "../helpers/temp-project.js";

// A topic service three units use, and a gateway whose routes one unit serves.
const files = {
  "package.json": JSON.stringify({ name: "orders", main: "src/api.js" }),
  "src/events.js": [
    `const { EventEmitter } = require("events");`,
    `/* @klotho::pubsub { id = "orders-bus" } */`,
    "const bus = new EventEmitter();",
    "module.exports = { bus };",
  ].join("\n"),
  "src/api.js": [
    `// @klotho::execution_unit { id = "api" }`,
    `const { bus } = require("./events");`,
    `const app = require("express")();`,
    `app.post("/orders", (req, res) => { bus.emit("order.created", {}); res.end(); });`,
    `app.delete("/orders/:id", (req, res) => { bus.emit("order.cancelled", {}); res.end(); });`,
    `app.get("/orders/:id", (req, res) => res.end());`,
    `app.get("/orders", (req, res) => res.end());`,
    `app.get("/health", (req, res) => res.end());`,
    `/* @klotho::expose { id = "gw", target = "public" } */`,
    "app.listen(3000);",
  ].join("\n"),
  "src/worker.js": [`// @klotho::execution_unit { id = "worker" }`, `const { bus } = require("./events");`, `bus.on("order.created", () => {});`, `bus.on("order.cancelled", () => {});`].join("\n"),
  "src/audit.js": [`// @klotho::execution_unit { id = "auditor" }`, `const { bus } = require("./events");`, `bus.on("order.created", () => {});`].join("\n"),
};

let project: TempFolder;
const base = ["--app", "orders", "--provider", "aws"];

beforeAll(() => {
  project = createTempFolder(files);
});
afterAll(() => {
  project.remove();
});

describe("klotho explain of a topic service and a gateway", () => {
  it("lists the topics with their publishers and subscribers, and each fact location of a decision once", async () => {
    const run = await runCli(["explain", "pubsub:orders-bus", project.dir, ...base], { cwd: project.dir });
    expect(run.code).toBe(0);
    const lines = outputLines(run.stdout);
    const added = lines.findIndex((line) => line.includes("capability/pubsub: add-resource"));
    expect(lines.slice(added).find((line) => line.trimStart().startsWith("for "))).toBe("       for src/events.js:3:13");
    const topics = lines.indexOf("  topics:");
    expect(lines.slice(topics, topics + 3)).toEqual([
      "  topics:",
      "    order.cancelled: published by api; subscribed by worker",
      "    order.created: published by api; subscribed by auditor, worker",
    ]);
    const compact = outputLines((await runCli(["explain", project.dir, ...base], { cwd: project.dir })).stdout);
    expect(compact).toContain("  topics: order.cancelled, order.created");
  });

  it("gives the topics in the JSON document too", async () => {
    const run = await runCli(["explain", "pubsub:orders-bus", project.dir, ...base, "--json"], { cwd: project.dir });
    const document: unknown = JSON.parse(run.stdout);
    expect(schemaValidator("explain")(document)).toEqual([]);
    expect((document as ExplainDocument).resources[0]?.topics).toEqual([
      { name: "order.cancelled", publishers: ["api"], subscribers: ["worker"] },
      { name: "order.created", publishers: ["api"], subscribers: ["auditor", "worker"] },
    ]);
  });

  it("says how many routes a gateway's edge stands for, naming the first few", async () => {
    const run = await runCli(["explain", "gateway:gw", project.dir, ...base], { cwd: project.dir });
    expect(outputLines(run.stdout)).toContain(
      "    → exec_unit:api: derived from the gateway's routes: unit api serves 5 of them (GET /health, GET /orders, POST /orders and 2 more)",
    );
  });
});
