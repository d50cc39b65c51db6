// Two Lambda units from test/fixtures/runtime/esm-pubsub-worker, compiled by the real CLI: `api`
// (behind the gateway) emits `order.placed` on an exported EventEmitter, which klotho turned into an
// SNS publisher; `worker` has no gateway and only listens. What api publishes (to a fake SNS
// endpoint) is delivered to worker as an SNS event; its listener writes a receipt to DynamoDB
// (dynalite), which api then serves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDynalite, type LocalBackend } from "../helpers/local-backends.js";
import { snsEvent, v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { startFakeSns, type FakeSns } from "./fake-sns.js";
import { compileProject, createKvTable, fixture, jsonOf, LOCAL_AWS, setEnv, v2Result, type CompiledProject } from "./support.js";

const TOPIC_ARN = "arn:aws:sns:eu-west-1:123456789012:shop-orders-order-placed";
let project: CompiledProject;
let dynalite: LocalBackend;
let sns: FakeSns;
let restoreEnv: () => void;

beforeAll(async () => {
  [project, dynalite, sns] = await Promise.all([compileProject(fixture("runtime", "esm-pubsub-worker"), "shop"), startDynalite(), startFakeSns()]);
  restoreEnv = setEnv({
    ...LOCAL_AWS,
    AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    KLOTHO_APP_NAME: "shop",
    KLOTHO_KV_TABLE: "shop-kv",
    KLOTHO_PUBSUB_ORDERS_ORDER_PLACED_ARN: TOPIC_ARN,
  });
  await createKvTable(dynalite.endpoint, "shop-kv");
}, 60_000);

afterAll(async () => {
  restoreEnv();
  await Promise.all([dynalite.stop(), sns.stop()]);
  project.remove();
});

const order = { id: "o-17", items: [{ sku: "harness", price: 25, quantity: 2 }, { sku: "treats", price: 4.5, quantity: 3 }] };

describe("a unit that only subscribes to a topic", () => {
  it("refuses HTTP events: it is not behind a gateway", async () => {
    const worker = project.handler("worker");
    await expect(worker(v2Event({ path: "/receipts/o-17" }))).rejects.toThrow("execution unit not configured to receive webserver payloads");
    await expect(worker(v1Event({ path: "/" }))).rejects.toThrow("execution unit not configured to receive webserver payloads");
  });

  it("receives what the api unit publishes and runs its listener, whose result the api unit serves", async () => {
    const api = project.handler("api");
    expect(v2Result(await api(v2Event({ path: "/receipts/o-17" }))).statusCode).toBe(404);
    const accepted = v2Result(await api(v2Event({ method: "POST", path: "/orders", headers: { "Content-Type": ["application/json"] }, body: JSON.stringify(order) })));
    expect(accepted.statusCode).toBe(202);
    expect(jsonOf(accepted)).toEqual({ accepted: "o-17" });
    // The dispatcher returned only after the publish completed.
    expect(sns.published.map(({ topicArn, message }) => ({ topicArn, message }))).toEqual([{ topicArn: TOPIC_ARN, message: JSON.stringify([order]) }]);
    const { "klotho.container": container, ...attributes } = sns.published[0]?.attributes ?? {};
    expect(attributes).toEqual({ "klotho.emitter": "orders", "klotho.topic": "order.placed", "klotho.unit": "api" });
    expect(container).toMatch(/^[0-9a-f-]{36}$/);

    const delivered = await project.handler("worker")(snsEvent(...sns.published));
    expect(delivered).toEqual({ delivered: 1, skipped: 0 });
    const receipt = v2Result(await api(v2Event({ path: "/receipts/o-17" })));
    expect(receipt.statusCode).toBe(200);
    expect(jsonOf(receipt)).toEqual({ order: "o-17", items: 2, total: 63.5 });
  });

  it("also takes a message from a publisher outside klotho, found by its topic ARN", async () => {
    const other = { id: "o-18", items: [{ sku: "bed", price: 40, quantity: 1 }] };
    expect(await project.handler("worker")(snsEvent({ topicArn: TOPIC_ARN, message: JSON.stringify(other) }))).toEqual({ delivered: 1, skipped: 0 });
    expect(jsonOf(v2Result(await project.handler("api")(v2Event({ path: "/receipts/o-18" }))))).toEqual({ order: "o-18", items: 1, total: 40 });
  });
});
