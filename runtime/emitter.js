// @ts-check
"use strict";
/**
 * The pubsub runtime: an EventEmitter whose `emit` also publishes to SNS, and `deliver` which the
 * dispatcher uses to re-emit a received SNS record on the unit's own emitter. Listeners in the
 * publishing unit run in-process, once: records this unit published are skipped when they come back.
 */
const { randomUUID } = require("node:crypto");
const { EventEmitter } = require("node:events");
const { encodeArguments } = require("./emitter-payload.js");
const { requireEnv, topicArnEnvName } = require("./env-names.js");
const { unitConfigIfPresent } = require("./unit-config.js");

/**
 * @typedef {object} SnsRecord one entry of a Lambda SNS event's `Records`
 * @property {"aws:sns"} EventSource
 * @property {{ TopicArn?: string, Message?: string, MessageAttributes?: Record<string, { Type?: string, Value?: string }> }} Sns
 */
/** @import { PublishCommand as PublishCommandType } from "@aws-sdk/client-sns" */
/** @typedef {{ send(command: PublishCommandType): Promise<unknown> }} PublishClient */

/** Identifies this container in the messages it publishes. */
const CONTAINER_ID = randomUUID();
const ATTRIBUTE = { emitter: "klotho.emitter", topic: "klotho.topic", unit: "klotho.unit", container: "klotho.container" };
/** EventEmitter's own events; they never go to SNS. */
const LOCAL_ONLY = new Set(["newListener", "removeListener", "error"]);
const MAX_KEPT_FAILURES = 100;

/** @type {Map<string, KlothoEmitter>} */
const emitters = new Map();
/** @type {Set<Promise<void>>} */
const pending = new Set();
/** @type {unknown[]} */
const failures = [];
/** @type {PublishClient | undefined} */
let defaultClient;

/** An EventEmitter that also publishes its configured topics to SNS. */
class KlothoEmitter extends EventEmitter {
  /** @type {Set<string>} */
  #topics;
  /** @type {PublishClient | undefined} */
  #client;
  /** @type {Set<string>} */
  #warned = new Set();

  /**
   * @param {{ id: string, topics?: readonly string[] }} options the emitter's annotation id and the topics klotho found
   * @param {{ client?: PublishClient }} [dependencies] an SNS client (tests inject one)
   */
  constructor(options, dependencies = {}) {
    super();
    /** @readonly */
    this.id = options.id;
    this.#topics = new Set(options.topics ?? []);
    this.#client = dependencies.client;
  }

  /** The topics klotho found for this emitter; each has an SNS topic. */
  get topics() {
    return [...this.#topics];
  }

  /**
   * Calls the local listeners like EventEmitter#emit, and publishes configured topics to SNS
   * (the publish completes in the background; the dispatcher awaits it before returning). The
   * arguments of a published topic travel as JSON: one JSON would not keep (a Map, a Set, a BigInt,
   * a circular structure) throws here, before any listener runs (`encodeArguments`).
   * @override
   * @param {string | symbol} topic
   * @param {...unknown} args
   * @returns {boolean}
   */
  emit(topic, ...args) {
    const message = typeof topic === "string" && this.#topics.has(topic) ? encodeArguments(this.id, topic, args) : undefined;
    const delivered = super.emit(topic, ...args);
    if (typeof topic === "string" && message !== undefined) track(this.#publish(topic, message));
    else if (typeof topic === "string" && !LOCAL_ONLY.has(topic) && !this.#warned.has(topic)) {
      this.#warned.add(topic);
      process.emitWarning(`klotho: emitter '${this.id}' has no SNS topic for '${topic}' (klotho did not find it in the code); it is delivered in this process only`);
    }
    return delivered;
  }

  /**
   * Runs the listeners of `topic` with `args` and waits for the promises they return; throws what they throw.
   * @param {string} topic
   * @param {unknown[]} args
   */
  async receive(topic, args) {
    const errors = [];
    for (const listener of this.rawListeners(topic)) {
      try {
        await Reflect.apply(listener, this, args);
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, `klotho: ${errors.length} listeners of '${topic}' on emitter '${this.id}' failed`);
  }

  /**
   * @param {string} topic
   * @param {string} message the arguments as a JSON array
   */
  async #publish(topic, message) {
    const topicArn = requireEnv(topicArnEnvName(this.id, topic), `the ARN of the SNS topic for '${topic}' of emitter '${this.id}'`);
    const unit = unitConfigIfPresent()?.unit;
    const attributes = {
      [ATTRIBUTE.emitter]: stringAttribute(this.id),
      [ATTRIBUTE.topic]: stringAttribute(topic),
      [ATTRIBUTE.container]: stringAttribute(CONTAINER_ID),
      ...(unit === undefined ? {} : { [ATTRIBUTE.unit]: stringAttribute(unit) }),
    };
    // Required here, not at the top: units that only receive (or have no pubsub) do not need the SNS client.
    const { SNSClient, PublishCommand } = require("@aws-sdk/client-sns");
    const client = this.#client ?? (defaultClient ??= new SNSClient({}));
    try {
      await client.send(new PublishCommand({ TopicArn: topicArn, Message: message, MessageAttributes: attributes }));
    } catch (error) {
      throw new Error(`klotho: publishing '${topic}' of emitter '${this.id}' to ${topicArn} failed: ${messageOf(error)}`, { cause: error });
    }
  }
}

/**
 * Creates the emitter for a `@klotho::pubsub` annotation; the dispatcher delivers its SNS records to it.
 * @param {{ id: string, topics?: readonly string[] }} options
 * @param {{ client?: PublishClient }} [dependencies]
 * @returns {KlothoEmitter}
 */
function createEmitter(options, dependencies) {
  const emitter = new KlothoEmitter(options, dependencies);
  emitters.set(options.id, emitter);
  return emitter;
}

/** The EventEmitter methods that register a listener. */
const LISTENING = new Set(["on", "once", "addListener", "prependListener", "prependOnceListener"]);

/**
 * The emitter as the listeners of a file see it in a unit that carries the file but does not hear
 * them: unit `unit` does, when the topic delivers the event there, so registering them here too would
 * run each event's listener twice. The compiler wraps the emitter of each such call; registering does
 * nothing and returns the wrapper (so calls chain), everything else is the emitter's.
 * @template T
 * @param {T} emitter
 * @param {string} unit the unit that hears the listeners (named in the compiled code for its reader)
 * @returns {T}
 */
function heardIn(emitter, unit) {
  if (typeof emitter !== "object" || emitter === null) return emitter;
  /** @type {T} */
  const wrapper = new Proxy(emitter, {
    get(target, property) {
      if (typeof property === "string" && LISTENING.has(property)) return () => wrapper;
      if (property === HEARD_IN) return unit;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return wrapper;
}

/** What `heardIn`'s wrapper answers with the unit that hears its listeners (for tests and debugging). */
const HEARD_IN = Symbol("klotho.heardIn");

/**
 * Re-emits one received SNS record on this unit's emitter, unless this unit published it (its
 * listeners already ran in-process).
 * @param {SnsRecord} record
 * @returns {Promise<"delivered" | "skipped">}
 */
async function deliver(record) {
  const sns = record.Sns;
  /** @param {string} name */
  const attribute = (name) => sns.MessageAttributes?.[name]?.Value;
  const publisherUnit = attribute(ATTRIBUTE.unit);
  const ownUnit = unitConfigIfPresent()?.unit;
  if (attribute(ATTRIBUTE.container) === CONTAINER_ID || (publisherUnit !== undefined && publisherUnit === ownUnit)) return "skipped";
  const { emitter, topic } = findTarget(sns.TopicArn, attribute(ATTRIBUTE.emitter), attribute(ATTRIBUTE.topic));
  // No listener: a `once` that already ran in this container, or one in a file the unit never loaded.
  if (emitter.listenerCount(topic) === 0) process.emitWarning(`klotho: a message for '${topic}' of emitter '${emitter.id}' reached no listener in this unit`);
  await emitter.receive(topic, messageArgs(sns.Message, attribute(ATTRIBUTE.emitter) !== undefined));
  return "delivered";
}

/**
 * The local emitter and topic a record is for: from klotho's message attributes, else from the topic ARN.
 * @param {string | undefined} topicArn
 * @param {string | undefined} emitterId
 * @param {string | undefined} topic
 * @returns {{ emitter: KlothoEmitter, topic: string }}
 */
function findTarget(topicArn, emitterId, topic) {
  if (emitterId !== undefined && topic !== undefined) {
    const emitter = emitters.get(emitterId);
    if (emitter) return { emitter, topic };
    throw new Error(
      `klotho: an SNS message for emitter '${emitterId}' (topic '${topic}') arrived, but this unit created no emitter '${emitterId}'; ` +
        "check that the unit's entrypoint imports the file that declares it",
    );
  }
  for (const emitter of emitters.values()) {
    for (const candidate of emitter.topics) {
      if (process.env[topicArnEnvName(emitter.id, candidate)] === topicArn) return { emitter, topic: candidate };
    }
  }
  throw new Error(`klotho: an SNS message from ${topicArn ?? "an unknown topic"} arrived, but no emitter of this unit listens to that topic`);
}

/**
 * The listener arguments in a message: klotho publishes a JSON array; other publishers' messages are one argument.
 * @param {string | undefined} message
 * @param {boolean} fromKlotho
 * @returns {unknown[]}
 */
function messageArgs(message, fromKlotho) {
  if (message === undefined) return [];
  /** @type {unknown} */
  let parsed;
  try {
    parsed = JSON.parse(message);
  } catch (error) {
    if (fromKlotho) throw new Error("klotho: an SNS message published by klotho is not valid JSON", { cause: error });
    return [message];
  }
  return fromKlotho && Array.isArray(parsed) ? parsed : [parsed];
}

/** @param {Promise<void>} publish */
function track(publish) {
  const settled = publish.catch((/** @type {unknown} */ error) => {
    failures.push(error);
    if (failures.length > MAX_KEPT_FAILURES) failures.shift();
    process.emitWarning(messageOf(error));
  });
  pending.add(settled);
  void settled.finally(() => pending.delete(settled));
}

/** Waits for every publish started so far; throws the failures since the last flush. */
async function flushPublishes() {
  while (pending.size > 0) await Promise.all([...pending]);
  const errors = failures.splice(0);
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `klotho: ${errors.length} publishes to SNS failed`);
}

/** @param {string} value @returns {{ DataType: "String", StringValue: string }} an SNS message attribute */
function stringAttribute(value) {
  return { DataType: "String", StringValue: value };
}

/** @param {unknown} error */
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

module.exports = { createEmitter, deliver, flushPublishes, heardIn, HEARD_IN, KlothoEmitter, CONTAINER_ID };
