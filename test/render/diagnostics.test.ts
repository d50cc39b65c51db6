// What the program cannot create, or would create wrongly, is reported before anything is written:
// unsupported types, parameter values of the wrong type, parameters no template uses, environment
// variables AWS rejects or two resources claim, routes two units claim, ECS subscribers.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { readTemplates } from "../../src/load/templates.js";
import type { Plan } from "../../src/plan/index.js";
import { renderInfrastructure } from "../../src/render/index.js";
import { configFile } from "../helpers/plan-inputs.js";
import { edge, plan, resource } from "./plan-builder.js";

const templates = readTemplates("aws");

async function problems(p: Plan, config?: string): Promise<{ diagnostics: string[]; files: number; progress: readonly string[] }> {
  const result = await renderInfrastructure({ plan: p, templates, ...(config === undefined ? {} : { configFile: configFile(config) }) });
  const line = (d: Diagnostic): string => `${d.severity} ${d.code} ${d.range ? `${d.range.file}:${d.range.start.line} ` : ""}${d.message}`;
  return { diagnostics: result.diagnostics.map(line), files: result.files.length, progress: result.progress };
}

const gateway = (unit: string) => resource("gateway:api", "apigateway", { routes: [{ method: "GET", path: "/", unit }] });

describe("render diagnostics", () => {
  it("writes the program and the seed's progress lines when nothing is wrong", async () => {
    const result = await problems(plan("app", [resource("exec_unit:main", "lambda", { params: { memorySize: 512, timeout: 180 } }), gateway("main")], [edge("gateway:api", "exec_unit:main")]));
    expect(result).toEqual({ diagnostics: [], files: 5, progress: ["Adding resource aws_template_data:app", "Adding resource infra_as_code:Pulumi (AWS)"] });
  });

  it("warns before a deployment would pass API Gateway's default 300 resources (REST) or routes (HTTP API) per API", async () => {
    const unit = resource("exec_unit:main", "lambda", { params: { memorySize: 512, timeout: 180 } });
    // 150 GET routes on their own paths: 151 REST resources (the root's child and each path) and, with each GET's HEAD, 300 HTTP routes.
    const routes = (count: number) => Array.from({ length: count }, (_, i) => ({ method: "GET" as const, path: `/items/i${String(i)}`, unit: "main" }));
    const api = (count: number, apiType?: string) => resource("gateway:api", "apigateway", { routes: routes(count), ...(apiType ? { params: { apiType } } : {}) });
    const quota = async (count: number, apiType?: string) => (await problems(plan("app", [unit, api(count, apiType)], [edge("gateway:api", "exec_unit:main")]))).diagnostics;
    expect(await quota(150, "HTTP")).toEqual([]);
    expect(await quota(151, "HTTP")).toEqual(["warning render/api-quota app.js:1 Gateway 'api' declares 302 routes; API Gateway allows 300 per API unless you ask AWS to raise the quota (Service Quotas, before you deploy)."]);
    expect(await quota(299)).toEqual([]);
    expect(await quota(300)).toEqual(["warning render/api-quota app.js:1 Gateway 'api' declares 301 resources (one per path segment); API Gateway allows 300 per API unless you ask AWS to raise the quota (Service Quotas, before you deploy)."]);
  });

  it("refuses a type no template creates (eks), naming the ones it can", async () => {
    const result = await problems(plan("app", [resource("exec_unit:main", "eks")], []));
    expect(result.diagnostics).toEqual(["error render/unsupported-type app.js:1 exec_unit:main has type 'eks', which the Pulumi program cannot create yet; choose one of: ecs, lambda (klotho.yaml type)."]);
    expect(result.files).toBe(0);
  });

  it("checks parameter values, pointing at klotho.yaml when they are set there", async () => {
    const config = "app: app\nprovider: aws\nexecution_units:\n  main:\n    pulumi_params:\n      memorySize: big\n";
    const result = await problems(plan("app", [resource("exec_unit:main", "lambda", { params: { memorySize: "big", timeout: 0, extra: true } })], []), config);
    expect(result.diagnostics).toEqual([
      "warning render/unknown-param app.js:1 Parameter 'extra' of exec_unit:main is not used by the Pulumi program for type lambda (its parameters: memorySize, timeout); it is ignored.",
      'error render/invalid-param klotho.yaml:6 Parameter \'memorySize\' of exec_unit:main must be an integer from 128 to 10240; it is "big".',
      "error render/invalid-param app.js:1 Parameter 'timeout' of exec_unit:main must be an integer from 1 to 900; it is 0.",
    ]);
    expect(result.files).toBe(0);
  });

  it("points at the rule file when a rule wrote the bad value, and at the code when the rule read it from there", async () => {
    const decision = (ruleId: string, params: Record<string, unknown>, paramSources?: Record<string, { file: string; line: number }>) => ({
      stage: "policy" as const,
      ruleId,
      ruleFile: `org/${ruleId}.yaml`,
      description: "d",
      event: { type: "set-params", params: { params } },
      facts: [],
      ...(paramSources
        ? { paramSources: Object.fromEntries(Object.entries(paramSources).map(([key, at]) => [key, { file: at.file, start: { line: at.line, column: 19, offset: 0 }, end: { line: at.line, column: 22, offset: 0 } }])) }
        : {}),
    });
    const unit = resource("exec_unit:main", "lambda", {
      params: { memorySize: "big", timeout: 0 },
      provenance: [decision("org/mem", { memorySize: "big" }, { memorySize: { file: "org/mem.yaml", line: 15 } }), decision("org/timeout", { timeout: { fact: "annotation" } })],
    });
    expect((await problems(plan("app", [unit], []))).diagnostics).toEqual([
      'error render/invalid-param org/mem.yaml:15 Parameter \'memorySize\' of exec_unit:main must be an integer from 128 to 10240; it is "big".',
      "error render/invalid-param app.js:1 Parameter 'timeout' of exec_unit:main must be an integer from 1 to 900; it is 0.",
    ]);
  });

  it("refuses an ECS task size Fargate does not offer, and a kv ttl of 0 the runtime would refuse", async () => {
    const config = "app: app\nprovider: aws\nexecution_units:\n  main:\n    type: ecs\n    pulumi_params:\n      cpu: 256\n      memory: 1536\n";
    const ecs = (cpu: number, memory: number) => resource("exec_unit:main", "ecs", { params: { cpu, memory } });
    expect((await problems(plan("app", [ecs(256, 1536)], []), config)).diagnostics).toContain(
      "error render/invalid-param klotho.yaml:8 Parameter 'memory' of exec_unit:main must be 512, 1024 or 2048 (MiB), the sizes Fargate offers with 256 CPU units; it is 1536.",
    );
    expect((await problems(plan("app", [ecs(300, 1024)], []))).diagnostics).toContain(
      "error render/invalid-param app.js:1 Parameter 'cpu' of exec_unit:main must be one of Fargate's CPU sizes, 256, 512, 1024, 2048, 4096, 8192, 16384; it is 300.",
    );
    expect((await problems(plan("app", [ecs(8192, 100000)], []))).diagnostics).toContain(
      "error render/invalid-param app.js:1 Parameter 'memory' of exec_unit:main must be from 16384 to 61440 in steps of 4096 (MiB), the sizes Fargate offers with 8192 CPU units; it is 100000.",
    );
    // A cpu out of range is that one error, not also memory measured against the default cpu.
    expect((await problems(plan("app", [ecs(100, 4096)], []))).diagnostics.filter((d) => d.includes("invalid-param"))).toEqual([
      "error render/invalid-param app.js:1 Parameter 'cpu' of exec_unit:main must be an integer from 256 to 16384; it is 100.",
    ]);
    const fine = (await problems(plan("app", [ecs(1024, 3072), gateway("main")], [edge("gateway:api", "exec_unit:main")]))).diagnostics;
    expect(fine.filter((d) => d.includes("invalid-param"))).toEqual([]);
    const kv = resource("persist_kv:m", "dynamodb", { params: { ttl: 0 } });
    expect((await problems(plan("app", [kv], []))).diagnostics).toEqual(["error render/invalid-param app.js:1 Parameter 'ttl' of persist_kv:m must be an integer from 1 to 2147483648; it is 0."]);
  });

  it("reads integers written as strings, as the original klotho.yaml did (numShards: \"2\")", async () => {
    const redis = resource("persist_redis_cluster:c", "memorydb", { params: { nodeType: "db.t4g.small", numShards: "2", numReplicasPerShard: " 1 " } });
    expect((await problems(plan("app", [redis], []))).diagnostics).toEqual([]);
  });

  it("refuses a container's PORT set to another port than the one its task definition and load balancer use", async () => {
    const units = [resource("exec_unit:main", "ecs", { params: { cpu: 256, memory: 512, desiredCount: 1 } })];
    const other = 'app: app\nprovider: aws\nexecution_units:\n  main:\n    environment_variables:\n      PORT: "8080"\n';
    const codes = (diagnostics: readonly string[]): string[] => diagnostics.filter((d) => !d.includes("render/ecs-no-server"));
    expect(codes((await problems(plan("app", units, []), other)).diagnostics)).toEqual([
      "error render/environment-conflict klotho.yaml:6 Execution unit 'main' would receive environment variable 'PORT' from both the container port and klotho.yaml execution_units.main.environment_variables; they must not share a name.",
    ]);
    const same = 'app: app\nprovider: aws\nexecution_units:\n  main:\n    environment_variables:\n      PORT: "3000"\n';
    expect(codes((await problems(plan("app", units, []), same)).diagnostics)).toEqual([]);
  });

  it("rejects environment variable names AWS does not accept, and two values for one name", async () => {
    const config = 'app: app\nprovider: aws\nexecution_units:\n  main:\n    environment_variables:\n      "1BAD": x\n      AWS_REGION: y\n      GOOD_ONE: z\n';
    const units = [resource("exec_unit:main", "lambda", { params: { memorySize: 512, timeout: 180 } })];
    const stores = [resource("persist_fs:a-b", "s3"), resource("persist_fs:a_b", "s3")];
    const result = await problems(plan("app", [...units, ...stores], [edge("exec_unit:main", "persist_fs:a-b"), edge("exec_unit:main", "persist_fs:a_b")]), config);
    expect(result.diagnostics).toEqual([
      "error render/environment-conflict app.js:1 Execution unit 'main' would receive environment variable 'KLOTHO_FS_A_B_BUCKET' from both persist_fs:a-b and persist_fs:a_b; they must not share a name.",
      "error render/invalid-environment-name klotho.yaml:6 Environment variable '1BAD' of execution unit 'main' (from klotho.yaml execution_units.main.environment_variables) is not a name AWS accepts: use a letter, then letters, digits and underscores, and none of the names Lambda reserves (AWS_REGION, _HANDLER, ...).",
      "error render/invalid-environment-name klotho.yaml:7 Environment variable 'AWS_REGION' of execution unit 'main' (from klotho.yaml execution_units.main.environment_variables) is not a name AWS accepts: use a letter, then letters, digits and underscores, and none of the names Lambda reserves (AWS_REGION, _HANDLER, ...).",
    ]);
  });

  it("reports once, naming both events, two topics of different pubsubs whose ARN variables share a name", async () => {
    const unit = resource("exec_unit:api", "lambda", { params: { memorySize: 512, timeout: 180 } });
    // `a` + `b_c` and `a_b` + `c` both make KLOTHO_PUBSUB_A_B_C_ARN; the unit publishes and hears both (an edge each way).
    const a = resource("pubsub:a", "sns", { topics: [{ name: "b_c", publishers: ["api"], subscribers: ["api"] }] });
    const ab = resource("pubsub:a_b", "sns", { topics: [{ name: "c", publishers: ["api"], subscribers: ["api"] }] });
    const edges = ["pubsub:a", "pubsub:a_b"].flatMap((id) => [edge("exec_unit:api", id), edge(id, "exec_unit:api")]);
    expect((await problems(plan("app", [unit, a, ab], edges))).diagnostics).toEqual([
      "error render/environment-conflict app.js:1 Execution unit 'api' would receive environment variable 'KLOTHO_PUBSUB_A_B_C_ARN' from both pubsub:a event 'b_c' and pubsub:a_b event 'c'; they must not share a name.",
    ]);
  });

  it("refuses a method and path two units claim once API Gateway has written them", async () => {
    const units = ["a", "b"].map((name) => resource(`exec_unit:${name}`, "lambda", { params: { memorySize: 512, timeout: 180 } }));
    const api = resource("gateway:api", "apigateway", { routes: [{ method: "GET", path: "/pugs/:id", unit: "a" }, { method: "GET", path: "/pugs/:name", unit: "b" }] });
    const result = await problems(plan("app", [...units, api], [edge("gateway:api", "exec_unit:a"), edge("gateway:api", "exec_unit:b")]));
    expect(result.diagnostics).toEqual(["error render/route-conflict app.js:1 Gateway 'api' would send 'GET /pugs/{id}' to several units (a, b); API Gateway routes a method and path to one unit."]);
  });

  it("tells which routes API Gateway receives more widely than the code declares them", async () => {
    const units = [resource("exec_unit:a", "lambda", { params: { memorySize: 512, timeout: 180 } })];
    const api = resource("gateway:api", "apigateway", { routes: [{ method: "GET", path: "/files/:name.:ext", unit: "a" }] });
    const result = await problems(plan("app", [...units, api], [edge("gateway:api", "exec_unit:a")]));
    expect(result.diagnostics).toEqual(["info render/widened-route app.js:1 API Gateway cannot declare the route 'GET /files/:name.:ext', so gateway 'api' sends 'GET /files/{proxy+}' to unit 'a', whose app matches the exact path."]);
    expect(result.files).toBe(5);
  });

  it("says a route API Gateway could declare was widened because a greedy sibling took its level", async () => {
    const units = [resource("exec_unit:a", "lambda", { params: { memorySize: 512, timeout: 180 } })];
    const api = resource("gateway:api", "apigateway", { routes: [{ method: "GET", path: "/files/:rest*", unit: "a" }, { method: "GET", path: "/files/:id/meta", unit: "a" }] });
    const result = await problems(plan("app", [...units, api], [edge("gateway:api", "exec_unit:a")]));
    expect(result.diagnostics).toEqual([
      "info render/widened-route app.js:1 API Gateway holds one parameter per path level and a greedy one ends the path: the route 'GET /files/:id/meta' shares its level with a greedy parameter, so gateway 'api' sends 'GET /files/{rest+}' to unit 'a', whose app matches the exact path.",
    ]);
  });

  it("warns that SNS does not deliver to ECS units yet", async () => {
    const units = [resource("exec_unit:w", "ecs", { params: { cpu: 256, memory: 512 } })];
    const bus = resource("pubsub:bus", "sns", { topics: [{ name: "done", publishers: [], subscribers: ["w"] }] });
    const result = await problems(plan("app", [...units, bus], [edge("pubsub:bus", "exec_unit:w")]));
    expect(result.diagnostics).toEqual([
      "warning render/ecs-no-server app.js:1 Execution unit 'w' runs on ECS but no gateway routes to it: its container must keep running and answer the load balancer's health check (GET / on port 3000), or ECS stops and restarts it. A unit that only does background work is better as a Lambda unit.",
      "warning render/ecs-subscriber app.js:1 Execution unit 'w' is an ECS service, which SNS cannot deliver to yet: its listeners for 'done' of 'bus' hear only events emitted in its own process.",
    ]);
    expect(result.files).toBe(5);
  });

  it("warns of a Lambda unit whose environment would pass Lambda's 4 KB (a variable per event of a topic service)", async () => {
    const names = (count: number) => Array.from({ length: count }, (_, i) => `domain.inventory.item${String(i)}.changed`);
    const unit = resource("exec_unit:api", "lambda", { params: { memorySize: 512, timeout: 180 } });
    const bus = (count: number) => resource("pubsub:domain", "sns", { topics: names(count).map((name) => ({ name, publishers: ["api"], subscribers: [] })) });
    const many = await problems(plan("app", [unit, bus(60)], [edge("exec_unit:api", "pubsub:domain")]));
    expect(many.diagnostics).toEqual([
      "warning render/environment-size app.js:1 Lambda unit 'api' would get 61 environment variables of about 9364 bytes (as JSON, a topic's ARN counted at its longest, another ARN or host as 70), over Lambda's 4096-byte limit: the deployment would fail. A topic service gets a variable per event, so fewer event names, or an emitter per concern, helps.",
    ]);
    expect((await problems(plan("app", [unit, bus(20)], [edge("exec_unit:api", "pubsub:domain")]))).diagnostics).toEqual([]);
    // Long event names make long topic ARNs: 24 of these are 4,209 bytes deployed in us-east-1 (4,360 as JSON).
    const verbs = ["created", "updated", "deleted", "renewed", "paused", "resumed", "upgraded", "downgraded"];
    const billing = resource("pubsub:domain-events", "sns", {
      topics: Array.from({ length: 24 }, (_, i) => ({ name: `billing.customer.subscription.${verbs[i % 8] ?? ""}-${String(i)}`, publishers: ["api"], subscribers: [] })),
    });
    const long = await problems(plan("app", [unit, billing], [edge("exec_unit:api", "pubsub:domain-events")]));
    expect(long.diagnostics.map((line) => line.split(" ").slice(0, 2).join(" "))).toEqual(["warning render/environment-size"]);
  });

  it("says nothing of a health check for an ECS unit a gateway routes to", async () => {
    const units = [resource("exec_unit:web", "ecs", { params: { cpu: 256, memory: 512 } }), gateway("web")];
    expect((await problems(plan("app", units, [edge("gateway:api", "exec_unit:web")]))).diagnostics).toEqual([]);
  });
});
