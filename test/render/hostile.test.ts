// Ids, route paths, parameters, topic, secret and file names and klotho.yaml values full of quotes,
// backticks, `${}`, line breaks and unicode: the program still type-checks, stays plain ASCII,
// and under mocks every one of those values reaches AWS exactly as written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderInfrastructure, type RenderResult } from "../../src/render/index.js";
import { readTemplates } from "../../src/load/templates.js";
import { databaseConfigKey } from "../../src/render/names.js";
import { configFile } from "../helpers/plan-inputs.js";
import { requireRuntime } from "../runtime/runtime-modules.js";
import { environmentOf, functionOf, restRoutes, httpRoutes, statementsOfRole, taskDefinitionOf, taskEnvironmentOf } from "./inventory.js";
import type { MockInventory } from "./mock-runner.js";
import { edge, plan, resource } from "./plan-builder.js";
import { createWorkspace, ofType, runUnderMocks, typecheckPrograms, type ProgramWorkspace } from "./programs.js";

const { envName, topicArnEnvName } = requireRuntime("env-names.js");
const { secretName } = requireRuntime("secrets.js");

const APP = "hostile-App_1";
const API = "exec_unit:Api.v2/main:x";
const DISPLAY_NAME = 'Shop "orders"\n`${process.exit(1)}` \u2713 \u00fcn\u00ef \u2028 */ //';
const ENGINE = '13.7"; process.exit(1); "';
const INSTANCE = "db.t4g.micro`${x}`";
const NODE_TYPE = "cache.t3.micro\n// evil";
const ORDER = 'order"created`${x}`';
const UNI = "\u00fcn\u00ef\nline \ud83d\udc36";
const SECRETS = ['./config/"db".json', "`${x}`.txt", "\u00fcn\u00ef\nline"];
const FILES = ['public/we"ird ${x}.html', "public/\u00fcn\u00ef\n.css", "a`b`.js"];
const INDEX = 'in"dex.html';
const LITERAL = 'a"b`${c}`\n\u2028\u00fc */ //';

const hostilePlan = plan(
  APP,
  [
    resource(API, "lambda", { params: { memorySize: 1024, timeout: 30 }, environment_variables: { DB_URL: "persist_orm:Db.1#connection_string", REDIS_H: "persist_redis_node:cache:x#host" } }),
    resource("exec_unit:worker_1", "lambda", { params: { memorySize: 512, timeout: 180 } }),
    resource("exec_unit:svc", "ecs", { params: { cpu: 256, memory: 512 } }),
    resource("gateway:gw/1", "apigateway", {
      routes: [
        { method: "GET", path: '/q"uote/:id', unit: "Api.v2/main:x" },
        { method: "POST", path: "/back`tick/${x}", unit: "Api.v2/main:x" },
        { method: "GET", path: "/new\nline", unit: "Api.v2/main:x" },
        { method: "PUT", path: "/\u00fcn\u00ef/:name", unit: "Api.v2/main:x" },
        { method: "GET", path: "/plain/:name", unit: "Api.v2/main:x" },
        { method: "ANY", path: "/svc/:rest*", unit: "svc" },
      ],
    }),
    resource("gateway:http.gw", "apigateway", { params: { apiType: "HTTP" }, routes: [{ method: "GET", path: '/h"x/:id', unit: "worker_1" }, { method: "ANY", path: "/", unit: "worker_1" }] }),
    resource("persist_kv:K.V", "dynamodb"),
    resource("persist_fs:files/Up_loads", "s3"),
    resource("persist_secret:sec:rets", "secrets_manager", { secrets: SECRETS }),
    resource("persist_orm:Db.1", "rds_postgres", { params: { engineVersion: ENGINE, instanceClass: INSTANCE, allocatedStorage: 20, skipFinalSnapshot: false } }),
    resource("persist_redis_node:cache:x", "elasticache", { params: { nodeType: NODE_TYPE, numCacheNodes: 1 } }),
    resource("persist_redis_cluster:mem/db", "memorydb", { params: { nodeType: "db.t4g.small'", numShards: "2", numReplicasPerShard: 1 } }),
    resource("pubsub:events.bus", "sns", {
      params: { displayName: DISPLAY_NAME },
      topics: [
        { name: ORDER, publishers: ["Api.v2/main:x"], subscribers: ["svc", "worker_1"] },
        { name: UNI, publishers: ["worker_1"], subscribers: [] },
      ],
    }),
    resource("static_unit:www/site", "s3", { params: { cloudFrontEnabled: true, indexDocument: INDEX, priceClass: "PriceClass_100" }, files: FILES }),
    resource("static_unit:w2", "s3", { params: { cloudFrontEnabled: false }, files: ["index.html"] }),
  ],
  [
    edge(API, "persist_kv:K.V"),
    edge(API, "persist_fs:files/Up_loads"),
    edge(API, "persist_secret:sec:rets"),
    edge(API, "persist_orm:Db.1"),
    edge(API, "persist_redis_node:cache:x"),
    edge(API, "pubsub:events.bus"),
    edge("exec_unit:worker_1", "persist_redis_cluster:mem/db"),
    edge("exec_unit:worker_1", "pubsub:events.bus"),
    edge("exec_unit:svc", "persist_kv:K.V"),
    edge("pubsub:events.bus", "exec_unit:worker_1"),
    edge("pubsub:events.bus", "exec_unit:svc"),
    edge("gateway:gw/1", API),
    edge("gateway:gw/1", "exec_unit:svc"),
    edge("gateway:http.gw", "exec_unit:worker_1"),
  ],
);
const config = configFile(`app: ${APP}\nprovider: aws\nexecution_units:\n  "Api.v2/main:x":\n    environment_variables:\n      LITERAL: ${JSON.stringify(LITERAL)}\n`);
const PASSWORD = 'pa"ss`${w}`\u00f6rd';

let workspace: ProgramWorkspace;
let rendered: RenderResult;
let index = "";
let tscOutput = "";
let inventory: MockInventory;

beforeAll(async () => {
  rendered = await renderInfrastructure({ plan: hostilePlan, templates: readTemplates("aws"), configFile: config });
  index = rendered.files.find((f) => f.path === "index.ts")?.contents ?? "";
  workspace = createWorkspace();
  const dir = workspace.write("hostile", new Map(rendered.files.map((f) => [f.path, f.contents])));
  tscOutput = await typecheckPrograms(workspace, [dir]);
  const key = databaseConfigKey("Db.1", "password");
  inventory = await runUnderMocks(dir, APP, { [key]: PASSWORD }, [key]);
}, 120_000);

afterAll(() => {
  workspace.remove();
});

describe("a plan full of hostile names and values", () => {
  it("renders, reporting only the routes API Gateway cannot write and the ECS subscriber", () => {
    expect(rendered.diagnostics.map((d) => `${d.severity} ${d.code}`).sort()).toEqual([
      ...Array<string>(5).fill("info render/widened-route"),
      "warning render/ecs-subscriber",
    ]);
    expect(rendered.files.map((f) => f.path)).toEqual(["index.ts", "Pulumi.yaml", `Pulumi.${APP}.yaml`, "package.json", "tsconfig.json"]);
  });

  it("gives a program of plain ASCII that type-checks", () => {
    expect(index).toMatch(/^[\x20-\x7e\n]*$/);
    expect(tscOutput).toBe("");
  });

  it("is rendered the same way every time", async () => {
    const again = await renderInfrastructure({ plan: hostilePlan, templates: readTemplates("aws"), configFile: config });
    expect(again.files).toEqual(rendered.files);
  });

  it("names every resource with a strict AWS name, never twice for one type", () => {
    for (const r of inventory.resources) expect(r.name, r.type).toMatch(/^[a-z](?:-{0,2}[a-z0-9])*$/);
    const urns = inventory.resources.map((r) => `${r.type}::${r.name}`);
    expect(new Set(urns).size).toBe(urns.length);
  });

  it("passes parameter values through exactly", () => {
    const [db] = ofType(inventory, "aws:rds/instance:Instance");
    expect(db?.inputs).toMatchObject({ engineVersion: ENGINE, instanceClass: INSTANCE, skipFinalSnapshot: false, password: PASSWORD });
    // Named after the physical name Pulumi gives the subnet group (the mock's `<logical>-0000001`), unique to a stack and a deploy.
    const [subnetGroup] = ofType(inventory, "aws:rds/subnetGroup:SubnetGroup");
    expect(subnetGroup?.name).toMatch(/^db-1-[0-9a-f]{6}$/);
    expect(db?.inputs["finalSnapshotIdentifier"]).toBe(`${subnetGroup?.name ?? ""}-0000001-final`);
    expect(ofType(inventory, "aws:elasticache/cluster:Cluster")[0]?.inputs["nodeType"]).toBe(NODE_TYPE);
    expect(ofType(inventory, "aws:memorydb/cluster:Cluster")[0]?.inputs).toMatchObject({ nodeType: "db.t4g.small'", numShards: 2, numReplicasPerShard: 1 });
    expect(ofType(inventory, "aws:sns/topic:Topic").map((t) => t.inputs["displayName"])).toEqual([DISPLAY_NAME, DISPLAY_NAME]);
    expect(ofType(inventory, "aws:cloudfront/distribution:Distribution")[0]?.inputs["defaultRootObject"]).toBe(INDEX);
    expect(ofType(inventory, "aws:cloudfront/distribution:Distribution")[0]?.inputs["customErrorResponses"]).toMatchObject([{ responsePagePath: `/${INDEX}` }, { responsePagePath: `/${INDEX}` }]);
  });

  it("creates the secrets the runtime reads and the files the site serves, under their exact names", () => {
    expect(ofType(inventory, "aws:secretsmanager/secret:Secret").map((s) => s.inputs["name"]).sort()).toEqual(SECRETS.map((s) => secretName(APP, "dev", "sec:rets", s)).sort());
    const objects = ofType(inventory, "aws:s3/bucketObjectv2:BucketObjectv2").map((o) => [o.inputs["key"], o.inputs["contentType"]]);
    expect(objects).toEqual([
      ["index.html", "text/html; charset=utf-8"],
      [FILES[0], "text/html; charset=utf-8"],
      [FILES[1], "text/css; charset=utf-8"],
      [FILES[2], "text/javascript; charset=utf-8"],
    ]);
    expect(index).toContain(`new pulumi.asset.FileAsset("./www/site/public/\\u00fcn\\u00ef\\u000a.css")`);
  });

  it("wires the units' environments with the runtime's names and the exact literal values", () => {
    const api = environmentOf(functionOf(inventory, "Api.v2/main:x"));
    expect(Object.keys(api).sort()).toEqual(
      [
        "DB_URL",
        "KLOTHO_APP_NAME",
        "KLOTHO_KV_TABLE",
        "KLOTHO_STACK_NAME",
        "LITERAL",
        "REDIS_H",
        envName("fs", "files/Up_loads", "bucket"),
        envName("orm", "Db.1", "connection_string"),
        envName("redis", "cache:x", "host"),
        envName("redis", "cache:x", "port"),
        topicArnEnvName("events.bus", ORDER),
      ].sort(),
    );
    expect(api["LITERAL"]).toBe(LITERAL);
    expect(api["KLOTHO_APP_NAME"]).toBe(APP);
    expect(api["KLOTHO_STACK_NAME"]).toBe("dev");
    expect(api["DB_URL"]).toBe(api[envName("orm", "Db.1", "connection_string")]);
    expect(api["DB_URL"]).toMatch(new RegExp(`^postgresql://klotho:${encodeURIComponent(PASSWORD).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}@`));
    expect(api["REDIS_H"]).toBe(api[envName("redis", "cache:x", "host")]);
    const worker = environmentOf(functionOf(inventory, "worker_1"));
    expect(Object.keys(worker).sort()).toEqual(["KLOTHO_APP_NAME", envName("redis", "mem/db", "host"), envName("redis", "mem/db", "port"), topicArnEnvName("events.bus", ORDER), topicArnEnvName("events.bus", UNI)].sort());
    const svc = taskEnvironmentOf(taskDefinitionOf(inventory, "svc"));
    expect(Object.keys(svc).sort()).toEqual(["KLOTHO_APP_NAME", "KLOTHO_KV_TABLE", "PORT", topicArnEnvName("events.bus", ORDER)].sort());
    expect(svc["PORT"]).toBe("3000");
  });

  it("grants each unit exactly its edges' permissions", () => {
    const api = statementsOfRole(inventory, String(functionOf(inventory, "Api.v2/main:x").inputs["role"]));
    expect(api.map((s) => s.Action[0])).toEqual(["logs:CreateLogStream", "ec2:AssignPrivateIpAddresses", "s3:DeleteObject", "s3:ListBucket", "dynamodb:BatchWriteItem", "secretsmanager:GetSecretValue", "sns:Publish"]);
    expect(api.find((s) => s.Action[0] === "dynamodb:BatchWriteItem")?.Condition).toEqual({ "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["K.V"] } });
    expect(api.find((s) => s.Action[0] === "secretsmanager:GetSecretValue")?.Resource).toHaveLength(3);
    const orderTopic = environmentOf(functionOf(inventory, "Api.v2/main:x"))[topicArnEnvName("events.bus", ORDER)];
    expect(api.find((s) => s.Action[0] === "sns:Publish")?.Resource).toEqual([orderTopic]);
    const worker = statementsOfRole(inventory, String(functionOf(inventory, "worker_1").inputs["role"]));
    expect(worker.find((s) => s.Action[0] === "sns:Publish")?.Resource).toEqual([environmentOf(functionOf(inventory, "worker_1"))[topicArnEnvName("events.bus", UNI)]]);
  });

  it("routes what API Gateway can write as written and widens the rest to the same unit", () => {
    const api = functionOf(inventory, "Api.v2/main:x").name;
    const rest = Object.fromEntries([...restRoutes(inventory)].map(([key, uri]) => [key, uri.includes(`:${api}-0000001/`) ? "api" : uri]));
    expect(rest).toEqual({
      "ANY /svc/{rest+}": "http://svc.elb.amazonaws.com/svc/{rest}",
      "GET /plain/{name}": "api",
      "GET /{proxy+}": "api",
      "HEAD /plain/{name}": "api",
      "HEAD /{proxy+}": "api",
      "POST /{proxy+}": "api",
      "PUT /{proxy+}": "api",
    });
    const worker = functionOf(inventory, "worker_1").name;
    expect([...httpRoutes(inventory)]).toEqual([
      ["ANY /", `arn:aws:lambda:us-east-1:123456789012:${worker}-0000001`],
      ["GET /{proxy+}", `arn:aws:lambda:us-east-1:123456789012:${worker}-0000001`],
      ["HEAD /{proxy+}", `arn:aws:lambda:us-east-1:123456789012:${worker}-0000001`],
    ]);
  });
});

