// What `klotho explain network` says is what the compiled program creates: the same endpoints, and
// the same functions in the VPC.
import { describe, expect, it } from "vitest";
import type { ExplainDocument } from "../../src/generated/explain.js";
import { shopFiles } from "../explain/network-project.js";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const shop = [".", "--app", "shop", "--provider", "aws"];

describe("klotho explain network and the compiled program", () => {
  it("agree on the endpoints and on which functions run in the VPC", async () => {
    const project = tempProject(shopFiles);
    const compiled = await runCli(shop, { cwd: project.dir });
    expect(compiled.code).toBe(0);
    const program = project.read("compiled/index.ts");
    const explained = await runCli(["explain", "network", ...shop, "--json"], { cwd: project.dir });
    const network = (JSON.parse(explained.stdout) as ExplainDocument).network;
    const endpoints = [...program.matchAll(/new aws\.ec2\.VpcEndpoint\("([^"]+)", \{[^}]*vpcEndpointType: "(\w+)"/g)].map((m) => `${m[1] ?? ""} ${(m[2] ?? "").toLowerCase()}`);
    expect(endpoints).toEqual(["dynamodb gateway", "secretsmanager interface", "sns interface"]);
    expect(network?.endpoints.map((e) => `${e.service} ${e.type}`)).toEqual(endpoints);
    const inVpc = [...program.matchAll(/vpcConfig: \{ subnetIds: privateSubnetIds, securityGroupIds: \[(\w+)SecurityGroup\.id\] \}/g)].map((m) => `exec_unit:${m[1] ?? ""}`);
    expect(inVpc).toEqual(["exec_unit:catalog", "exec_unit:main", "exec_unit:orders"]);
    expect(network?.placements.filter((p) => p.subnets === "private").map((p) => p.unit)).toEqual(inVpc);
  });
});
