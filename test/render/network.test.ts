// The program's network is the plan stage's decision (src/plan/network.ts), the one `klotho explain
// network` explains: the program puts in the VPC exactly the units the decision places there, and
// creates exactly its endpoints, each commented with the edges it exists for.
import { describe, expect, it } from "vitest";
import { readTemplates } from "../../src/load/templates.js";
import type { Plan } from "../../src/plan/index.js";
import { planNetwork } from "../../src/plan/network.js";
import { renderInfrastructure } from "../../src/render/index.js";
import { edge, plan, resource } from "./plan-builder.js";

const templates = readTemplates("aws");
const lambda = { params: { memorySize: 512, timeout: 180 } };

/** A Lambda `api` using a database and every store klotho calls through an endpoint; a Lambda `web` using a table only; an ECS `worker` using the database. */
const mixed = plan(
  "shop",
  [
    resource("exec_unit:api", "lambda", lambda),
    resource("exec_unit:web", "lambda", lambda),
    resource("exec_unit:worker", "ecs", { params: { cpu: 256, memory: 512 } }),
    resource("persist_orm:db", "rds_postgres", { params: { engineVersion: "16", instanceClass: "db.t4g.micro", allocatedStorage: 20 } }),
    resource("persist_kv:orders", "dynamodb"),
    resource("persist_fs:uploads", "s3"),
    resource("persist_secret:keys", "secrets_manager", { secrets: ["stripe.txt"] }),
    resource("pubsub:events", "sns", { topics: [{ name: "paid", publishers: ["api"], subscribers: [] }] }),
  ],
  [
    edge("exec_unit:api", "persist_orm:db"),
    edge("exec_unit:api", "persist_kv:orders"),
    edge("exec_unit:api", "persist_fs:uploads"),
    edge("exec_unit:api", "persist_secret:keys"),
    edge("exec_unit:api", "pubsub:events"),
    edge("exec_unit:web", "persist_kv:orders"),
    edge("exec_unit:worker", "persist_orm:db"),
  ],
);

/** A Lambda using a table only: no VPC. */
const tableOnly = plan("notes", [resource("exec_unit:main", "lambda", lambda), resource("persist_kv:notes", "dynamodb")], [edge("exec_unit:main", "persist_kv:notes")]);

async function programOf(input: Plan): Promise<string> {
  const result = await renderInfrastructure({ plan: input, templates });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return String(result.files.find((file) => file.path === "index.ts")?.contents);
}

/** The services of the program's VPC endpoints, in program order. */
function endpointsIn(program: string): string[] {
  return [...program.matchAll(/new aws\.ec2\.VpcEndpoint\("([^"]+)"/g)].map((m) => m[1] ?? "");
}

/** The units whose Lambda function has a vpcConfig. */
function functionsInVpc(program: string): string[] {
  return [...program.matchAll(/vpcConfig: \{ subnetIds: privateSubnetIds, securityGroupIds: \[(\w+)SecurityGroup\.id\] \}/g)].map((m) => m[1] ?? "");
}

describe("the program's network", () => {
  it.each([
    ["mixed", mixed],
    ["tableOnly", tableOnly],
  ])("follows the plan's network decision (%s)", async (_name, input) => {
    const program = await programOf(input);
    const network = planNetwork(input);
    expect(program.includes('new aws.ec2.Vpc("vpc"')).toBe(network.needed);
    expect(program.includes("new aws.ec2.InternetGateway(")).toBe(network.publicSubnets);
    expect(endpointsIn(program)).toEqual(network.endpoints.map((e) => e.service));
    expect(functionsInVpc(program)).toEqual(network.placements.filter((p) => p.subnets === "private").map((p) => p.unit.name));
  });

  it("puts in the VPC only the function that uses the database, with endpoints for its own edges", async () => {
    const network = planNetwork(mixed);
    expect(network.placements.map((p) => [p.unit.id, p.subnets, p.because.map((e) => e.target)])).toEqual([
      ["exec_unit:api", "private", ["persist_orm:db"]],
      ["exec_unit:web", "none", []],
      ["exec_unit:worker", "public", []],
    ]);
    const program = await programOf(mixed);
    expect(functionsInVpc(program)).toEqual(["api"]);
    expect(program).toContain("// exec_unit:api: in the private subnets for exec_unit:api -> persist_orm:db; the security group the databases and caches it uses admit.");
    // exec_unit:web is outside the VPC: the table's endpoint is not there for it.
    expect(program).toContain("// dynamodb, for exec_unit:api -> persist_kv:orders.\nnew aws.ec2.VpcEndpoint(\"dynamodb\"");
    expect(program).toContain("// sns, for exec_unit:api -> pubsub:events.\nnew aws.ec2.VpcEndpoint(\"sns\"");
    expect(program).toContain("// each is billed per hour in each availability zone (two here), and per GB.");
    expect(program).toContain("// The network, made for persist_orm:db and the units in it (exec_unit:api, exec_unit:worker):");
  });
});
