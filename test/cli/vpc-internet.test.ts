// A function in the VPC's private subnets has no route to the internet: code in it that needs the
// internet is a located warning saying why the function is there and what to do; code in a unit
// outside the VPC, and AWS SDK clients of services the VPC has an endpoint for, are not reported.
import { describe, expect, it } from "vitest";
import { shopFiles } from "../explain/network-project.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const files = {
  ...shopFiles,
  // Unit catalog is in the VPC for the Redis client routes/sessions.js makes; it now calls a payment API.
  "routes/products.js": (shopFiles["routes/products.js"] ?? "").replace('const products = new Map();', 'const products = new Map();\nconst { charge } = require("./pay");'),
  "routes/pay.js": [
    'const { DynamoDBClient } = require("@aws-sdk/client-dynamodb");',
    "async function charge(order) {",
    '  const answer = await fetch("https://api.payments.example/v1/charges", { method: "POST", body: JSON.stringify(order) });',
    '  await fetch("/relative");',
    "  return answer.json();",
    "}",
    "module.exports = { charge, db: new DynamoDBClient({}) };",
    "",
  ].join("\n"),
  // Unit notifier is outside the VPC: it may call the internet.
  "lib/notify.js": ['/* @klotho::execution_unit { id = "notifier" } */', 'const got = require("got");', 'module.exports = () => got.post("https://hooks.example/x");', ""].join("\n"),
  "server.js": (shopFiles["server.js"] ?? "").replace('require("./lib/audit");', 'require("./lib/audit");\nrequire("./lib/notify");'),
};

describe("code that needs the internet in a function in the VPC", () => {
  it("is a located warning naming the edge that put the function there and what to do", async () => {
    const project = tempProject(files);
    const run = await runCli([".", "--app", "shop", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(0);
    const warnings = outputLines(run.stderr).filter((line) => line.includes("[network/no-internet]"));
    expect(warnings).toEqual([
      'routes/pay.js:3:24: warning: fetch("https://api.payments.example/v1/charges") makes requests to the internet, but unit catalog runs in the VPC\'s private subnets, which have no route to the internet (no NAT gateway), so the request times out; catalog is in the VPC for its edge to persist_redis_node:session-cache. Move the code that needs the internet to a unit that uses no database or cache, or move the code that uses persist_redis_node:session-cache out of this unit; `klotho explain network` shows where each unit runs and why. [network/no-internet]',
    ]);
    expect(run.stderr).toContain("  = unit catalog uses persist_redis_node:session-cache here, which puts it in the VPC (routes/sessions.js:4:15)");
    const strict = await runCli([".", "--app", "shop", "--provider", "aws", "--strict"], { cwd: project.dir });
    expect(strict.code).toBe(1);
  });
});
