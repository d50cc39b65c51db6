import path from "node:path";
import { describe, expect, it } from "vitest";
import { planApp, renderResourcesJson } from "../../src/plan/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { annotationSubject, rules, tempDir, unitSubject, useSubject, writeTree } from "../helpers/plan-inputs.js";
import { pugsInput, pugsSubjects } from "./pugs.js";

describe("planApp", () => {
  it("plans the pugs app: resources.json in the DESIGN §7 shape", async () => {
    const result = await planApp(pugsInput());
    expect(result.diagnostics).toEqual([]);
    expect(renderResourcesJson(result.plan!)).toMatchInlineSnapshot(`
      "{
        "app": "pugs",
        "provider": "aws",
        "resources": [
          {
            "id": "exec_unit:adopt",
            "kind": "exec_unit",
            "name": "adopt",
            "type": "lambda",
            "params": {
              "memorySize": 512,
              "timeout": 180
            },
            "entrypoint": "adopt.js",
            "files": [
              "adopt.js",
              "index.js"
            ]
          },
          {
            "id": "exec_unit:pugs",
            "kind": "exec_unit",
            "name": "pugs",
            "type": "lambda",
            "params": {
              "memorySize": 512,
              "timeout": 180
            },
            "entrypoint": "pugs.js",
            "files": [
              "index.js",
              "pugs.js"
            ]
          },
          {
            "id": "gateway:api-gateway",
            "kind": "gateway",
            "name": "api-gateway",
            "type": "apigateway",
            "params": {},
            "routes": [
              {
                "method": "POST",
                "path": "/adopt",
                "unit": "adopt",
                "file": "adopt.js",
                "line": 48
              },
              {
                "method": "GET",
                "path": "/adopt/:id",
                "unit": "adopt",
                "file": "adopt.js",
                "line": 30
              },
              {
                "method": "POST",
                "path": "/adopt/:id/approve",
                "unit": "adopt",
                "file": "adopt.js",
                "line": 36
              },
              {
                "method": "POST",
                "path": "/adopt/:id/refuse",
                "unit": "adopt",
                "file": "adopt.js",
                "line": 42
              },
              {
                "method": "POST",
                "path": "/pugs",
                "unit": "pugs",
                "file": "pugs.js",
                "line": 20
              },
              {
                "method": "GET",
                "path": "/pugs/:id",
                "unit": "pugs",
                "file": "pugs.js",
                "line": 14
              }
            ]
          },
          {
            "id": "persist_kv:dogs",
            "kind": "persist_kv",
            "name": "dogs",
            "type": "dynamodb",
            "params": {}
          },
          {
            "id": "persist_redis_node:cache",
            "kind": "persist_redis_node",
            "name": "cache",
            "type": "elasticache",
            "params": {
              "nodeType": "cache.t3.micro",
              "numCacheNodes": 1
            }
          }
        ],
        "edges": [
          {
            "source": "exec_unit:adopt",
            "target": "persist_redis_node:cache"
          },
          {
            "source": "exec_unit:pugs",
            "target": "persist_kv:dogs"
          },
          {
            "source": "gateway:api-gateway",
            "target": "exec_unit:adopt"
          },
          {
            "source": "gateway:api-gateway",
            "target": "exec_unit:pugs"
          }
        ]
      }
      "
    `);
  });

  it("reports progress in the order resources were added", async () => {
    const result = await planApp(pugsInput());
    expect(result.progress).toEqual([
      "Adding resource exec_unit:pugs",
      "Adding resource exec_unit:adopt",
      "Adding resource gateway:api-gateway",
      "Adding resource persist_kv:dogs",
      "Adding resource persist_redis_node:cache",
    ]);
  });

  it("records every decision on the resource it shaped, and edge reasons", async () => {
    const { plan } = await planApp(pugsInput());
    const summary = plan!.resources.map((r) => `${r.id}: ${r.provenance.map((d) => `${d.stage} ${d.ruleId}`).join(", ")}`);
    expect(summary).toEqual([
      "exec_unit:adopt: capability capability/exec-unit, capability capability/use-edge, provider aws/exec-unit-lambda, provider aws/types",
      "exec_unit:pugs: capability capability/exec-unit, capability capability/use-edge, capability capability/use-edge, provider aws/exec-unit-lambda, provider aws/types",
      "gateway:api-gateway: capability capability/expose-gateway, capability capability/expose-routes, provider aws/gateway-apigateway",
      "persist_kv:dogs: capability capability/persist-kv, provider aws/kv-dynamodb",
      "persist_redis_node:cache: capability capability/persist-redis-node, provider aws/redis-node-elasticache, provider aws/types",
    ]);
    expect(plan!.edges.map((e) => `${e.source} -> ${e.target}: ${e.reason}`)).toEqual([
      "exec_unit:adopt -> persist_redis_node:cache: `get` at adopt.js:32:3 uses persist_redis_node:cache (rule capability/use-edge)",
      "exec_unit:pugs -> persist_kv:dogs: `get` at pugs.js:16:3 uses persist_kv:dogs (rule capability/use-edge)",
      "gateway:api-gateway -> exec_unit:adopt: derived from the gateway's routes: unit adopt serves 4 of them (POST /adopt, GET /adopt/:id, POST /adopt/:id/approve and 1 more)",
      "gateway:api-gateway -> exec_unit:pugs: derived from the gateway's routes: unit pugs serves 2 of them (POST /pugs, GET /pugs/:id)",
    ]);
  });

  it("is deterministic: the same input twice, or the rules in another order, gives identical JSON", async () => {
    const first = await planApp(pugsInput());
    const second = await planApp(pugsInput());
    const reversed = await planApp(pugsInput({ ruleSet: { rules: [...rules().rules].reverse() }, subjects: pugsSubjects() }));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(JSON.stringify(reversed.plan)).toBe(JSON.stringify(first.plan));
    expect(renderResourcesJson(reversed.plan!)).toBe(renderResourcesJson(first.plan!));
  });

  it("gives a gateway with no detected routes the catch-all routes and an edge to its unit", async () => {
    const subjects = [unitSubject("main", "implicit"), annotationSubject({ capability: "expose", id: "api-gateway", unit: "main", bound: { listen: 1 } })];
    const result = await planApp(pugsInput({ subjects, units: [] }));
    expect(result.plan?.resources.find((r) => r.kind === "gateway")?.routes).toEqual([
      { method: "ANY", path: "/", unit: "main" },
      { method: "ANY", path: "/:proxy*", unit: "main" },
    ]);
    expect(result.plan?.edges.map((e) => [e.source, e.target])).toEqual([["gateway:api-gateway", "exec_unit:main"]]);
    expect(result.progress).toContain("Adding catchall route for gateway api-gateway with no detected routes");
  });

  it("reports two persists sharing an id (of any kinds) at both locations, and gives no plan", async () => {
    const subjects = [
      unitSubject("main"),
      annotationSubject({ capability: "persist", id: "store", file: "a.js", line: 4, bound: { kv_map: 1 } }),
      annotationSubject({ capability: "persist", id: "store", file: "b.js", line: 7, bound: { redis_cluster: 1 } }),
    ];
    const result = await planApp(pugsInput({ subjects, units: [] }));
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.range && formatLocation(d.range), d.message, d.related?.map((r) => formatLocation(r.range))])).toEqual([
      [
        "plan/duplicate-persist",
        "b.js:7:4",
        "Two persisted resources share the id 'store' (the other is declared at a.js:4:4 (persist_kv:store)); persist ids must be unique across kinds.",
        ["a.js:4:4"],
      ],
    ]);
  });

  it("drops an edge to a resource that does not exist, with a warning at the use", async () => {
    const subjects = [unitSubject("main"), useSubject("main", "persist_kv:ghost", "main.js", 12)];
    const result = await planApp(pugsInput({ subjects, units: [] }));
    expect(result.plan?.edges).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.range && formatLocation(d.range), d.message])).toEqual([
      ["plan/dangling-edge", "main.js:12:3", "The edge exec_unit:main -> persist_kv:ghost refers to persist_kv:ghost, which is not a resource; the edge is dropped."],
    ]);
  });
});

describe("organisation rules", () => {
  function withUserRules(files: Readonly<Record<string, string>>) {
    const root = writeTree(tempDir(), files);
    return rules([path.join(root, "org")], root);
  }

  it("replacing providers/aws/exec-unit-lambda.yaml changes the plan and the effective defaults", async () => {
    const ruleSet = withUserRules({
      "org/exec-unit.yaml": [
        "id: aws/exec-unit-lambda",
        "stage: provider",
        "description: Execution units run on ECS Fargate.",
        "rationale: Our workloads are long-running.",
        "conditions:",
        "  all:",
        "    - { fact: resource, path: $.kind, operator: equal, value: exec_unit }",
        "event: { type: set-type, params: { type: ecs } }",
        "",
      ].join("\n"),
    });
    const result = await planApp(pugsInput({ ruleSet }));
    const units = result.plan!.resources.filter((r) => r.kind === "exec_unit");
    expect(units.map((r) => [r.id, r.type, r.params])).toEqual([
      ["exec_unit:adopt", "ecs", { cpu: 256, memory: 512 }],
      ["exec_unit:pugs", "ecs", { cpu: 256, memory: 512 }],
    ]);
    expect(units[0]?.provenance.find((d) => d.stage === "provider")).toMatchObject({ ruleId: "aws/exec-unit-lambda", ruleFile: "org/exec-unit.yaml" });
    expect(result.effectiveConfig?.defaults?.execution_unit?.type).toBe("ecs");
  });

  it("replacing providers/aws/kv-dynamodb.yaml with a rule that never fires leaves the store without a type", async () => {
    const ruleSet = withUserRules({
      "org/kv.yaml": [
        "id: aws/kv-dynamodb",
        "stage: provider",
        "description: Key-value stores are chosen by the platform team.",
        "rationale: We do not use DynamoDB.",
        "conditions: { all: [ { fact: provider, operator: equal, value: none } ] }",
        "event: { type: set-type, params: { type: dynamodb } }",
        "",
      ].join("\n"),
    });
    const result = await planApp(pugsInput({ ruleSet }));
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.range && formatLocation(d.range), d.message])).toEqual([
      ["plan/no-type", "pugs.js:8:4", "No cloud type was chosen for persist_kv:dogs: no provider rule or klotho.yaml default gives one for kind 'persist_kv'."],
    ]);
  });

  it("a policy deny fails the plan with the rule's id, file and description", async () => {
    const ruleSet = withUserRules({
      "org/no-redis.yaml": [
        "id: acme/no-redis",
        "stage: policy",
        "description: Redis is not allowed.",
        "rationale: The platform team does not support it.",
        "conditions: { all: [ { fact: resource, path: $.type, operator: in, value: [elasticache, memorydb] } ] }",
        "event: { type: deny, params: { message: Use DynamoDB instead. } }",
        "",
      ].join("\n"),
    });
    const result = await planApp(pugsInput({ ruleSet }));
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.ruleId, d.range && formatLocation(d.range), d.message])).toEqual([
      ["rule/deny", "acme/no-redis", "adopt.js:9:4", "persist_redis_node:cache: Use DynamoDB instead. (denied by rule acme/no-redis in org/no-redis.yaml: Redis is not allowed.)"],
    ]);
  });

  it("a rule that sets an unknown type on every unit is one error, at the rule", async () => {
    const ruleSet = withUserRules({
      "org/typo.yaml": [
        "id: acme/typo",
        "stage: policy",
        "description: Units are functions.",
        "rationale: A typo.",
        "conditions: { all: [ { fact: resource, path: $.kind, operator: equal, value: exec_unit } ] }",
        "event: { type: set-type, params: { type: lambdaa } }",
        "",
      ].join("\n"),
    });
    const result = await planApp(pugsInput({ ruleSet }));
    expect(result.diagnostics.map((d) => [d.code, d.range && formatLocation(d.range), d.message])).toEqual([
      ["rule/unknown-type", "org/typo.yaml:6:42", "Rule acme/typo (org/typo.yaml) sets type 'lambdaa' on an exec_unit, which is not one of its types: ecs, eks, lambda."],
    ]);
  });

  it("a rule's route to a unit the app does not have is an error at the rule, naming the units", async () => {
    const ruleSet = withUserRules({
      "org/extra.yaml": [
        "id: acme/extra",
        "stage: policy",
        "description: An extra route.",
        "rationale: A mistake.",
        "conditions: { all: [ { fact: resource, path: $.kind, operator: equal, value: gateway } ] }",
        "event: { type: add-routes, params: { routes: [ { method: GET, path: /extra, unit: nosuchunit } ] } }",
        "",
      ].join("\n"),
    });
    const result = await planApp(pugsInput({ ruleSet }));
    expect(result.plan).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.ruleId, d.range && formatLocation(d.range), d.message])).toEqual([
      [
        "plan/unknown-route-unit",
        "acme/extra",
        "org/extra.yaml:6:46",
        "Route GET /extra of gateway:api-gateway is served by unit 'nosuchunit' (added by rule acme/extra, org/extra.yaml), which is not an execution unit of the app (its units: adopt, pugs).",
      ],
    ]);
  });

  it("a rule that sets a type of another kind is an error at the rule's event", async () => {
    const ruleSet = withUserRules({
      "org/odd.yaml": [
        "id: acme/odd",
        "stage: provider",
        "priority: -1",
        "description: Stores become functions.",
        "rationale: A mistake.",
        "conditions: { all: [ { fact: resource, path: $.kind, operator: equal, value: persist_kv } ] }",
        "event: { type: set-type, params: { type: lambda } }",
        "",
      ].join("\n"),
    });
    const result = await planApp(pugsInput({ ruleSet }));
    expect(result.diagnostics.map((d) => [d.code, d.range && formatLocation(d.range), d.message])).toEqual([
      ["rule/unknown-type", "org/odd.yaml:7:42", "Rule acme/odd (org/odd.yaml) sets type 'lambda' on a persist_kv, which is not one of its types: dynamodb."],
    ]);
  });
});
