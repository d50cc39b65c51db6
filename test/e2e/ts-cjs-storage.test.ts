// A TypeScript app emitted as CommonJS (test/fixtures/runtime/ts-cjs-storage), compiled by the real
// CLI: its persisted `fs/promises` import stores files in S3 (s3rver) and its persisted Map keeps
// sessions in DynamoDB (dynalite) that expire after `ttl: 60`, which klotho.yaml sets over the
// annotation's `ttl = 3600`. The tests look at the stored objects and items themselves, not only
// at what the app answers.
import { GetItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynalite, startS3rver, type LocalBackend } from "../helpers/local-backends.js";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { bytesOf, compileProject, createKvTable, dynamoClient, fixture, jsonOf, LOCAL_AWS, setEnv, v1Result, v2Result, type CompiledProject } from "./support.js";

const BUCKET = "drive-uploads";
const TABLE = "drive-kv";
let project: CompiledProject;
let dynalite: LocalBackend;
let s3rver: LocalBackend;
let restoreEnv: () => void;

beforeAll(async () => {
  [project, dynalite, s3rver] = await Promise.all([compileProject(fixture("runtime", "ts-cjs-storage"), "drive"), startDynalite(), startS3rver([BUCKET])]);
  restoreEnv = setEnv({
    ...LOCAL_AWS,
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_ENDPOINT_URL_S3: s3rver.endpoint,
    KLOTHO_APP_NAME: "drive",
    KLOTHO_KV_TABLE: TABLE,
    KLOTHO_FS_UPLOADS_BUCKET: BUCKET,
  });
  await createKvTable(dynalite.endpoint, TABLE);
}, 60_000);

afterAll(async () => {
  restoreEnv();
  await Promise.all([dynalite.stop(), s3rver.stop()]);
  project.remove();
});

function s3(): S3Client {
  return new S3Client({ endpoint: s3rver.endpoint, forcePathStyle: true, region: LOCAL_AWS.AWS_REGION, credentials: { accessKeyId: LOCAL_AWS.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS.AWS_SECRET_ACCESS_KEY } });
}

const REPORT = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff])]);

describe("files in S3 through the compiled fs import", () => {
  it("stores an uploaded file as the object at its path, and serves it back", async () => {
    const handler = project.handler("main");
    const put = v1Result(await handler(v1Event({ method: "PUT", path: "/files/report.pdf", headers: { "Content-Type": ["application/pdf"] }, body: REPORT })));
    expect(put.statusCode).toBe(204);
    const client = s3();
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "uploads/report.pdf" }));
    expect(Buffer.from((await object.Body?.transformToByteArray()) ?? [])).toEqual(REPORT);
    client.destroy();
    expect(bytesOf(v2Result(await handler(v2Event({ path: "/files/report.pdf" }))))).toEqual(REPORT);
  });

  it("lists and reads objects written to the bucket by someone else, and deletes them", async () => {
    const client = s3();
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: "uploads/notes.txt", Body: "from the console" }));
    client.destroy();
    const handler = project.handler("main");
    expect(jsonOf(v2Result(await handler(v2Event({ path: "/files" }))))).toEqual(["notes.txt", "report.pdf"]);
    expect(bytesOf(v1Result(await handler(v1Event({ path: "/files/notes.txt" }))))).toEqual(Buffer.from("from the console"));
    expect(v1Result(await handler(v1Event({ method: "DELETE", path: "/files/notes.txt" }))).statusCode).toBe(204);
    expect(jsonOf(v2Result(await handler(v2Event({ path: "/files" }))))).toEqual(["report.pdf"]);
  });

  it("answers 404 for a missing file: the app sees fs's ENOENT", async () => {
    const missing = v2Result(await project.handler("main")(v2Event({ path: "/files/nope.txt" })));
    expect(missing.statusCode).toBe(404);
    expect(jsonOf(missing)).toEqual({ error: "ENOENT" });
  });
});

describe("sessions in DynamoDB with a ttl", () => {
  it("writes each session with an expiry klotho.yaml's `ttl` seconds ahead, and reads it back until then", async () => {
    const handler = project.handler("main");
    const before = Math.floor(Date.now() / 1000);
    const created = v2Result(await handler(v2Event({ method: "POST", path: "/sessions", headers: { "Content-Type": ["application/json"] }, body: JSON.stringify({ user: "ana" }) })));
    expect(created.statusCode).toBe(201);
    const id = sessionId(jsonOf(created));
    const item = await sessionItem(id);
    expect(JSON.parse(item.value ?? "null")).toMatchObject({ user: "ana" });
    expect(Number(item.expiresAt)).toBeGreaterThanOrEqual(before + 60);
    expect(Number(item.expiresAt)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    expect(jsonOf(v1Result(await handler(v1Event({ path: `/sessions/${id}` }))))).toMatchObject({ user: "ana" });
  });

  it("treats a session past its expiry as gone, before DynamoDB deletes it", async () => {
    const handler = project.handler("main");
    const created = v1Result(await handler(v1Event({ method: "POST", path: "/sessions", headers: { "Content-Type": ["application/json"] }, body: JSON.stringify({ user: "bo" }) })));
    const id = sessionId(jsonOf(created));
    const client = dynamoClient(dynalite.endpoint);
    await client.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { pk: { S: "sessions" }, sk: { S: `s:${id}` } },
        UpdateExpression: "SET expiresAt = :past",
        ExpressionAttributeValues: { ":past": { N: String(Math.floor(Date.now() / 1000) - 1) } },
      }),
    );
    client.destroy();
    const expired = v2Result(await handler(v2Event({ path: `/sessions/${id}` })));
    expect(expired.statusCode).toBe(404);
    expect(jsonOf(expired)).toEqual({ error: "unknown or expired session" });
  });
});

/** The DynamoDB item behind session `id` of the `sessions` map: its JSON value and expiry. */
async function sessionItem(id: string): Promise<{ value?: string; expiresAt?: string }> {
  const client = dynamoClient(dynalite.endpoint);
  const { Item } = await client.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: "sessions" }, sk: { S: `s:${id}` } } }));
  client.destroy();
  expect(Item).toBeDefined();
  return { ...(Item?.["value"]?.S === undefined ? {} : { value: Item["value"].S }), ...(Item?.["expiresAt"]?.N === undefined ? {} : { expiresAt: Item["expiresAt"].N }) };
}

/** The id in the answer to `POST /sessions`. */
function sessionId(body: unknown): string {
  if (typeof body === "object" && body !== null && "id" in body && typeof body.id === "string") return body.id;
  throw new Error(`expected { id }, got ${JSON.stringify(body)}`);
}
