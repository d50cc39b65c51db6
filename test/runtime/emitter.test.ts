// The pubsub runtime with a fake SNS client injected: what emit publishes, exactly-once delivery in the
// publishing container, and re-emitting received records on the local emitter.
import type { PublishCommand } from "@aws-sdk/client-sns";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { snsEvent } from "./api-gateway-events.js";
import { requireRuntime } from "./runtime-modules.js";

const { createEmitter, deliver, flushPublishes, heardIn, HEARD_IN, CONTAINER_ID } = requireRuntime("emitter.js");
const ARN = "arn:aws:sns:eu-west-1:123456789012:pugs-orders-placed";

type PublishInput = PublishCommand["input"];
type SnsRecord = Parameters<typeof deliver>[0];

/** Records what is published; fails when `failWith` is set. */
class FakeSns {
  readonly published: PublishInput[] = [];
  failWith: Error | undefined;
  send(command: PublishCommand): Promise<unknown> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.published.push(command.input);
    return Promise.resolve({ MessageId: String(this.published.length) });
  }
}

/** The SNS record a Lambda subscribed to the topic would receive for `input`. */
function recordFor(input: PublishInput, attributeOverrides: Record<string, string> = {}): SnsRecord {
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.MessageAttributes ?? {})) attributes[name] = value.StringValue ?? "";
  const event = snsEvent({ topicArn: input.TopicArn ?? "", message: input.Message ?? "", attributes: { ...attributes, ...attributeOverrides } });
  const records = event["Records"];
  if (!Array.isArray(records)) throw new Error("snsEvent made no records");
  const [record] = records as SnsRecord[];
  if (record === undefined) throw new Error("snsEvent made no records");
  return record;
}

const warnings: string[] = [];
beforeAll(() => {
  process.env["KLOTHO_PUBSUB_ORDERS_PLACED_ARN"] = ARN;
  process.on("warning", (warning) => warnings.push(warning.message));
});
afterEach(() => {
  warnings.length = 0;
});

describe("emit", () => {
  it("runs local listeners at once and publishes the arguments as JSON with klotho's attributes", async () => {
    const sns = new FakeSns();
    const orders = createEmitter({ id: "orders", topics: ["placed"] }, { client: sns });
    const heard: unknown[][] = [];
    orders.on("placed", (...args: unknown[]) => heard.push(args));
    expect(orders.emit("placed", { id: 1 }, "rex")).toBe(true);
    expect(heard).toEqual([[{ id: 1 }, "rex"]]);
    await flushPublishes();
    expect(sns.published).toEqual([{
      TopicArn: ARN,
      Message: '[{"id":1},"rex"]',
      MessageAttributes: {
        "klotho.emitter": { DataType: "String", StringValue: "orders" },
        "klotho.topic": { DataType: "String", StringValue: "placed" },
        "klotho.container": { DataType: "String", StringValue: CONTAINER_ID },
      },
    }]);
  });

  it("refuses at the emit, before any listener runs, arguments JSON would lose or cannot write", async () => {
    const sns = new FakeSns();
    const orders = createEmitter({ id: "orders", topics: ["placed"] }, { client: sns });
    const heard: unknown[][] = [];
    orders.on("placed", (...args: unknown[]) => heard.push(args));
    const circular: Record<string, unknown> = { id: 1 };
    circular["self"] = circular;
    const travel = "payloads travel to other units as JSON";
    expect(() => orders.emit("placed", new Map([["a", 1]]))).toThrow(
      `klotho pubsub: emitter 'orders': emit('placed') cannot publish argument 1, a Map: ${travel}, which keeps none of its entries; send Object.fromEntries(map) or [...map] instead`,
    );
    expect(() => orders.emit("placed", 1, { tags: new Set(["x"]) })).toThrow(
      `emit('placed') cannot publish argument 2, a Set (at property "tags"): ${travel}, which keeps none of its entries; send [...set] instead`,
    );
    expect(() => orders.emit("placed", { total: 10n })).toThrow(
      `emit('placed') cannot publish argument 1, a BigInt (at property "total"): ${travel}, which has no BigInt; send String(value) instead`,
    );
    expect(() => orders.emit("placed", circular)).toThrow(
      `klotho pubsub: emitter 'orders': emit('placed') cannot publish argument 1: ${travel}, which cannot write it (Converting circular structure to JSON`,
    );
    expect(heard).toEqual([]);
    await flushPublishes();
    expect(sns.published).toEqual([]);
  });

  it("publishes an Error as { name, message } with its own enumerable properties; listeners in the process get the Error", async () => {
    const sns = new FakeSns();
    const jobs = createEmitter({ id: "orders", topics: ["placed"] }, { client: sns });
    const heard: unknown[] = [];
    jobs.on("placed", (id: unknown, error: unknown) => heard.push(id, error));
    const failure = Object.assign(new RangeError("too many pugs"), { code: "E_PUGS" });
    jobs.emit("placed", 7, failure, undefined);
    expect(heard).toEqual([7, failure]);
    await flushPublishes();
    expect(sns.published.map((input) => input.Message)).toEqual(['[7,{"name":"RangeError","message":"too many pugs","code":"E_PUGS"},null]']);
    // A topic that stays in the process is not checked: its listeners get the values themselves.
    expect(() => jobs.emit("local-only", new Map())).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([expect.stringContaining("has no SNS topic for 'local-only'")]);
  });

  it("keeps EventEmitter's own events and unknown topics in the process, warning once per unknown topic", async () => {
    const sns = new FakeSns();
    const orders = createEmitter({ id: "orders", topics: ["placed"] }, { client: sns });
    orders.on("newListener", () => undefined);
    orders.on("shipped", () => undefined);
    orders.emit("shipped");
    orders.emit("shipped");
    await flushPublishes();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sns.published).toEqual([]);
    expect(warnings).toEqual(["klotho: emitter 'orders' has no SNS topic for 'shipped' (klotho did not find it in the code); it is delivered in this process only"]);
  });

  it("surfaces failed publishes at the next flush, and as a process warning", async () => {
    const sns = new FakeSns();
    sns.failWith = new Error("AuthorizationError: not allowed to publish");
    const orders = createEmitter({ id: "orders", topics: ["placed"] }, { client: sns });
    orders.emit("placed", 1);
    await expect(flushPublishes()).rejects.toThrow(`klotho: publishing 'placed' of emitter 'orders' to ${ARN} failed: AuthorizationError: not allowed to publish`);
    await expect(flushPublishes()).resolves.toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([expect.stringContaining("not allowed to publish")]);
  });

  it("fails the publish when the topic's ARN is not in the environment", async () => {
    const orders = createEmitter({ id: "orders", topics: ["cancelled"] }, { client: new FakeSns() });
    orders.emit("cancelled");
    await expect(flushPublishes()).rejects.toThrow("environment variable KLOTHO_PUBSUB_ORDERS_CANCELLED_ARN is not set");
  });
});

describe("deliver", () => {
  it("skips records this container published (their listeners already ran) and delivers others once", async () => {
    const sns = new FakeSns();
    const orders = createEmitter({ id: "orders", topics: ["placed"] }, { client: sns });
    const heard: unknown[][] = [];
    orders.on("placed", (...args: unknown[]) => heard.push(args));
    orders.emit("placed", { id: 2 });
    await flushPublishes();
    const [published] = sns.published;
    expect(published).toBeDefined();
    expect(await deliver(recordFor(published!))).toBe("skipped");
    expect(heard).toEqual([[{ id: 2 }]]);
    expect(await deliver(recordFor(published!, { "klotho.container": "another-container" }))).toBe("delivered");
    expect(heard).toEqual([[{ id: 2 }], [{ id: 2 }]]);
  });

  it("waits for async listeners, runs once-listeners once, and throws what listeners throw", async () => {
    const orders = createEmitter({ id: "orders", topics: ["placed"] }, { client: new FakeSns() });
    const done: string[] = [];
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- deliver awaits what listeners return; that is what this tests
    orders.once("placed", async (order: unknown) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      done.push(`once ${JSON.stringify(order)}`);
    });
    const record = recordFor({ TopicArn: ARN, Message: "[7]" }, { "klotho.emitter": "orders", "klotho.topic": "placed", "klotho.container": "other" });
    await deliver(record);
    expect(done).toEqual(["once 7"]);
    await deliver(record);
    expect(done).toEqual(["once 7"]);
    // The second record reached no listener (the once already ran): a warning says so.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toContain("klotho: a message for 'placed' of emitter 'orders' reached no listener in this unit");
    orders.on("placed", () => {
      throw new Error("listener broke");
    });
    await expect(deliver(record)).rejects.toThrow("listener broke");
  });

  it("delivers messages other publishers sent to the topic as one argument", async () => {
    const orders = createEmitter({ id: "orders", topics: ["placed"] }, { client: new FakeSns() });
    const heard: unknown[][] = [];
    orders.on("placed", (...args: unknown[]) => heard.push(args));
    await deliver(recordFor({ TopicArn: ARN, Message: '{"id":9}' }));
    await deliver(recordFor({ TopicArn: ARN, Message: "plain text" }));
    expect(heard).toEqual([[{ id: 9 }], ["plain text"]]);
  });

  it("names what is missing when a record matches no emitter", async () => {
    await expect(deliver(recordFor({ TopicArn: "arn:aws:sns:eu-west-1:123456789012:elsewhere", Message: "{}" }))).rejects.toThrow(
      "an SNS message from arn:aws:sns:eu-west-1:123456789012:elsewhere arrived, but no emitter of this unit listens to that topic",
    );
  });
});

describe("heardIn: the emitter as listeners another unit hears see it", () => {
  it("registers no listener, chains, and leaves emitting and everything else to the emitter", () => {
    const emitter = createEmitter({ id: "heard", topics: [] });
    const seen: string[] = [];
    const wrapper = heardIn(emitter, "main");
    const chained = wrapper.on("x", () => seen.push("on")).once("x", () => seen.push("once")).prependListener("x", () => seen.push("prepend"));
    expect(chained).toBe(wrapper);
    wrapper.addListener("x", () => seen.push("add")).prependOnceListener("x", () => seen.push("prepend once"));
    expect(emitter.listenerCount("x")).toBe(0);
    emitter.on("x", () => seen.push("own"));
    expect(wrapper.listenerCount("x")).toBe(1);
    expect(wrapper.emit("x")).toBe(true);
    expect(seen).toEqual(["own"]);
    expect(wrapper.id).toBe("heard");
    expect((wrapper as unknown as Record<symbol, unknown>)[HEARD_IN]).toBe("main");
  });

  it("passes a missing emitter through, so optional calls stay optional", () => {
    expect(heardIn<unknown>(undefined, "main")).toBeUndefined();
    expect(heardIn(null, "main")).toBeNull();
  });
});
