import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface EmitterCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  readonly expected: readonly string[];
}

const ESM: ProgramOptions = { packageJson: { type: "module" } };

/** How an emitter is created and exported, in every module style. */
const creations: EmitterCase[] = [
  {
    name: "CommonJS: a named EventEmitter from require, exported in an object",
    files: { "bus.js": lines(`const { EventEmitter } = require("events");`, "const bus = new EventEmitter();", "module.exports = { bus };") },
    expected: ["emitter bus.js:2 bus", "emitter_export bus.js:2 bus.js:2 as bus from bus.js"],
  },
  {
    name: "CommonJS: the events module itself is the class, node: prefix, exports.x =",
    files: { "bus.js": lines(`const EventEmitter = require("node:events");`, "const bus = new EventEmitter();", "exports.bus = bus;") },
    expected: ["emitter bus.js:2 bus", "emitter_export bus.js:2 bus.js:2 as bus from bus.js"],
  },
  {
    name: "CommonJS: require(\"events\").EventEmitter inline, module.exports = the emitter",
    files: { "bus.js": lines(`const bus = new (require("events").EventEmitter)();`, "module.exports = bus;") },
    expected: ["emitter bus.js:1 bus", "emitter_export bus.js:1 bus.js:1 as module.exports from bus.js"],
  },
  {
    name: "CommonJS: the class's own EventEmitter property (Node's EventEmitter.EventEmitter is the class)",
    files: { "bus.js": lines(`const { EventEmitter } = require("events");`, "const bus = new EventEmitter.EventEmitter();", "module.exports = { bus };") },
    expected: ["emitter bus.js:2 bus", "emitter_export bus.js:2 bus.js:2 as bus from bus.js"],
  },
  {
    name: "ESM: export const with a named import from node:events",
    files: { "bus.mjs": lines(`import { EventEmitter } from "node:events";`, "export const bus = new EventEmitter();") },
    expected: ["emitter bus.mjs:2 bus", "emitter_export bus.mjs:2 bus.mjs:2 as bus from bus.mjs"],
  },
  {
    name: "ESM: a default import, and the re-export of a local under another name",
    files: { "bus.js": lines(`import EventEmitter from "events";`, "const bus = new EventEmitter();", "export { bus as events };") },
    options: ESM,
    expected: ["emitter bus.js:2 bus", "emitter_export bus.js:2 bus.js:2 as events from bus.js"],
  },
  {
    name: "ESM: a namespace import, a default export of an object holding the emitter",
    files: { "bus.mjs": lines(`import * as events from "events";`, "const bus = new events.EventEmitter();", "export default { bus };") },
    expected: ["emitter bus.mjs:2 bus", "emitter_export bus.mjs:2 bus.mjs:2 as default.bus from bus.mjs"],
  },
  {
    name: "TypeScript: import = require and export const with a type annotation",
    files: { "bus.ts": lines(`import events = require("events");`, "export const bus: events.EventEmitter = new events.EventEmitter();") },
    expected: ["emitter bus.ts:2 bus", "emitter_export bus.ts:2 bus.ts:2 as bus from bus.ts"],
  },
  {
    name: "TypeScript compiled to CommonJS: __importDefault and an exports property",
    files: {
      "bus.js": lines(
        `"use strict";`,
        `Object.defineProperty(exports, "__esModule", { value: true });`,
        `const events_1 = __importDefault(require("events"));`,
        "exports.bus = new events_1.default();",
      ),
    },
    expected: ["emitter bus.js:4 bus", "emitter_export bus.js:4 bus.js:4 as bus from bus.js"],
  },
  {
    name: "a module that does not export its emitter",
    files: { "local.js": lines(`const { EventEmitter } = require("events");`, "const bus = new EventEmitter();", `bus.on("tick", () => {});`) },
    expected: ["emitter local.js:2 bus", `emitter_event local.js:3 subscribe on "tick" on local.js:2`],
  },
  {
    name: "a local class named EventEmitter is not Node's",
    files: { "x.js": lines("class EventEmitter {}", "const bus = new EventEmitter();", "module.exports = { bus };", `bus.emit("a");`) },
    expected: [],
  },
];

/** Events emitted and listened to, in files that import the emitter in every style. */
const uses: EmitterCase[] = [
  {
    name: "CommonJS destructuring and property access, emit and every way to listen",
    files: {
      "bus.js": lines(`const { EventEmitter } = require("events");`, "module.exports = { bus: new EventEmitter() };"),
      "a.js": lines(`const { bus } = require("./bus");`, `bus.emit("order.created", { id: 1 });`),
      "b.js": lines(
        `const events = require("./bus");`,
        `events.bus.on("order.created", (o) => o);`,
        `events.bus.once("order.paid", () => {});`,
        `events.bus.addListener("order.shipped", () => {});`,
      ),
    },
    expected: [
      `emitter_event a.js:2 publish emit "order.created" on bus.js:2`,
      `emitter_event b.js:2 subscribe on "order.created" on bus.js:2`,
      `emitter_event b.js:3 subscribe once "order.paid" on bus.js:2`,
      `emitter_event b.js:4 subscribe addListener "order.shipped" on bus.js:2`,
      "emitter bus.js:2 bus",
      "emitter_export bus.js:2 bus.js:2 as bus from bus.js",
    ],
  },
  {
    name: "ESM named and namespace imports, a constant topic, chained listeners, a use inside a handler",
    files: {
      "bus.mjs": lines(`import { EventEmitter } from "events";`, "export const bus = new EventEmitter();"),
      "a.mjs": lines(`import { bus } from "./bus.mjs";`, `const TOPIC = "user.signup";`, "export function signup(user) {", "  bus.emit(TOPIC, user);", "}"),
      "b.mjs": lines(`import * as events from "./bus.mjs";`, `events.bus.on("user.signup", () => {}).on("user.left", () => {});`),
    },
    expected: [
      `emitter_event a.mjs:4 publish emit "user.signup" on bus.mjs:2`,
      `emitter_event b.mjs:2 subscribe on "user.signup" on bus.mjs:2`,
      `emitter_event b.mjs:2 subscribe on "user.left" on bus.mjs:2`,
      "emitter bus.mjs:2 bus",
      "emitter_export bus.mjs:2 bus.mjs:2 as bus from bus.mjs",
    ],
  },
  {
    name: "TypeScript: a default-exported emitter used through a default import",
    files: {
      "bus.ts": lines(`import { EventEmitter } from "events";`, "const bus = new EventEmitter();", "export default bus;"),
      "use.ts": lines(`import bus from "./bus";`, "bus.prependListener(`ready`, () => {});"),
    },
    expected: ["emitter bus.ts:2 bus", "emitter_export bus.ts:2 bus.ts:2 as default from bus.ts", `emitter_event use.ts:2 subscribe prependListener "ready" on bus.ts:2`],
  },
  {
    name: "event names held by a TypeScript string enum (exported, a member naming another) and by an Object.freeze'd constant",
    files: {
      "events.ts": lines(
        `import { EventEmitter } from "events";`,
        `export enum OrderEvent { Created = "order.created", Placed = Created, Count = 3 }`,
        `export const PAYMENT = Object.freeze({ PAID: "payment.paid" });`,
        "export const bus = new EventEmitter();",
      ),
      "use.ts": lines(`import { bus, OrderEvent, PAYMENT } from "./events";`, "bus.on(OrderEvent.Placed, () => {});", "bus.emit(PAYMENT.PAID);", "bus.emit(OrderEvent.Count);"),
    },
    expected: [
      "emitter events.ts:4 bus",
      "emitter_export events.ts:4 events.ts:4 as bus from events.ts",
      `emitter_event use.ts:2 subscribe on "order.created" on events.ts:4`,
      `emitter_event use.ts:3 publish emit "payment.paid" on events.ts:4`,
      "emitter_event use.ts:4 publish emit ? on events.ts:4",
    ],
  },
  {
    name: "an event name that is not a known string has no topic",
    files: {
      "bus.js": lines(`const { EventEmitter } = require("events");`, "const bus = new EventEmitter();", "module.exports = { bus };"),
      "a.js": lines(`const { bus } = require("./bus");`, "function send(kind, body) {", "  bus.emit(kind, body);", "  bus.emit(`x.${kind}`);", "}", "module.exports = { send };"),
    },
    expected: [
      "emitter_event a.js:3 publish emit ? on bus.js:2",
      "emitter_event a.js:4 publish emit ? on bus.js:2",
      "emitter bus.js:2 bus",
      "emitter_export bus.js:2 bus.js:2 as bus from bus.js",
    ],
  },
  {
    name: "every name an event may be: both branches of a conditional (through a helper too), both values of a reassigned let; an unknown alternative has no topic",
    files: {
      "bus.js": lines(`const { EventEmitter } = require("events");`, "const bus = new EventEmitter();", "module.exports = { bus };"),
      "a.js": lines(
        `const { bus } = require("./bus");`,
        `const topicFor = (kind) => (kind === "big" ? "order.big" : "order.small");`,
        "exports.handle = (req) => {",
        `  bus.emit(req.ok ? "a.yes" : "a.no");`,
        "  bus.emit(topicFor(req.kind));",
        `  let t = "d.one";`,
        `  if (req.two) t = "d.two";`,
        "  bus.emit(t);",
        `  bus.emit(req.type || "b.default");`,
        "};",
      ),
    },
    expected: [
      `emitter_event a.js:4 publish emit "a.no" on bus.js:2`,
      `emitter_event a.js:4 publish emit "a.yes" on bus.js:2`,
      `emitter_event a.js:5 publish emit "order.big" on bus.js:2`,
      `emitter_event a.js:5 publish emit "order.small" on bus.js:2`,
      `emitter_event a.js:8 publish emit "d.one" on bus.js:2`,
      `emitter_event a.js:8 publish emit "d.two" on bus.js:2`,
      "emitter_event a.js:9 publish emit ? on bus.js:2",
      `emitter_event a.js:9 publish emit "b.default" on bus.js:2`,
      "emitter bus.js:2 bus",
      "emitter_export bus.js:2 bus.js:2 as bus from bus.js",
    ],
  },
  {
    name: "an emit a helper runs with its caller's name records a call written in another file, once per calling file; not a call in its own file, nor a listener",
    files: {
      "bus.js": lines(
        `const { EventEmitter } = require("events");`,
        "const bus = new EventEmitter();",
        "const publish = (event, data) => bus.emit(event, data);",
        "const subscribe = (event, fn) => bus.on(event, fn);",
        `const done = (data) => publish("a.done", data);`,
        "module.exports = { bus, publish, subscribe, done };",
      ),
      "a.js": lines(`const { publish, subscribe } = require("./bus");`, `publish("x.one", 1);`, `subscribe("x.one", () => {});`),
      "b.js": lines(`const { publish, done } = require("./bus");`, `publish("x.one", 1);`, `publish("x.two", 2);`, "done(3);"),
    },
    expected: [
      "emitter bus.js:2 bus",
      "emitter_export bus.js:2 bus.js:2 as bus from bus.js",
      `emitter_event bus.js:3 publish emit "a.done" on bus.js:2`,
      `emitter_event bus.js:3 publish emit "x.one" on bus.js:2 called from a.js:2`,
      `emitter_event bus.js:3 publish emit "x.one" on bus.js:2 called from b.js:2`,
      `emitter_event bus.js:3 publish emit "x.two" on bus.js:2 called from b.js:3`,
      `emitter_event bus.js:4 subscribe on "x.one" on bus.js:2`,
    ],
  },
  {
    name: "other methods of an emitter are not events",
    files: { "bus.js": lines(`const { EventEmitter } = require("events");`, "const bus = new EventEmitter();", "bus.setMaxListeners(20);", `bus.removeAllListeners("x");`) },
    expected: ["emitter bus.js:2 bus"],
  },
];

describe("EventEmitters and their exports", () => {
  it.each(creations)("$name", ({ files, options, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files, options);
    expect(summarizeFacts(facts, "emitter", "emitter_export", "emitter_event")).toEqual(expected);
    expect(diagnostics).toEqual([]);
  });
});

describe("events emitted and listened to", () => {
  it.each(uses)("$name", ({ files, options, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files, options);
    expect(summarizeFacts(facts, "emitter", "emitter_export", "emitter_event")).toEqual(expected);
    expect(diagnostics).toEqual([]);
  });
});
