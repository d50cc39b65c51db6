import path from "node:path";
import { describe, expect, it } from "vitest";
import { planApp, type Resource } from "../../src/plan/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { configFile, rules, tempDir, writeTree } from "../helpers/plan-inputs.js";
import { pugsInput } from "./pugs.js";

/** The built-in rules plus a provider rule giving every lambda extra params. */
function withLambdaParams() {
  const root = writeTree(tempDir(), {
    "org/lambda-params.yaml": [
      "id: acme/lambda-params",
      "stage: provider",
      "priority: -1",
      "description: Lambdas get more memory.",
      "rationale: Our functions are memory bound.",
      "conditions: { all: [ { fact: resource, path: $.type, operator: equal, value: lambda } ] }",
      "event: { type: set-params, params: { params: { memorySize: 1024, layer: rule, fromRule: true } } }",
      "",
    ].join("\n"),
  });
  return rules([path.join(root, "org")], root);
}

async function planWith(yaml: string, ruleSet = rules()) {
  return planApp(pugsInput({ configFile: configFile(yaml), ruleSet }));
}

function resource(resources: readonly Resource[] | undefined, id: string): Resource | undefined {
  return resources?.find((r) => r.id === id);
}

function located(result: Awaited<ReturnType<typeof planWith>>): string[] {
  return result.diagnostics.map((d) => `${d.range ? formatLocation(d.range) : "-"}: ${d.severity}: ${d.message}`);
}

describe("klotho.yaml over the rules", () => {
  it("merges params: type table < provider set-params < defaults.pulumi_params_by_type < per-id pulumi_params", async () => {
    const yaml = [
      "defaults:",
      "  execution_unit:",
      "    pulumi_params_by_type:",
      "      lambda: { timeout: 60, layer: defaults, fromDefaults: true }",
      "execution_units:",
      "  pugs:",
      "    pulumi_params: { layer: override }",
      "",
    ].join("\n");
    const result = await planWith(yaml, withLambdaParams());
    expect(result.diagnostics).toEqual([]);
    expect(resource(result.plan?.resources, "exec_unit:pugs")?.params).toEqual({
      memorySize: 1024,
      timeout: 60,
      layer: "override",
      fromRule: true,
      fromDefaults: true,
    });
    expect(resource(result.plan?.resources, "exec_unit:adopt")?.params).toMatchObject({ memorySize: 1024, timeout: 60, layer: "defaults" });
  });

  it("lets a per-id type win over the defaults' type, and drops rule params meant for the rules' type", async () => {
    const yaml = [
      "defaults:",
      "  execution_unit:",
      "    type: eks",
      "    pulumi_params_by_type:",
      "      ecs: { cpu: 1024 }",
      "execution_units:",
      "  pugs: { type: ecs }",
      "",
    ].join("\n");
    const result = await planWith(yaml, withLambdaParams());
    expect(result.diagnostics).toEqual([]);
    const pugs = resource(result.plan?.resources, "exec_unit:pugs");
    expect([pugs?.type, pugs?.params]).toEqual(["ecs", { cpu: 1024, memory: 512 }]);
    const adopt = resource(result.plan?.resources, "exec_unit:adopt");
    expect([adopt?.type, adopt?.params]).toEqual(["eks", { nodeType: "fargate", replicas: 2 }]);
    expect(pugs?.provenance.filter((d) => d.stage === "config").map((d) => [d.ruleId, d.ruleFile, d.facts.map(formatLocation), d.event])).toEqual([
      ["defaults.execution_unit.type", "klotho.yaml", ["klotho.yaml:3:11"], { type: "set-type", params: { type: "eks" } }],
      ["execution_units.pugs.type", "klotho.yaml", ["klotho.yaml:7:17"], { type: "set-type", params: { type: "ecs" } }],
      ["defaults.execution_unit.pulumi_params_by_type.ecs", "klotho.yaml", ["klotho.yaml:5:12"], { type: "set-params", params: { params: { cpu: 1024 } } }],
    ]);
  });

  it("matches persisted ids across persist kinds", async () => {
    const yaml = "persisted:\n  cache: { pulumi_params: { numCacheNodes: 3 } }\n  dogs: { pulumi_params: { billingMode: PROVISIONED } }\n";
    const result = await planWith(yaml);
    expect(resource(result.plan?.resources, "persist_redis_node:cache")?.params).toEqual({ nodeType: "cache.t3.micro", numCacheNodes: 3 });
    expect(resource(result.plan?.resources, "persist_kv:dogs")?.params).toEqual({ billingMode: "PROVISIONED" });
  });
});

describe("klotho.yaml problems", () => {
  it("warns about an override for an id that matches no resource, at its YAML line", async () => {
    const yaml = "execution_units:\n  pugs: { type: lambda }\n  ghost: { type: lambda }\nexposed:\n  dogs: {}\n";
    const result = await planWith(yaml);
    expect(result.plan).toBeDefined();
    expect(located(result)).toEqual([
      "klotho.yaml:3:3: warning: klotho.yaml execution_units: 'ghost' matches no resource; its settings are ignored.",
      "klotho.yaml:5:3: warning: klotho.yaml exposed: 'dogs' matches no resource; its settings are ignored.",
    ]);
  });

  it("rejects an unknown type, or a type of another kind, listing the valid types at the YAML line", async () => {
    const yaml = [
      "defaults:",
      "  execution_unit: { type: fargate }",
      "  persist:",
      "    kv: { type: s3 }",
      "persisted:",
      "  cache: { type: dynamodb }",
      "",
    ].join("\n");
    const result = await planWith(yaml);
    expect(result.plan).toBeUndefined();
    expect(located(result)).toEqual([
      "klotho.yaml:2:27: error: Unknown type 'fargate' for execution_unit; valid types: ecs, eks, lambda.",
      "klotho.yaml:4:17: error: Unknown type 's3' for persist.kv; valid types: dynamodb.",
      "klotho.yaml:6:18: error: Unknown type 'dynamodb' for persist_redis_node:cache; valid types: elasticache.",
    ]);
  });

  it("warns about params for a type the kind does not have", async () => {
    const yaml = "defaults:\n  persist:\n    orm:\n      pulumi_params_by_type:\n        cockroachdb_serverless: {}\n";
    const result = await planWith(yaml);
    expect(located(result)).toEqual([
      "klotho.yaml:5:9: warning: pulumi_params_by_type names 'cockroachdb_serverless', which is not a type of persist.orm (valid types: rds_postgres); its params are ignored.",
    ]);
  });
});

describe("the seed's klotho.yaml", () => {
  const seed = [
    "app: klotho-afc-example",
    "provider: aws",
    "path: .",
    "out_dir: compiled",
    "defaults:",
    "  execution_unit:",
    "    type: lambda",
    "    pulumi_params_by_type:",
    "      eks: { nodeType: fargate, replicas: 2 }",
    "      fargate: { cpu: 256, memory: 512 }",
    "      lambda: { memorySize: 512, timeout: 180 }",
    "  static_unit: { type: s3, pulumi_params_by_type: { s3: { cloudFrontEnabled: true } } }",
    "  expose: { type: apigateway }",
    "  persist:",
    "    kv: { type: dynamodb }",
    "    fs: { type: s3 }",
    "    secret: { type: s3 }",
    "    orm:",
    "      type: rds_postgres",
    "      pulumi_params_by_type:",
    "        cockroachdb_serverless: {}",
    "        rds_postgres: { allocatedStorage: 20, engineVersion: '13.7', instanceClass: db.t4g.micro, skipFinalSnapshot: true }",
    "    redis_node: { type: elasticache, pulumi_params_by_type: { elasticache: { nodeType: cache.t3.micro, numCacheNodes: 1 } } }",
    "    redis_cluster: { type: memorydb, pulumi_params_by_type: { memorydb: { nodeType: db.t4g.small, numReplicasPerShard: '1', numShards: '2' } } }",
    "  pubsub: { type: sns }",
    "execution_units:",
    "  main: { type: lambda, pulumi_params: { memorySize: 512, timeout: 180 } }",
    "exposed:",
    "  api-gateway: { type: apigateway }",
    "persisted:",
    "  cache: { type: elasticache, pulumi_params: { nodeType: cache.t3.micro, numCacheNodes: 1 } }",
    "  dogs: { type: dynamodb }",
    "",
  ].join("\n");

  it("is read with klotho-ts's types: fargate is ecs now, secrets live in Secrets Manager, cockroachdb is not offered", async () => {
    const result = await planWith(seed);
    expect(located(result)).toEqual([
      "klotho.yaml:10:7: warning: pulumi_params_by_type names 'fargate', which is not a type of execution_unit (valid types: ecs, eks, lambda); its params are ignored.",
      "klotho.yaml:17:21: error: Unknown type 's3' for persist.secret; valid types: secrets_manager.",
      "klotho.yaml:21:9: warning: pulumi_params_by_type names 'cockroachdb_serverless', which is not a type of persist.orm (valid types: rds_postgres); its params are ignored.",
      "klotho.yaml:27:3: warning: klotho.yaml execution_units: 'main' matches no resource; its settings are ignored.",
    ]);
  });
});
