// `klotho explain network` (and `vpc`) explains what the program creates for the network and why, and a
// unit's explanation says whether it runs in the VPC, because of which edges, and what follows for its code.
import { describe, expect, it } from "vitest";
import type { ExplainDocument } from "../../src/generated/explain.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { outputLines, runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";
import { noVpcFiles, shopFiles } from "./network-project.js";

const shop = ["--app", "shop", "--provider", "aws"];

async function explainJson(dir: string, ...args: string[]): Promise<{ text: string; document: ExplainDocument }> {
  const run = await runCli(["explain", ...args, dir, ...shop, "--json"], { cwd: dir });
  expect(run.code).toBe(0);
  expect(run.stderr).toBe("");
  const document: unknown = JSON.parse(run.stdout);
  expect(schemaValidator("explain")(document)).toEqual([]);
  return { text: run.stdout, document: document as ExplainDocument };
}

describe("klotho explain network", () => {
  it("lists what the program creates, where each unit runs and why, and each endpoint with the edges it exists for", async () => {
    const project = tempProject(shopFiles);
    const run = await runCli(["explain", "network", project.dir, ...shop], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = outputLines(run.stdout);
    expect(lines[0]).toBe("network → a VPC, with no NAT gateway");
    expect(lines.filter((line) => line.startsWith("    - "))).toEqual([
      "    - a VPC (10.0.0.0/16) with two private subnets, one in each of 2 availability zones",
      "    - a security group for each unit in the VPC (exec_unit:catalog, exec_unit:main and exec_unit:orders)",
      "    - a subnet group and a security group for each database and cache (persist_redis_node:session-cache)",
      "    - a route table for the private subnets, with gateway endpoints for dynamodb (free)",
      "    - interface endpoints for secretsmanager and sns in the private subnets, and a security group admitting the units that use them [billed per hour]",
    ]);
    expect(lines).toContain(
      "      why: the private subnets hold the databases and caches (persist_redis_node:session-cache), out of the internet's reach; the functions exec_unit:catalog, exec_unit:main and exec_unit:orders run there to reach them.",
    );
    expect(lines).toContain("    exec_unit:auditor: not in the VPC: it reaches the internet and AWS services directly");
    const catalog = lines.findIndex((line) => line.startsWith("    exec_unit:catalog: "));
    expect(lines[catalog]).toContain("in the VPC's private subnets, to reach the databases and caches it uses: it has no route to the internet (no NAT gateway)");
    expect(lines.slice(catalog + 1, catalog + 3)).toEqual([
      "      because of its edge:",
      "        → persist_redis_node:session-cache: the unit loads routes/sessions.js:4:15, which makes the client of persist_redis_node:session-cache from the unit's environment (rule capability/use-edge)",
    ]);
    const endpoints = lines.indexOf("  endpoints:");
    expect(lines.slice(endpoints + 1)).toEqual([
      "    dynamodb (gateway endpoint, free): for exec_unit:catalog and exec_unit:orders",
      "      → exec_unit:catalog → persist_kv:products: `get` at routes/products.js:5:55 uses persist_kv:products (rule capability/use-edge)",
      "      → exec_unit:orders → persist_kv:orders: `set` at routes/orders.js:10:9 uses persist_kv:orders (rule capability/use-edge)",
      "    secretsmanager (interface endpoint, billed per hour in each availability zone): for exec_unit:orders",
      "      → exec_unit:orders → persist_secret:secrets: `readFile` at routes/orders.js:9:21 uses persist_secret:secrets (rule capability/use-edge)",
      "    sns (interface endpoint, billed per hour in each availability zone): for exec_unit:orders",
      "      → exec_unit:orders → pubsub:shop-events: `emit` at routes/orders.js:11:3 publishes to pubsub:shop-events (rule capability/pubsub-publish-edge)",
    ]);
    const alias = await runCli(["explain", "vpc", project.dir, ...shop], { cwd: project.dir });
    expect(alias.stdout).toBe(run.stdout);
  });

  it("gives the same content as a schema-valid, deterministic document", async () => {
    const project = tempProject(shopFiles);
    const first = await explainJson(project.dir, "vpc");
    expect((await explainJson(project.dir, "network")).text).toBe(first.text);
    const { query, resources, network } = first.document;
    expect(query).toEqual({ kind: "network" });
    expect(resources).toEqual([]);
    expect(network?.parts.map((part) => [part.name, part.hourly])).toEqual([
      ["vpc", false],
      ["unit-security-groups", false],
      ["store-security-groups", false],
      ["gateway-endpoints", false],
      ["interface-endpoints", true],
    ]);
    expect(network?.endpoints.map(({ service, type, hourly, units }) => ({ service, type, hourly, units }))).toEqual([
      { service: "dynamodb", type: "gateway", hourly: false, units: ["exec_unit:catalog", "exec_unit:orders"] },
      { service: "secretsmanager", type: "interface", hourly: true, units: ["exec_unit:orders"] },
      { service: "sns", type: "interface", hourly: true, units: ["exec_unit:orders"] },
    ]);
    expect(network?.placements.map((p) => [p.unit, p.subnets, p.internet, p.endpoints])).toEqual([
      ["exec_unit:auditor", "none", true, []],
      ["exec_unit:catalog", "private", false, ["dynamodb"]],
      ["exec_unit:main", "private", false, []],
      ["exec_unit:orders", "private", false, ["dynamodb", "secretsmanager", "sns"]],
    ]);
    expect(network?.placements[1]?.because).toEqual([
      {
        source: "exec_unit:catalog",
        target: "persist_redis_node:session-cache",
        reason: "the unit loads routes/sessions.js:4:15, which makes the client of persist_redis_node:session-cache from the unit's environment (rule capability/use-edge)",
        locations: [{ file: "routes/sessions.js", line: 4, column: 15 }],
      },
    ]);
  });

  it("says when the program creates no VPC", async () => {
    const project = tempProject(noVpcFiles);
    const run = await runCli(["explain", "network", project.dir, "--app", "notes", "--provider", "aws"], { cwd: project.dir });
    expect(run.code).toBe(0);
    expect(outputLines(run.stdout)).toEqual([
      "network → no VPC",
      "  The program creates no VPC: no unit uses a database or a cache, and none runs on ECS. Every unit reaches the internet and AWS services directly.",
    ]);
  });
});

describe("a unit's explanation", () => {
  it("states that it runs in the VPC, the edge that put it there with its code location, and that it has no internet", async () => {
    const project = tempProject(shopFiles);
    const run = await runCli(["explain", "catalog", project.dir, ...shop], { cwd: project.dir });
    const lines = outputLines(run.stdout);
    const network = lines.findIndex((line) => line.startsWith("  network: "));
    expect(lines[network]).toBe(
      "  network: in the VPC's private subnets, to reach the databases and caches it uses: it has no route to the internet (no NAT gateway), so a call to any other host times out; it reaches DynamoDB (dynamodb gateway endpoint) through the VPC's endpoints. Code that calls the internet belongs in another unit (or the code that uses the database or cache does)",
    );
    expect(lines.slice(network + 1, network + 3)).toEqual([
      "    because of its edge:",
      "      → persist_redis_node:session-cache: the unit loads routes/sessions.js:4:15, which makes the client of persist_redis_node:session-cache from the unit's environment (rule capability/use-edge)",
    ]);
    const auditor = outputLines((await runCli(["explain", "auditor", project.dir, ...shop], { cwd: project.dir })).stdout);
    expect(auditor).toContain("  network: not in the VPC: it reaches the internet and AWS services directly");
  });

  it("is one line per unit, and a network summary, when every resource is explained", async () => {
    const project = tempProject(shopFiles);
    const run = await runCli(["explain", project.dir, ...shop], { cwd: project.dir });
    const lines = outputLines(run.stdout);
    expect(lines).toContain("  network: in the VPC's private subnets, no internet (for persist_redis_node:session-cache)");
    expect(lines.slice(lines.indexOf("network → a VPC, with no NAT gateway"))).toEqual([
      "network → a VPC, with no NAT gateway",
      "  in the private subnets, with no route to the internet: exec_unit:catalog (for persist_redis_node:session-cache), exec_unit:main (for persist_redis_node:session-cache), exec_unit:orders (for persist_redis_node:session-cache)",
      "  endpoints: dynamodb (gateway endpoint, free), secretsmanager (interface endpoint, billed per hour in each availability zone), sns (interface endpoint, billed per hour in each availability zone)",
      "  `klotho explain network` says why each part exists",
    ]);
    const json = await explainJson(project.dir);
    expect(json.document.network?.placements.map((p) => p.unit)).toEqual(["exec_unit:auditor", "exec_unit:catalog", "exec_unit:main", "exec_unit:orders"]);
    expect(json.document.resources.find((r) => r.id === "exec_unit:orders")?.network?.subnets).toBe("private");
    expect(json.document.resources.find((r) => r.id === "persist_kv:orders")?.network).toBeUndefined();
  });

  it("names the network target when a target matches nothing", async () => {
    const project = tempProject(shopFiles);
    const run = await runCli(["explain", "vpcs", project.dir, ...shop], { cwd: project.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is explained by `klotho explain network`.");
  });
});
