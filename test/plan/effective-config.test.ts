import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { ConfigFile } from "../../src/load/config.js";
import type { Inputs } from "../../src/load/inputs.js";
import { schemaValidator } from "../../src/load/schemas.js";
import { effectiveConfig, planApp, renderEffectiveConfig } from "../../src/plan/index.js";
import { configFile } from "../helpers/plan-inputs.js";
import { pugsInput } from "./pugs.js";

function inputs(config?: ConfigFile, rulePaths: readonly string[] = []): Pick<Inputs, "project" | "settings"> {
  return {
    project: { root: "/work/pugs", packageJson: { path: "/work/pugs/package.json", data: {} }, files: [], otherFiles: [] },
    settings: { app: "pugs", provider: "aws", outDir: "/work/pugs/compiled", rulePaths },
  };
}

async function effective(config?: ConfigFile, rulePaths: readonly string[] = []) {
  const result = await planApp(pugsInput(config ? { configFile: config } : {}));
  expect(result.diagnostics).toEqual([]);
  return renderEffectiveConfig(inputs(config, rulePaths), result.effectiveConfig);
}

describe("the effective klotho.yaml", () => {
  it("lists every kind's defaults and one entry per resource", async () => {
    const rendered = await effective();
    expect(rendered.path).toBe("klotho.yaml");
    expect(rendered.contents).toMatchInlineSnapshot(`
      "app: pugs
      provider: aws
      path: ..
      out_dir: compiled
      defaults:
        execution_unit:
          type: lambda
          pulumi_params_by_type:
            ecs:
              cpu: 256
              memory: 512
            eks:
              nodeType: fargate
              replicas: 2
            lambda:
              memorySize: 512
              timeout: 180
        static_unit:
          type: s3
          pulumi_params_by_type:
            s3:
              cloudFrontEnabled: true
        expose:
          type: apigateway
          pulumi_params_by_type:
            apigateway: {}
        persist:
          kv:
            type: dynamodb
            pulumi_params_by_type:
              dynamodb: {}
          fs:
            type: s3
            pulumi_params_by_type:
              s3: {}
          secret:
            type: secrets_manager
            pulumi_params_by_type:
              secrets_manager: {}
          orm:
            type: rds_postgres
            pulumi_params_by_type:
              rds_postgres:
                allocatedStorage: 20
                engineVersion: "16"
                instanceClass: db.t4g.micro
                skipFinalSnapshot: true
          redis_node:
            type: elasticache
            pulumi_params_by_type:
              elasticache:
                nodeType: cache.t3.micro
                numCacheNodes: 1
          redis_cluster:
            type: memorydb
            pulumi_params_by_type:
              memorydb:
                nodeType: db.t4g.small
                numReplicasPerShard: 1
                numShards: 2
        pubsub:
          type: sns
          pulumi_params_by_type:
            sns: {}
      execution_units:
        adopt:
          type: lambda
          pulumi_params:
            memorySize: 512
            timeout: 180
        pugs:
          type: lambda
          pulumi_params:
            memorySize: 512
            timeout: 180
      exposed:
        api-gateway:
          type: apigateway
      persisted:
        cache:
          type: elasticache
          pulumi_params:
            nodeType: cache.t3.micro
            numCacheNodes: 1
        dogs:
          type: dynamodb
      "
    `);
  });

  it("validates against schemas/klotho-config.schema.json, with user defaults, rules and environment variables", async () => {
    const config = configFile(
      [
        "defaults:",
        "  execution_unit:",
        "    type: ecs",
        "    pulumi_params_by_type: { ecs: { cpu: 512 } }",
        "execution_units:",
        "  pugs:",
        "    environment_variables: { TABLE: dogs }",
        "",
      ].join("\n"),
    );
    const rendered = await effective(config, ["/work/pugs/policy", "/work/shared/rules.yaml"]);
    const value: unknown = parse(rendered.contents);
    expect(schemaValidator("klotho-config")(value)).toEqual([]);
    expect(value).toMatchObject({
      // relative to compiled/klotho.yaml, where the file is written
      rules: ["../policy", "../../shared/rules.yaml"],
      defaults: { execution_unit: { type: "ecs", pulumi_params_by_type: { ecs: { cpu: 512, memory: 512 }, lambda: { memorySize: 512, timeout: 180 } } } },
      execution_units: {
        adopt: { type: "ecs", pulumi_params: { cpu: 512, memory: 512 } },
        pugs: { type: "ecs", pulumi_params: { cpu: 512, memory: 512 }, environment_variables: { TABLE: "dogs" } },
      },
    });
  });

  it("plans the same when fed back as klotho.yaml", async () => {
    const first = await planApp(pugsInput());
    const rendered = renderEffectiveConfig(inputs(), first.effectiveConfig);
    const again = await planApp(pugsInput({ configFile: configFile(rendered.contents) }));
    expect(again.diagnostics).toEqual([]);
    const shape = (r: { id: string; type: string; params: unknown }) => [r.id, r.type, r.params];
    expect(again.plan?.resources.map(shape)).toEqual(first.plan?.resources.map(shape));
    expect(renderEffectiveConfig(inputs(), again.effectiveConfig).contents).toBe(rendered.contents);
  });

  it("falls back to the compile settings alone before planning", () => {
    expect(effectiveConfig(inputs())).toEqual({ app: "pugs", provider: "aws", path: "..", out_dir: "compiled" });
  });
});
