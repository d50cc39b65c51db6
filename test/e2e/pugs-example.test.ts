// The product's promise, end to end: `klotho examples/pugs` compiles the pug-adoption app into two
// unit folders, and each folder's dispatcher answers real API Gateway events through the user's
// Express code, storing pugs in DynamoDB (dynalite) and adoptions in Redis (redis-server).
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynalite, startRedisServer, type LocalBackend } from "../helpers/local-backends.js";
import { runCli } from "../helpers/run-cli.js";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { requireRuntime } from "../runtime/runtime-modules.js";

const REPO = path.resolve(import.meta.dirname, "..", "..");
// Under the repository, so the units resolve express and redis from its node_modules (no npm install in tests).
const workspace = mkdtempSync(path.join(REPO, ".tmp-e2e-"));
const compiled = path.join(workspace, "compiled");
const TABLE = "pugs-kv";
let dynalite: LocalBackend;
let redis: LocalBackend;

beforeAll(async () => {
  const result = await runCli([path.join(REPO, "examples", "pugs"), "--app", "pugs", "--provider", "aws", "-o", compiled], { cwd: workspace });
  expect(result.code, result.stderr).toBe(0);
  [dynalite, redis] = await Promise.all([startDynalite(), startRedisServer()]);
  Object.assign(process.env, {
    AWS_REGION: "eu-west-1",
    AWS_ACCESS_KEY_ID: "local",
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_ENDPOINT_URL: dynalite.endpoint,
    KLOTHO_APP_NAME: "pugs",
    KLOTHO_KV_TABLE: TABLE,
    KLOTHO_REDIS_CACHE_HOST: "127.0.0.1",
    KLOTHO_REDIS_CACHE_PORT: String(redis.port),
  });
  const client = new DynamoDBClient({ endpoint: dynalite.endpoint, region: "eu-west-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } });
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
      KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
    }),
  );
  client.destroy();
}, 60_000);

afterAll(async () => {
  await Promise.all([dynalite.stop(), redis.stop()]);
  rmSync(workspace, { recursive: true, force: true });
});

function dispatcher(unit: string) {
  return requireRuntime("dispatcher.js", path.join(compiled, unit, "klotho_runtime"));
}

function jsonBody(result: unknown): unknown {
  const body = (result as { body?: string }).body ?? "";
  return JSON.parse(body);
}

describe("the compiled pug-adoption example", () => {
  it("stores a pug with POST /pugs (REST event) and reads it back with GET /pugs/:name (HTTP API event)", async () => {
    const { handler } = dispatcher("pugs");
    const created = await handler(v1Event({ method: "POST", path: "/pugs", headers: { "Content-Type": ["application/json"] }, body: JSON.stringify({ name: "bruno", age: 3 }) }), {});
    expect(created).toMatchObject({ statusCode: 201 });
    expect(jsonBody(created)).toEqual({ name: "bruno" });
    const read = await handler(v2Event({ method: "GET", path: "/pugs/bruno" }), {});
    expect(read).toMatchObject({ statusCode: 200 });
    expect(jsonBody(read)).toMatchObject({ name: "bruno", age: 3 });
    const missing = await handler(v2Event({ method: "GET", path: "/pugs/rex" }), {});
    expect(missing).toMatchObject({ statusCode: 404 });
  });

  it("answers HEAD on a GET route (the method the gateway declares beside it) with the GET's status and headers, no body", async () => {
    const { handler } = dispatcher("pugs");
    const get = (await handler(v1Event({ method: "GET", path: "/pugs/bruno" }), {})) as { statusCode: number; multiValueHeaders?: Record<string, string[]>; body?: string };
    const head = (await handler(v1Event({ method: "HEAD", path: "/pugs/bruno" }), {})) as typeof get;
    expect([head.statusCode, head.body ?? ""]).toEqual([200, ""]);
    const headers = (result: typeof get) => ({ type: result.multiValueHeaders?.["content-type"], length: result.multiValueHeaders?.["content-length"] });
    expect(headers(get)).toEqual({ type: ["application/json; charset=utf-8"], length: [String(get.body?.length)] });
    expect(headers(head)).toEqual(headers(get));
  });

  it("requests and approves an adoption through the adopt unit, backed by Redis", async () => {
    const { handler } = dispatcher("adopt");
    const requested = await handler(v1Event({ method: "POST", path: "/adoptions/bruno", headers: { "Content-Type": ["application/json"] }, body: JSON.stringify({ adopter: "ana" }) }), {});
    expect(requested).toMatchObject({ statusCode: 202 });
    expect(jsonBody(await handler(v2Event({ method: "GET", path: "/adoptions/bruno" }), {}))).toEqual({ name: "bruno", status: "requested" });
    await handler(v1Event({ method: "POST", path: "/adoptions/bruno/approve" }), {});
    expect(jsonBody(await handler(v1Event({ method: "GET", path: "/adoptions/bruno" }), {}))).toEqual({ name: "bruno", status: "approved" });
  });

  it("serves only its own routes in each unit: the pugs unit does not load the adopt router", async () => {
    const { handler } = dispatcher("pugs");
    const foreign = await handler(v1Event({ method: "GET", path: "/adoptions/bruno" }), {});
    expect(foreign).toMatchObject({ statusCode: 404 });
  });
});
