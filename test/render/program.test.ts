// The Pulumi program of every fixture project: it type-checks against the installed @pulumi
// packages (one tsc run for all, with the generated tsconfig.json) and, run under Pulumi's mocks,
// creates what the plan asks for: the resources of each type, a method per route pointing at the
// unit the plan names, IAM statements that are exactly those of each unit's edges (with the
// actions the runtime's code calls), and environment variables wiring each unit to its stores.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan, Resource } from "../../src/plan/index.js";
import { LONG_SLUG, databaseConfigKey, logicalName } from "../../src/render/names.js";
import { ECS_CONTAINER_PORT } from "../../src/render/network.js";
import { requireRuntime } from "../runtime/runtime-modules.js";
import { actionsOfRuntime, environmentOf, functionOf, httpRoutes, restRoutes, statementsOfRole, taskDefinitionOf, taskEnvironmentOf, taskSecretsOf, taskVariablesOf, type Statement } from "./inventory.js";
import type { MockInventory } from "./mock-runner.js";
import { REPO, compileProject, createWorkspace, ofType, programFiles, runUnderMocks, typeCounts, typecheckPrograms, type ProgramFiles, type ProgramWorkspace } from "./programs.js";

const { envName, topicArnEnvName } = requireRuntime("env-names.js");
const FIXTURES = path.join(REPO, "test", "fixtures");
const PASSWORD = "p@ss w/rd:1";

interface Case {
  readonly name: string;
  readonly app: string;
  readonly plan: Plan;
  readonly files: ProgramFiles;
  readonly dir: string;
  inventory?: MockInventory;
}

function fixtureDirs(): { name: string; dir: string; app: string }[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((theme) => theme.isDirectory() && theme.name !== "runtime-types")
    .flatMap((theme) =>
      readdirSync(path.join(FIXTURES, theme.name), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => {
          const dir = path.join(FIXTURES, theme.name, entry.name);
          const options = existsSync(path.join(dir, "fixture.json")) ? (JSON.parse(readFileSync(path.join(dir, "fixture.json"), "utf8")) as { app?: string }) : {};
          return { name: `${theme.name}/${entry.name}`, dir, app: options.app ?? entry.name };
        }),
    )
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

const workspace: ProgramWorkspace = createWorkspace();
/** The pugs example and every fixture that compiles (the bad-* ones fail on purpose), compiled in memory. */
const cases: Case[] = [];
for (const fixture of [{ name: "examples/pugs", dir: path.join(REPO, "examples", "pugs"), app: "pugs" }, ...fixtureDirs()]) {
  const result = await compileProject(fixture.dir, fixture.app, { outDir: path.join(workspace.root, "out") });
  if (!result.plan || result.files.length === 0) continue;
  const files = programFiles(result, fixture.app);
  cases.push({ name: fixture.name, app: fixture.app, plan: result.plan, files, dir: workspace.write(fixture.name.replace("/", "-"), files) });
}
let tscOutput = "";

beforeAll(async () => {
  tscOutput = await typecheckPrograms(workspace, cases.map((c) => c.dir));
  // Two programs at a time: each child process loads @pulumi/aws.
  const queue = [...cases];
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const orms = next.plan.resources.filter((r) => r.kind === "persist_orm").map((r) => databaseConfigKey(r.name, "password"));
      next.inventory = await runUnderMocks(next.dir, next.app, Object.fromEntries(orms.map((key) => [key, PASSWORD])), orms);
    }
  };
  await Promise.all([worker(), worker()]);
}, 300_000);

afterAll(() => {
  workspace.remove();
});

function inventoryOf(c: Case): MockInventory {
  if (!c.inventory) throw new Error(`${c.name} did not run`);
  return c.inventory;
}

const byKind = (plan: Plan, kind: string): Resource[] => plan.resources.filter((r) => r.kind === kind);
const targetsOf = (plan: Plan, id: string): Resource[] =>
  plan.edges.filter((e) => e.source === id).flatMap((e) => plan.resources.filter((r) => r.id === e.target));

describe("the Pulumi program of every fixture", () => {
  it("covers every fixture that compiles", () => {
    expect(cases.length).toBe(1 + fixtureDirs().filter((f) => !path.basename(f.dir).startsWith("bad-")).length);
    expect(cases.length).toBeGreaterThanOrEqual(19);
  });

  it("type-checks against the installed @pulumi packages with its own tsconfig.json, the same for every program", () => {
    expect(tscOutput).toBe("");
    expect(new Set(cases.map((c) => c.files.get("tsconfig.json"))).size).toBe(1);
  });

  it.each(cases)("$name: creates the resources its plan asks for", (c) => {
    const counts = typeCounts(inventoryOf(c));
    const count = (type: string): number => counts[type] ?? 0;
    const units = byKind(c.plan, "exec_unit");
    const lambdas = units.filter((u) => u.type === "lambda");
    const ecs = units.filter((u) => u.type === "ecs");
    const topics = byKind(c.plan, "pubsub").flatMap((p) => p.topics ?? []);
    const rest = byKind(c.plan, "gateway").filter((g) => g.params["apiType"] !== "HTTP");
    const http = byKind(c.plan, "gateway").filter((g) => g.params["apiType"] === "HTTP");
    const routes = (gateways: Resource[]): number => gateways.reduce((n, g) => n + apiRouteKeys(g).size, 0);
    expect({
      functions: count("aws:lambda/function:Function"),
      services: count("aws:ecs/service:Service"),
      loadBalancers: count("aws:lb/loadBalancer:LoadBalancer"),
      images: count("docker-build:index:Image"),
      repositories: count("aws:ecr/repository:Repository"),
      logGroups: count("aws:cloudwatch/logGroup:LogGroup"),
      roles: count("aws:iam/role:Role"),
      restApis: count("aws:apigateway/restApi:RestApi"),
      restMethods: count("aws:apigateway/method:Method"),
      stages: count("aws:apigateway/stage:Stage") + count("aws:apigatewayv2/stage:Stage"),
      httpApis: count("aws:apigatewayv2/api:Api"),
      httpRoutes: count("aws:apigatewayv2/route:Route"),
      tables: count("aws:dynamodb/table:Table"),
      buckets: count("aws:s3/bucket:Bucket"),
      secrets: count("aws:secretsmanager/secret:Secret"),
      databases: count("aws:rds/instance:Instance"),
      caches: count("aws:elasticache/cluster:Cluster"),
      memorydbs: count("aws:memorydb/cluster:Cluster"),
      topics: count("aws:sns/topic:Topic"),
      subscriptions: count("aws:sns/topicSubscription:TopicSubscription"),
      distributions: count("aws:cloudfront/distribution:Distribution"),
      vpcs: count("aws:ec2/vpc:Vpc"),
    }).toEqual({
      functions: lambdas.length,
      services: ecs.length,
      loadBalancers: ecs.length,
      images: units.length,
      repositories: units.length,
      logGroups: units.length,
      roles: lambdas.length + 2 * ecs.length,
      restApis: rest.length,
      restMethods: routes(rest),
      stages: rest.length + http.length,
      httpApis: http.length,
      httpRoutes: routes(http),
      tables: byKind(c.plan, "persist_kv").length > 0 ? 1 : 0,
      buckets: byKind(c.plan, "persist_fs").length + byKind(c.plan, "static_unit").length,
      secrets: byKind(c.plan, "persist_secret").reduce((n, s) => n + (s.secrets?.length ?? 0), 0),
      databases: byKind(c.plan, "persist_orm").length,
      caches: byKind(c.plan, "persist_redis_node").length,
      memorydbs: byKind(c.plan, "persist_redis_cluster").length,
      topics: topics.length,
      subscriptions: topics.reduce((n, t) => n + t.subscribers.filter((s) => lambdas.some((l) => l.name === s)).length, 0),
      distributions: byKind(c.plan, "static_unit").filter((s) => s.params["cloudFrontEnabled"] !== false).length,
      vpcs: ecs.length > 0 || ["persist_orm", "persist_redis_node", "persist_redis_cluster"].some((k) => byKind(c.plan, k).length > 0) ? 1 : 0,
    });
    // Two resources of one type never share a logical name (Pulumi would refuse the program).
    const urns = inventoryOf(c).resources.map((r) => `${r.type}::${r.name}`);
    expect(new Set(urns).size).toBe(urns.length);
  });

  it.each(cases)("$name: one API method per route, pointing at the unit the plan names", (c) => {
    const inventory = inventoryOf(c);
    // Every gateway's routes are declared, and nothing else: counted over the program's gateways of each API type.
    const expected = { http: 0, rest: 0 };
    for (const gateway of byKind(c.plan, "gateway")) {
      const http = gateway.params["apiType"] === "HTTP";
      const declared = http ? httpRoutes(inventory) : restRoutes(inventory);
      const keys = apiRouteKeys(gateway);
      expected[http ? "http" : "rest"] += keys.size;
      for (const route of gateway.routes ?? []) {
        const key = `${route.method} ${apiPath(route.path)}`;
        const unit = c.plan.resources.find((r) => r.id === `exec_unit:${route.unit}`);
        // A GET route brings its HEAD, to the same unit, unless the code declares one.
        const head = route.method === "GET" && !(gateway.routes ?? []).some((r) => (r.method === "HEAD" || r.method === "ANY") && apiPath(r.path) === apiPath(route.path));
        for (const declaredKey of head ? [key, `HEAD ${apiPath(route.path)}`] : [key]) {
          const target = declared.get(declaredKey);
          if (unit?.type === "ecs") expect(target, declaredKey).toMatch(/^http:\/\/[^/]+\.elb\.amazonaws\.com/);
          else {
            const fn = functionOf(inventory, route.unit);
            const arn = `arn:aws:lambda:us-east-1:123456789012:${fn.name}-0000001`;
            expect(target, declaredKey).toBe(http ? arn : `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arn}/invocations`);
          }
        }
      }
    }
    expect(httpRoutes(inventory).size).toBe(expected.http);
    expect(restRoutes(inventory).size).toBe(expected.rest);
  });

  it.each(cases)("$name: each Lambda unit a gateway routes to may be invoked by that API, in one statement", (c) => {
    const inventory = inventoryOf(c);
    const permissions = ofType(inventory, "aws:lambda/permission:Permission").filter((p) => p.inputs["principal"] === "apigateway.amazonaws.com");
    const expected = byKind(c.plan, "gateway").flatMap((gateway) => {
      const lambdas = new Set((gateway.routes ?? []).map((route) => route.unit).filter((unit) => c.plan.resources.some((r) => r.id === `exec_unit:${unit}` && r.type === "lambda")));
      return [...lambdas].map((unit) => `${functionOf(inventory, unit).name}-0000001 from arn:aws:execute-api:us-east-1:123456789012:${logicalName([gateway.name])}-id/*`);
    });
    const granted = permissions.map((p) => `${String(p.inputs["function"])} from ${String(p.inputs["sourceArn"])}`);
    expect(granted.sort()).toEqual(expected.sort());
  });

  it.each(cases)("$name: each unit's IAM statements are exactly those its edges need", (c) => {
    const inventory = inventoryOf(c);
    for (const unit of byKind(c.plan, "exec_unit")) {
      const env = unit.type === "lambda" ? environmentOf(functionOf(inventory, unit.name)) : taskVariablesOf(inventory, taskDefinitionOf(inventory, unit.name));
      const expected = expectedStatements(c.plan, unit, env);
      if (unit.type === "lambda") {
        const fn = functionOf(inventory, unit.name);
        const logGroup = (fn.inputs["loggingConfig"] as { logGroup: string }).logGroup;
        const own: Statement[] = [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [`arn:aws:cloudwatch:us-east-1:123456789012:${logGroup}:*`] }];
        if (fn.inputs["vpcConfig"]) own.push(VPC_STATEMENT);
        expect(statementsOfRole(inventory, String(fn.inputs["role"])), unit.id).toEqual([...own, ...expected]);
      } else {
        const task = taskDefinitionOf(inventory, unit.name);
        expect(statementsOfRole(inventory, String(task.inputs["taskRoleArn"])), unit.id).toEqual(expected);
        const execution = statementsOfRole(inventory, String(task.inputs["executionRoleArn"]));
        const parameters = [...new Set(Object.values(taskSecretsOf(task)))];
        const reads = parameters.length > 0 ? [{ Effect: "Allow", Action: ["ssm:GetParameters"], Resource: parameters }] : [];
        expect(execution.map((s) => s.Action.join(" "))).toEqual(["ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability ecr:BatchGetImage ecr:GetDownloadUrlForLayer", "logs:CreateLogStream logs:PutLogEvents", ...reads.map((s) => s.Action.join(" "))]);
        expect(execution.slice(3)).toEqual(reads);
      }
    }
    // Least privilege: no action anywhere in the program is a wildcard.
    for (const policy of ofType(inventory, "aws:iam/rolePolicy:RolePolicy")) {
      const statements = (JSON.parse(String(policy.inputs["policy"])) as { Statement: Statement[] }).Statement;
      for (const action of statements.flatMap((st) => st.Action)) expect(action, policy.name).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    }
  });

  it.each(cases)("$name: each unit's environment wires it to its stores and topics", (c) => {
    const inventory = inventoryOf(c);
    for (const unit of byKind(c.plan, "exec_unit")) {
      const env = unit.type === "lambda" ? environmentOf(functionOf(inventory, unit.name)) : taskVariablesOf(inventory, taskDefinitionOf(inventory, unit.name));
      expect(env, unit.id).toEqual(expectedEnvironment(c, unit, inventory));
    }
  });
});

describe("the pugs example (npx klotho examples/pugs --app pugs --provider aws)", () => {
  const pugs = (): { plan: Plan; inventory: MockInventory } => {
    const c = cases.find((x) => x.name === "examples/pugs");
    if (!c) throw new Error("the pugs example did not compile");
    return { plan: c.plan, inventory: inventoryOf(c) };
  };

  it("creates two Lambdas, one API with six routes (and HEAD beside each GET), one DynamoDB table and one Redis cache", () => {
    const { inventory } = pugs();
    const counts = typeCounts(inventory);
    expect([counts["aws:lambda/function:Function"], counts["aws:apigateway/restApi:RestApi"], counts["aws:apigateway/method:Method"], counts["aws:dynamodb/table:Table"], counts["aws:elasticache/cluster:Cluster"]]).toEqual([2, 1, 8, 1, 1]);
    expect([...restRoutes(inventory).keys()].sort()).toEqual([
      "GET /adoptions/{name}",
      "GET /pugs/{name}",
      "HEAD /adoptions/{name}",
      "HEAD /pugs/{name}",
      "POST /adoptions/{name}",
      "POST /adoptions/{name}/approve",
      "POST /adoptions/{name}/refuse",
      "POST /pugs",
    ]);
    expect(inventory.outputs["apiGatewayUrl"]).toBe("https://api-gateway.execute-api.us-east-1.amazonaws.com/api");
  });

  it("grants least privilege: pugs may use its map's partition of the table, adopt only its log group and network interfaces", () => {
    const { inventory } = pugs();
    const pugsFn = functionOf(inventory, "pugs");
    const adoptFn = functionOf(inventory, "adopt");
    expect(statementsOfRole(inventory, String(pugsFn.inputs["role"])).map((s) => [s.Action.join(" "), s.Resource.join(" "), JSON.stringify(s.Condition ?? null)])).toEqual([
      ["logs:CreateLogStream logs:PutLogEvents", "arn:aws:cloudwatch:us-east-1:123456789012:/klotho/pugs/pugs-0001:*", "null"],
      [
        "dynamodb:BatchWriteItem dynamodb:DeleteItem dynamodb:GetItem dynamodb:PutItem dynamodb:Query dynamodb:UpdateItem",
        "arn:aws:dynamodb:us-east-1:123456789012:kv-0000001",
        '{"ForAllValues:StringEquals":{"dynamodb:LeadingKeys":["dogs"]}}',
      ],
    ]);
    expect(statementsOfRole(inventory, String(adoptFn.inputs["role"])).map((s) => s.Action[0])).toEqual(["logs:CreateLogStream", "ec2:AssignPrivateIpAddresses"]);
    // The cache admits adopt's security group, and nothing else.
    const cacheGroup = ofType(inventory, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.name === "cache-redis");
    expect(cacheGroup?.inputs["ingress"]).toEqual([{ protocol: "tcp", fromPort: 6379, toPort: 6379, securityGroups: ["adopt-unit-id"] }]);
    expect((adoptFn.inputs["vpcConfig"] as { securityGroupIds: string[] }).securityGroupIds).toEqual(["adopt-unit-id"]);
    expect(pugsFn.inputs["vpcConfig"]).toBeUndefined();
  });

  it("runs each function with its klotho.yaml parameters and the table and cache as the runtime expects them", () => {
    const { inventory } = pugs();
    const table = ofType(inventory, "aws:dynamodb/table:Table")[0];
    expect(table?.inputs).toMatchObject({ hashKey: "pk", rangeKey: "sk", billingMode: "PAY_PER_REQUEST", ttl: { attributeName: "expiresAt", enabled: true }, attributes: [{ name: "pk", type: "S" }, { name: "sk", type: "S" }] });
    expect(functionOf(inventory, "pugs").inputs).toMatchObject({ memorySize: 512, timeout: 180, packageType: "Image", architectures: ["x86_64"] });
    const image = ofType(inventory, "docker-build:index:Image").find((i) => i.name === "pugs");
    expect(image?.inputs).toMatchObject({ context: { location: "./pugs" }, platforms: ["linux/amd64"], push: true });
  });
});

describe("parameters and secrets", () => {
  it("gives each unit the memory, timeout, cpu and memory klotho.yaml sets (express/config-overrides)", () => {
    const c = cases.find((x) => x.name === "express/config-overrides");
    if (!c) throw new Error("config-overrides did not compile");
    const inventory = inventoryOf(c);
    expect(functionOf(inventory, "pugs").inputs).toMatchObject({ memorySize: 1024, timeout: 30 });
    expect(taskDefinitionOf(inventory, "adopt").inputs).toMatchObject({ cpu: "512", memory: "2048", requiresCompatibilities: ["FARGATE"], networkMode: "awsvpc" });
  });

  it("sends an ECS unit's traffic to the port its Dockerfile has the app listen on", async () => {
    const result = await compileProject(path.join(FIXTURES, "express", "config-overrides"), "klotho-afc-example", { outDir: path.join(workspace.root, "out") });
    const dockerfile = result.files.find((f) => f.path === "adopt/Dockerfile");
    const text = dockerfile && "contents" in dockerfile ? String(dockerfile.contents) : "";
    expect(text).toContain(`PORT=${ECS_CONTAINER_PORT}`);
    expect(text).toContain(`EXPOSE ${ECS_CONTAINER_PORT}`);
    const c = cases.find((x) => x.name === "express/config-overrides");
    if (!c) throw new Error("config-overrides did not compile");
    const targetGroup = ofType(inventoryOf(c), "aws:lb/targetGroup:TargetGroup")[0];
    expect(targetGroup?.inputs["port"]).toBe(ECS_CONTAINER_PORT);
  });

  it("keeps a database's connection string secret, in the state and in the function's environment (storage/esm-two-units)", () => {
    const c = cases.find((x) => x.name === "storage/esm-two-units");
    if (!c) throw new Error("esm-two-units did not compile");
    const inventory = inventoryOf(c);
    expect(functionOf(inventory, "posts").secretInputs).toEqual(["environment"]);
    expect(functionOf(inventory, "files").secretInputs).toEqual([]);
    expect(ofType(inventory, "aws:rds/instance:Instance")[0]?.secretInputs).toEqual(["password"]);
  });

  it("gives an ECS unit the connection string from an SSM SecureString parameter, never a plain variable (storage/ecs-database)", () => {
    const c = cases.find((x) => x.name === "storage/ecs-database");
    if (!c) throw new Error("ecs-database did not compile");
    const inventory = inventoryOf(c);
    const task = taskDefinitionOf(inventory, "main");
    const [parameter, ...others] = ofType(inventory, "aws:ssm/parameter:Parameter");
    expect(others).toEqual([]);
    expect([parameter?.inputs["type"], parameter?.secretInputs]).toEqual(["SecureString", ["value"]]);
    const arn = `arn:aws:ssm:us-east-1:123456789012:${String(parameter?.name)}-0000001`;
    expect(taskSecretsOf(task)).toEqual({ DATABASE_URL: arn, [envName("orm", "notes-db", "connection_string")]: arn });
    expect(Object.keys(taskEnvironmentOf(task))).not.toContain("DATABASE_URL");
    expect(JSON.stringify(task.inputs)).not.toContain("postgresql://");
    // A Lambda unit keeps the variable (storage/cjs-single-unit): the program makes no parameter for it.
    const lambda = cases.find((x) => x.name === "storage/cjs-single-unit");
    expect(ofType(inventoryOf(lambda ?? c), "aws:ssm/parameter:Parameter")).toEqual([]);
  });
});

const VPC_STATEMENT: Statement = {
  Effect: "Allow",
  Action: ["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets", "ec2:UnassignPrivateIpAddresses"],
  Resource: ["*"],
};

/** What each edge needs, from the runtime's own calls, on the ARN of the resource the unit's environment points at. */
/**
 * What each edge needs, one statement per kind of access: the edges needing the same actions share
 * one, on all their resources; the kv table's, on every map's partition.
 */
function expectedStatements(plan: Plan, unit: Resource, env: Record<string, string>): Statement[] {
  const merged = new Map<string, Statement>();
  for (const statement of edgeStatementsOf(plan, unit, env)) {
    const key = statement.Action.join(" ");
    const earlier = merged.get(key);
    const keys = (s: Statement) => (s.Condition as { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": string[] } } | undefined)?.["ForAllValues:StringEquals"]["dynamodb:LeadingKeys"];
    if (!earlier) merged.set(key, statement);
    else {
      const partitions = [...(keys(earlier) ?? []), ...(keys(statement) ?? [])];
      const resources = [...new Set([...earlier.Resource, ...statement.Resource])];
      merged.set(key, { ...earlier, Resource: resources, ...(partitions.length > 0 ? { Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": partitions } } } : {}) });
    }
  }
  return [...merged.values()];
}

function edgeStatementsOf(plan: Plan, unit: Resource, env: Record<string, string>): Statement[] {
  const allow = (actions: string[], resources: string[], condition?: unknown): Statement => ({ Effect: "Allow", Action: actions, Resource: resources, ...(condition ? { Condition: condition } : {}) });
  return targetsOf(plan, unit.id).flatMap((target): Statement[] => {
    switch (target.kind) {
      case "persist_kv":
        return [allow(actionsOfRuntime("kv-table.js", "dynamodb"), [`arn:aws:dynamodb:us-east-1:123456789012:${env["KLOTHO_KV_TABLE"] ?? "?"}`], { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [target.name] } })];
      case "persist_fs": {
        const bucket = `arn:aws:s3:::${env[envName("fs", target.name, "bucket")] ?? "?"}`;
        const actions = actionsOfRuntime("s3-objects.js", "s3");
        return [allow(actions.filter((a) => a !== "s3:ListBucket"), [`${bucket}/*`]), allow(["s3:ListBucket"], [bucket])];
      }
      case "persist_secret":
        return (target.secrets ?? []).length === 0 ? [] : [allow(actionsOfRuntime("secrets.js", "secretsmanager"), (target.secrets ?? []).map((s) => `arn:aws:secretsmanager:us-east-1:123456789012:${secretNameOf(plan.app, env["KLOTHO_STACK_NAME"] ?? "?", target.name, s)}`))];
      case "pubsub": {
        const published = (target.topics ?? []).filter((t) => t.publishers.includes(unit.name));
        return published.length === 0 ? [] : [allow(actionsOfRuntime("emitter.js", "sns"), published.map((t) => env[topicArnEnvName(target.name, t.name)] ?? "?"))];
      }
      default:
        return [];
    }
  });
}

function secretNameOf(app: string, stack: string, id: string, name: string): string {
  return requireRuntime("secrets.js").secretName(app, stack, id, name);
}

/** The variables the runtime reads for everything the unit uses, with the values the mocked cloud gave. */
function expectedEnvironment(c: Case, unit: Resource, inventory: MockInventory): Record<string, string> {
  // A container also gets the port its task definition and load balancer use.
  const env: Record<string, string> = { KLOTHO_APP_NAME: c.app, ...(unit.type === "lambda" ? {} : { PORT: "3000" }) };
  const attributes = new Map<string, string>();
  for (const target of targetsOf(c.plan, unit.id)) {
    switch (target.kind) {
      case "persist_kv":
        env["KLOTHO_KV_TABLE"] = "kv-0000001";
        break;
      case "persist_fs":
        env[envName("fs", target.name, "bucket")] = `${logicalName([target.name], "fs")}-0000001`;
        break;
      case "persist_redis_node":
      case "persist_redis_cluster": {
        const cluster = logicalName([target.name]);
        const host = target.kind === "persist_redis_node" ? `${cluster}.cache.amazonaws.com` : `clustercfg.${cluster}.memorydb.amazonaws.com`;
        env[envName("redis", target.name, "host")] = host;
        env[envName("redis", target.name, "port")] = "6379";
        attributes.set(`${target.id}#host`, host).set(`${target.id}#port`, "6379");
        break;
      }
      case "persist_secret":
        env["KLOTHO_STACK_NAME"] = "dev";
        break;
      case "persist_orm": {
        const db = ofType(inventory, "aws:rds/instance:Instance").find((r) => r.name === logicalName([target.name]));
        const url = `postgresql://klotho:${encodeURIComponent(PASSWORD)}@${logicalName([target.name])}.rds.amazonaws.com:5432/${String(db?.inputs["dbName"])}`;
        env[envName("orm", target.name, "connection_string")] = url;
        attributes.set(`${target.id}#connection_string`, url);
        break;
      }
    }
  }
  for (const service of byKind(c.plan, "pubsub")) {
    for (const topic of service.topics ?? []) {
      if (!topic.publishers.includes(unit.name) && !topic.subscribers.includes(unit.name)) continue;
      env[topicArnEnvName(service.name, topic.name)] = topicArn(inventory, service.name, topic.name);
    }
  }
  for (const [name, reference] of Object.entries(unit.environment_variables ?? {})) env[name] = attributes.get(reference ?? "") ?? "?";
  return env;
}

/** The ARN the mocked cloud gave the SNS topic of an event (checking that the program made it). */
function topicArn(inventory: MockInventory, service: string, topic: string): string {
  const logical = logicalName([service, topic], undefined, LONG_SLUG);
  return ofType(inventory, "aws:sns/topic:Topic").some((t) => t.name === logical) ? `arn:aws:sns:us-east-1:123456789012:${logical}-0000001` : "?";
}

/** A plan route's path as API Gateway writes it: `:p` → `{p}`, a last `:p*` → `{p+}`. */
function apiPath(path: string): string {
  return path.replace(/:(\w+)[*+]$/, "{$1+}").replace(/:(\w+)/g, "{$1}");
}

/** The methods and paths a gateway's API declares: its routes, and HEAD beside each GET that has neither HEAD nor ANY. */
function apiRouteKeys(gateway: Resource): Set<string> {
  const keys = new Set((gateway.routes ?? []).map((route) => `${route.method} ${apiPath(route.path)}`));
  for (const route of gateway.routes ?? []) {
    const path = apiPath(route.path);
    if (route.method === "GET" && !keys.has(`ANY ${path}`)) keys.add(`HEAD ${path}`);
  }
  return keys;
}
