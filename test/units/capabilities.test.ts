import { describe, expect, it } from "vitest";
import { buildSubjects } from "../../src/engine/subjects.js";
import { listenerHomes } from "../../src/units/index.js";
import { formatLocation } from "../../src/util/source-range.js";
import { analyzeUnits, lines, type ProgramOptions, type SourceTree } from "../helpers/program.js";

/** `code file:line:col message` of each diagnostic, for exact comparison. */
function located(diagnostics: readonly { code: string; message: string; range?: Parameters<typeof formatLocation>[0] }[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range ? formatLocation(d.range) : "-"} ${d.message}`);
}

const bus = (annotated = true): string =>
  lines(`const { EventEmitter } = require("events");`, annotated ? `/** @klotho::pubsub { id = "orders" } */` : "// bus", "const bus = new EventEmitter();", "module.exports = { bus };");

interface TopicCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** Per service: `id exported=<bool> <topic>: pub [..] sub [..]`. */
  readonly services: readonly string[];
  /** `unit role resource file:line` of each use subject of a topic service. */
  readonly uses: readonly string[];
  readonly units: readonly string[];
  readonly diagnostics?: readonly string[];
}

/** The gateway's app: it runs audit.js and mounts a.js, so `main` exists and runs audit.js as its own. */
const SERVER = lines(
  `require("./audit");`,
  `const app = require("express")();`,
  `app.get("/health", (req, res) => res.end());`,
  `app.use(require("./a"));`,
  `// @klotho::expose { id = "api", target = "public" }`,
  `app.listen(3000);`,
);

const topicCases: TopicCase[] = [
  {
    name: "a publisher and a subscriber in two units",
    files: {
      "bus.js": bus(),
      "api.js": lines(`// @klotho::execution_unit { id = "api" }`, `const { bus } = require("./bus");`, `bus.emit("created", {});`),
      "worker.js": lines(`// @klotho::execution_unit { id = "worker" }`, `const { bus } = require("./bus");`, `bus.on("created", () => {});`, `bus.once("deleted", () => {});`, `bus.on("error", (e) => console.error(e));`),
    },
    services: ["orders exported=true created: pub [api] sub [worker]; deleted: pub [] sub [worker]"],
    uses: ["api publish pubsub:orders api.js:3", "worker subscribe pubsub:orders worker.js:3"],
    units: ["api", "worker"],
    // Nothing emits "deleted": said where it is listened to.
    diagnostics: ["pubsub/no-publisher worker.js:4:1 No code klotho follows emits 'deleted' on the pubsub 'orders', so no unit publishes it to the topic: this listener hears only what is published from outside the app. An emitter reached in a way klotho does not follow (NestJS dependency injection, a container, a registry) emits in-process only; import the emitter where it is used."],
  },
  {
    name: "one unit publishing and subscribing; ESM; uses in an unowned file go to main",
    files: {
      "bus.mjs": lines(`import { EventEmitter } from "node:events";`, `/** @klotho::pubsub { id = "orders" } */`, "export const bus = new EventEmitter();"),
      "app.mjs": lines(`// @klotho::execution_unit { id = "app" }`, `import { bus } from "./bus.mjs";`, `bus.on("a", () => bus.emit("b"));`),
      "helper.mjs": lines(`import * as events from "./bus.mjs";`, `export const ping = () => events.bus.emit("a");`),
    },
    services: ["orders exported=true a: pub [main] sub [app]; b: pub [app] sub []"],
    uses: ["app publish pubsub:orders app.mjs:3", "app subscribe pubsub:orders app.mjs:3", "main publish pubsub:orders helper.mjs:2"],
    units: ["app", "main"],
  },
  {
    name: "an emitter only its module reaches: its events are known, but no unit publishes or subscribes through a service",
    files: {
      "local.js": lines(
        `const { EventEmitter } = require("events");`,
        `/** @klotho::pubsub { id = "local" } */`,
        "const bus = new EventEmitter();",
        `bus.on("x", () => {});`,
        "bus.emit(process.env.TOPIC);",
        "module.exports = { send: () => bus.emit('x') };",
      ),
    },
    options: { packageJson: { main: "local.js" } },
    services: ["local exported=false x: pub [main] sub [main]"],
    uses: [],
    units: ["main"],
  },
  {
    name: "an emitter that is not exported but used from another file through a function is reachable",
    files: {
      "bus.js": lines(`const { EventEmitter } = require("events");`, `/** @klotho::pubsub { id = "orders" } */`, "const bus = new EventEmitter();", "module.exports = { getBus: () => bus };"),
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./bus").getBus().emit("x");`),
    },
    services: ["orders exported=true x: pub [a] sub []"],
    uses: ["a publish pubsub:orders a.js:2"],
    units: ["a"],
  },
  {
    name: "event names that are not known strings are warnings, and not routed",
    files: {
      "bus.js": bus(),
      "api.js": lines(`// @klotho::execution_unit { id = "api" }`, `const { bus } = require("./bus");`, "module.exports = (kind) => {", "  bus.emit(kind);", "  bus.on(kind + '.done', () => {});", "};"),
    },
    services: ["orders exported=true"],
    uses: [],
    units: ["api"],
    diagnostics: [
      "pubsub/dynamic-topic api.js:4:3 The event name of this emit() call is not a string klotho can compute (a literal, a constant, an enum member or a property of a constant object), so klotho cannot route it through the pubsub 'orders'; the call stays in-process.",
      "pubsub/dynamic-topic api.js:5:3 The event name of this on() call is not a string klotho can compute (a literal, a constant, an enum member or a property of a constant object), so klotho cannot route it through the pubsub 'orders'; the call stays in-process.",
    ],
  },
  {
    name: "a helper forwarding its parameter to emit is named by its callers: no warning when they pass names",
    files: {
      "bus.js": bus(),
      "pub.js": lines(`const { bus } = require("./bus");`, "function publish(event, data) {", "  bus.emit(event, data);", "}", "module.exports = { publish };"),
      // Called from a handler: publish runs on its own (unknown arguments) before the handler runs it with a name.
      "api.js": lines(`// @klotho::execution_unit { id = "api" }`, `const { publish } = require("./pub");`, `exports.handler = async (req) => publish("order.placed", req.body);`),
    },
    services: ["orders exported=true order.placed: pub [api] sub []"],
    uses: ["api publish pubsub:orders pub.js:3"],
    units: ["api"],
  },
  {
    name: "an emit in a helper counts for the units calling it, not for a unit that only imports the helper's file to listen",
    files: {
      "bus.js": lines(
        `const { EventEmitter } = require("events");`,
        `/** @klotho::pubsub { id = "orders" } */`,
        "exports.bus = new EventEmitter();",
        "exports.publish = (event, data) => exports.bus.emit(event, data);",
      ),
      "index.js": lines(
        `const { publish } = require("./bus");`,
        `const app = require("express")();`,
        `app.post("/a", (req, res) => { publish("a.done", req.body); res.end(); });`,
        `// @klotho::expose { id = "api", target = "public" }`,
        "app.listen(3000);",
      ),
      "worker.js": lines(`// @klotho::execution_unit { id = "worker" }`, `const { bus } = require("./bus");`, `bus.on("a.done", () => {});`),
    },
    options: { packageJson: { main: "index.js" } },
    services: ["orders exported=true a.done: pub [main] sub [worker]"],
    uses: ["main publish pubsub:orders bus.js:4", "worker subscribe pubsub:orders worker.js:3"],
    units: ["main", "worker"],
  },
  {
    name: "a helper's emit counts for the units running each caller's file; a call in the helper's own file, for every unit running that file",
    files: {
      "bus.js": lines(
        `const { EventEmitter } = require("events");`,
        `/** @klotho::pubsub { id = "orders" } */`,
        "const bus = new EventEmitter();",
        "function publish(event, data) { bus.emit(event, data); }",
        `const audit = (data) => publish("audit", data);`,
        "module.exports = { bus, publish, audit };",
      ),
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `const { publish } = require("./bus");`, `exports.handler = (req) => publish("x", req);`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `const { publish } = require("./bus");`, `exports.handler = (req) => publish("x", req);`),
      "c.js": lines(`// @klotho::execution_unit { id = "c" }`, `const { bus } = require("./bus");`, `bus.on("x", () => {});`),
    },
    services: ["orders exported=true audit: pub [a,b,c] sub []; x: pub [a,b] sub [c]"],
    uses: ["a publish pubsub:orders bus.js:4", "b publish pubsub:orders bus.js:4", "c publish pubsub:orders bus.js:4", "c subscribe pubsub:orders c.js:3"],
    units: ["a", "b", "c"],
  },
  {
    name: "a listener in a file two units run is heard in one of them (its owner, else main): an emit in the other reaches it through the topic",
    files: {
      "bus.js": bus(),
      "audit.js": lines(`const { bus } = require("./bus");`, `bus.on("x", () => {});`, `bus.emit("y");`),
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./audit");`, `require("./bus").bus.emit("x");`),
      "index.js": SERVER,
    },
    options: { packageJson: { main: "index.js" } },
    services: ["orders exported=true x: pub [a] sub [main]; y: pub [a,main] sub []"],
    uses: ["a publish pubsub:orders a.js:3", "main publish pubsub:orders audit.js:3", "main subscribe pubsub:orders audit.js:2"],
    units: ["a", "main"],
  },
  {
    name: "a listener registered in a function counts for every unit running its file: klotho does not follow which units call it",
    files: {
      "bus.js": bus(),
      "helpers.js": lines(`const { bus } = require("./bus");`, `exports.registerAudit = () => bus.on("audit", () => {});`, `exports.listen = (name, fn) => bus.on(name, fn);`),
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `const { listen } = require("./helpers");`, `require("./bus").bus.emit("audit");`, `listen("x", () => {});`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `const { registerAudit, listen } = require("./helpers");`, "registerAudit();", `listen("y", () => {});`, `require("./bus").bus.emit("x");`),
    },
    services: ["orders exported=true audit: pub [a] sub [b]; x: pub [b] sub [a]; y: pub [] sub [a,b]"],
    uses: ["a publish pubsub:orders a.js:3", "a subscribe pubsub:orders helpers.js:3", "b publish pubsub:orders b.js:5", "b subscribe pubsub:orders helpers.js:2"],
    units: ["a", "b"],
    diagnostics: ["pubsub/no-publisher helpers.js:3:32 No code klotho follows emits 'y' on the pubsub 'orders', so no unit publishes it to the topic: this listener hears only what is published from outside the app. An emitter reached in a way klotho does not follow (NestJS dependency injection, a container, a registry) emits in-process only; import the emitter where it is used."],
  },
  {
    name: "a listener registered whenever its file loads (a constructor of a top-level instance) keeps one home unit; a bracketed emit in a helper counts for each calling file",
    files: {
      "bus.js": lines(
        `const { EventEmitter } = require("events");`,
        `/** @klotho::pubsub { id = "orders" } */`,
        "exports.bus = new EventEmitter();",
        `class Audit { constructor() { exports.bus.on("x", () => {}); } }`,
        "exports.audit = new Audit();",
        `exports.publish = (event) => exports.bus["emit"](event);`,
      ),
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./bus").publish("x");`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `require("./bus").publish("x");`),
    },
    services: ["orders exported=true x: pub [a,b] sub [a]"],
    uses: ["a publish pubsub:orders bus.js:6", "a subscribe pubsub:orders bus.js:4", "b publish pubsub:orders bus.js:6"],
    units: ["a", "b"],
  },
  {
    name: "a unit listening to an event only it emits is not subscribed: its listeners run in-process, and the topic would skip its own messages",
    files: {
      "bus.js": bus(),
      "api.js": lines(`// @klotho::execution_unit { id = "api" }`, `const { bus } = require("./bus");`, `bus.emit("x");`, `bus.on("x", () => {});`, `bus.on("external", () => {});`),
      "worker.js": lines(`// @klotho::execution_unit { id = "worker" }`, `const { bus } = require("./bus");`, `bus.emit("y");`, `bus.on("y", () => {});`, `bus.on("x", () => {});`),
    },
    services: ["orders exported=true external: pub [] sub [api]; x: pub [api] sub [worker]; y: pub [worker] sub []"],
    uses: ["api publish pubsub:orders api.js:3", "api subscribe pubsub:orders api.js:5", "worker publish pubsub:orders worker.js:3", "worker subscribe pubsub:orders worker.js:5"],
    units: ["api", "worker"],
    diagnostics: ["pubsub/no-publisher api.js:5:1 No code klotho follows emits 'external' on the pubsub 'orders', so no unit publishes it to the topic: this listener hears only what is published from outside the app. An emitter reached in a way klotho does not follow (NestJS dependency injection, a container, a registry) emits in-process only; import the emitter where it is used."],
  },
  {
    name: "two events whose topics would share an ARN variable: one error, at the later event's first use, and only the earlier one becomes a topic",
    files: {
      "bus.js": bus(),
      "api.js": lines(`// @klotho::execution_unit { id = "api" }`, `const { bus } = require("./bus");`, `bus.emit("user.created", {});`, `bus.emit("user_created", {});`, `bus.once("mail.sent", () => {});`),
      "mailer.js": lines(`// @klotho::execution_unit { id = "mailer" }`, `const { bus } = require("./bus");`, `bus.on("user.created", () => bus.emit("mail.sent", {}));`, `bus.on("user_created", () => {});`),
    },
    services: ["orders exported=true mail.sent: pub [mailer] sub [api]; user.created: pub [api] sub [mailer]"],
    uses: ["api publish pubsub:orders api.js:3", "api subscribe pubsub:orders api.js:5", "mailer publish pubsub:orders mailer.js:3", "mailer subscribe pubsub:orders mailer.js:3"],
    units: ["api", "mailer"],
    diagnostics: ["pubsub/topic-name-clash api.js:4:1 The events 'user_created' and 'user.created' of the pubsub 'orders' would both find their topic in environment variable 'KLOTHO_PUBSUB_ORDERS_USER_CREATED_ARN' (an event name upper-cased, with '_' for every character other than a letter or digit), so their topics cannot be told apart; rename one of the events."],
  },
];

describe("pubsub: topic services, publishers and subscribers", () => {
  it.each(topicCases)("$name", ({ files, options, services, uses, units: unitIds, diagnostics = [] }) => {
    const analysis = analyzeUnits(files, options);
    expect(analysis.diagnostics).toEqual([]);
    const { units } = analysis;
    expect(
      units.topicServices.map((s) =>
        [`${s.annotation.id ?? "?"} exported=${String(s.exported)}`, s.topics.map((t) => `${t.name}: pub [${t.publishers.join(",")}] sub [${t.subscribers.join(",")}]`).join("; ")]
          .filter((part) => part !== "")
          .join(" "),
      ),
    ).toEqual(services);
    const subjects = buildSubjects(analysis.annotations, analysis.facts, units);
    expect(subjects.flatMap((s) => (s.type === "use" && s.use.role !== "use" ? [`${s.use.unit} ${s.use.role} ${s.use.resource} ${s.use.file}:${s.use.line}`] : []))).toEqual(uses);
    expect(units.units.map((u) => u.id)).toEqual(unitIds);
    expect(located(units.diagnostics)).toEqual(diagnostics);
  });

  it("names the unit that hears each file's listeners, for the transform to leave them out of the other units' copies", () => {
    const { units } = analyzeUnits({
      "bus.js": bus(),
      "audit.js": lines(`const { bus } = require("./bus");`, `bus.on("x", () => {});`),
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./audit");`, `require("./bus").bus.on("x", () => {});`),
      "index.js": SERVER,
    }, { packageJson: { main: "index.js" } });
    const homes = [...listenerHomes(units.topicServices)].map(([file, home]) => `${file} → ${home.unit} at ${home.calls.map((c) => `${c.start.line}:${c.start.column}`).join(",")}`);
    expect(homes).toEqual(["a.js → a at 3:0", "audit.js → main at 2:0"]);
  });

  it("counts reachable and in-process emitters on the annotation subject", () => {
    const analysis = analyzeUnits({ "bus.js": bus(), "local.js": lines(`const E = require("events");`, `/** @klotho::pubsub { id = "l" } */`, "const l = new E();") });
    const counts = buildSubjects(analysis.annotations, analysis.facts, analysis.units).flatMap((s) =>
      s.type === "annotation" ? [`${s.annotation.id ?? "?"} emitter=${s.bound.emitter} local=${s.bound.emitter_local} topics=${s.topics?.length ?? "-"}`] : [],
    );
    expect(counts).toEqual(["orders emitter=1 local=0 topics=0", "l emitter=0 local=1 topics=-"]);
  });
});

const site = (directives: string, file = "site.js"): SourceTree => ({
  [file]: lines("/**", ` * @klotho::static_unit { ${directives} }`, " */"),
});

interface StaticCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** `id: files | static-only` per static unit. */
  readonly statics: readonly string[];
  /** `unit: files` per execution unit. */
  readonly units: readonly string[];
  readonly diagnostics?: readonly string[];
}

const staticCases: StaticCase[] = [
  {
    name: "globs relative to the annotated file's folder and rooted at the project; static-only files leave the units",
    files: {
      ...site(`id = "web", index_document = "index.html", static_files = ["public/**"], shared_files = ["/shared/*.js"]`, "web/site.js"),
      "index.js": lines(`require("./shared/format");`),
      "shared/format.js": "module.exports = {};",
      "web/public/app.js": "document.title = 'browser code';",
    },
    options: { packageJson: { main: "index.js" }, otherFiles: ["web/public/index.html", "web/public/img/logo.png", "shared/readme.md", "package.json"] },
    statics: ["web: shared/format.js web/public/app.js web/public/img/logo.png web/public/index.html | web/public/app.js web/public/img/logo.png web/public/index.html"],
    units: ["main: index.js shared/format.js"],
  },
  {
    name: "static_files taking a unit's own code (its entrypoint, what it imports) is an error: the unit would lose it and the site publish it",
    files: {
      ...site(`id = "everything", static_files = ["*.js", "*.json", "lib/*.js", "public/*.html"]`),
      "index.js": lines(`require("./lib/util");`, `require("./config.json");`, `// @klotho::expose { id = "api", target = "public" }`, `require("express")().listen(3000);`),
      "lib/util.js": "module.exports = {};",
      "config.json": "{}",
    },
    options: { packageJson: { main: "index.js" }, otherFiles: ["public/index.html"] },
    statics: ["everything: config.json index.js lib/util.js public/index.html site.js | config.json index.js lib/util.js public/index.html site.js"],
    units: ["main: "],
    diagnostics: [
      "static-unit/takes-unit-code site.js:2:4 The static_files of static unit 'everything' take index.js, lib/util.js, config.json, which execution unit 'main' runs: the unit would lose its code and the site would publish it. Narrow static_files to the site's own files.",
    ],
  },
  {
    name: "a glob that matches nothing, and an index_document none of the files is named after",
    files: site(`id = "web", index_document = "home.html", static_files = ["*.html", "missing/**"], shared_files = ["nope.css"]`),
    options: { otherFiles: ["index.html"] },
    statics: ["web: index.html | index.html"],
    units: [],
    diagnostics: [
      "files/no-match site.js:2:95 The glob 'missing/**' in static_files of @klotho::static_unit matches no file of the project.",
      "files/no-match site.js:2:126 The glob 'nope.css' in shared_files of @klotho::static_unit matches no file of the project.",
      "static-unit/missing-index site.js:2:56 index_document 'home.html' is not the name of any file of the static unit 'web'.",
    ],
  },
  {
    name: "files that would share a path below the index document's folder are a warning",
    files: site(`id = "web", index_document = "index.html", static_files = ["public/**", "shared/*.js"]`),
    options: { otherFiles: ["public/index.html", "public/shared/x.js", "shared/x.js"] },
    statics: ["web: public/index.html public/shared/x.js shared/x.js | public/index.html public/shared/x.js shared/x.js"],
    units: [],
    diagnostics: [
      "static-unit/key-collision site.js:2:4 public/shared/x.js and shared/x.js of the static unit 'web' would be served at the same path below the index document's folder; every file is served at its project path instead, so the index document is not at the site's root.",
    ],
  },
  {
    name: "a static unit named like an execution unit would share its output folder",
    files: { ...site(`id = "api", static_files = ["*.html"]`), "api.js": lines(`// @klotho::execution_unit { id = "api" }`, "module.exports = {};") },
    options: { otherFiles: ["a.html"] },
    statics: ["api: a.html | a.html"],
    units: ["api: api.js"],
    diagnostics: [
      "static-unit/folder-conflict site.js:2:32 The static unit 'api' and the execution unit 'api' would share the output folder compiled/api/; give the static unit another id.",
    ],
  },
  {
    name: "a static unit whose id lies below another's would have its folder inside the other's",
    files: { ...site(`id = "web", static_files = ["*.html"]`), ...site(`id = "web/docs", static_files = ["docs/*.md"]`, "docs.js") },
    options: { otherFiles: ["a.html", "docs/b.md"] },
    statics: ["web/docs: docs/b.md | docs/b.md", "web: a.html | a.html"],
    units: [],
    diagnostics: [
      "static-unit/folder-conflict docs.js:2:32 The static unit 'web/docs' and the static unit 'web' would share the output folder compiled/web/; give the static unit another id.",
    ],
  },
];

describe("static units", () => {
  it.each(staticCases)("$name", ({ files, options, statics, units: expectedUnits, diagnostics = [] }) => {
    const analysis = analyzeUnits(files, options);
    expect(analysis.diagnostics).toEqual([]);
    const { units } = analysis;
    expect(units.staticUnits.map((s) => `${s.id}: ${s.files.join(" ")} | ${s.staticOnly.join(" ")}`)).toEqual(statics);
    expect(units.units.map((u) => `${u.id}: ${u.files.join(" ")}`)).toEqual(expectedUnits);
    expect(located(units.diagnostics)).toEqual(diagnostics);
  });
});

interface AssetCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  /** `unit: assets` per execution unit. */
  readonly assets: readonly string[];
  /** `unit: files` per execution unit (its code), when the case says. */
  readonly code?: readonly string[];
  readonly progress: readonly string[];
  readonly diagnostics?: readonly string[];
}

const assetCases: AssetCase[] = [
  {
    name: "include minus exclude, any file type, into the unit owning the annotated file",
    files: {
      "api/index.js": lines(`// @klotho::execution_unit { id = "api" }`, `// @klotho::embed_assets { include = ["templates/**", "/config/*.json"], exclude = ["**/*.tmp"] }`),
      "api/templates/helper.js": "module.exports = {};",
    },
    options: { otherFiles: ["api/templates/a.hbs", "api/templates/b.tmp", "config/app.json", "config/app.yaml"] },
    assets: ["api: api/templates/a.hbs api/templates/helper.js config/app.json"],
    progress: [
      "Adding asset 'api/templates/a.hbs' to unit 'api'",
      "Adding asset 'api/templates/helper.js' to unit 'api'",
      "Adding asset 'config/app.json' to unit 'api'",
    ],
  },
  {
    name: "a shared file's assets go to every unit that holds it; an include matching nothing is a warning",
    files: {
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `require("./lib");`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `require("./lib");`),
      "lib.js": lines(`// @klotho::embed_assets { include = ["data.csv", "gone/*"] }`, "module.exports = {};"),
    },
    options: { otherFiles: ["data.csv"] },
    assets: ["a: data.csv", "b: data.csv"],
    progress: ["Adding asset 'data.csv' to unit 'a'", "Adding asset 'data.csv' to unit 'b'"],
    diagnostics: ["files/no-match lib.js:1:51 The glob 'gone/*' in include of @klotho::embed_assets matches no file of the project."],
  },
  {
    name: "a file owned by one unit and carried by another brings its assets to both (its code runs in both)",
    files: {
      "mail/greet.js": lines(`// @klotho::execution_unit { id = "mailer" }`, `// @klotho::embed_assets { include = ["greeting.txt"] }`, "module.exports = {};"),
      "web/server.js": lines(`// @klotho::execution_unit { id = "web" }`, `require("../mail/greet");`),
    },
    options: { otherFiles: ["mail/greeting.txt"] },
    assets: ["mailer: mail/greeting.txt", "web: mail/greeting.txt"],
    progress: ["Adding asset 'mail/greeting.txt' to unit 'mailer'", "Adding asset 'mail/greeting.txt' to unit 'web'"],
  },
  {
    name: "a file in no unit embeds nothing, and says so",
    files: { "a.js": lines(`// @klotho::execution_unit { id = "a" }`), "orphan.js": `// @klotho::embed_assets { include = ["*.txt"] }` },
    options: { otherFiles: ["x.txt"] },
    assets: ["a: -"],
    progress: [],
    diagnostics: ["embed-assets/no-unit orphan.js:1:4 orphan.js belongs to no execution unit, so the assets it embeds are copied nowhere."],
  },
  {
    name: "JSON modules a unit's code imports travel with it, without a progress line, merged with its embedded assets; the project's package.json does not",
    files: {
      "a.js": lines(`// @klotho::execution_unit { id = "a" }`, `// @klotho::embed_assets { include = ["data.csv"] }`, `require("./lib");`, `const { version } = require("./package.json");`),
      "b.js": lines(`// @klotho::execution_unit { id = "b" }`, `import("./locales/en.json");`),
      "lib.js": `module.exports = require("./config");`,
      "config.json": "{}",
      "locales/en.json": "{}",
      "unused.json": "{}",
      "package.json": "{}",
    },
    options: { otherFiles: ["data.csv"] },
    assets: ["a: config.json data.csv", "b: locales/en.json"],
    progress: ["Adding asset 'data.csv' to unit 'a'"],
  },
  {
    name: "an embedded TypeScript file is the unit's code, compiled like its other TypeScript, with what it imports (but another unit's own code)",
    files: {
      "src/index.ts": lines(`// @klotho::execution_unit { id = "api" }`, `// @klotho::embed_assets { include = ["migration/*", "seed/*"] }`, "export {};"),
      "src/migration/1700-Init.ts": lines(`import type { MigrationInterface } from "typeorm";`, `import { TABLE } from "../schema/names";`, `import { other } from "../other";`, "export class Init implements MigrationInterface { up() { return TABLE + other; } down() {} }"),
      "src/schema/names.ts": `export const TABLE = "products";`,
      "src/other.ts": lines(`// @klotho::execution_unit { id = "other" }`, `export const other = "x";`),
      "src/seed/rows.js": "module.exports = [];",
    },
    options: { otherFiles: ["src/seed/rows.csv"] },
    assets: ["api: src/seed/rows.csv src/seed/rows.js", "other: -"],
    code: ["api: src/index.ts src/migration/1700-Init.ts src/schema/names.ts", "other: src/other.ts"],
    progress: [
      "Adding asset 'src/migration/1700-Init.ts' to unit 'api', compiled to JavaScript",
      "Adding asset 'src/seed/rows.csv' to unit 'api'",
      "Adding asset 'src/seed/rows.js' to unit 'api'",
    ],
  },
  {
    name: "an embedded TypeScript file the analysis never ran (a plugin a computed import does not pick) carries what it imports, read from its text",
    files: {
      "index.ts": lines(
        `// @klotho::embed_assets { include = ["plugins/*.ts"] }`,
        `import express from "express";`,
        "const app = express();",
        "const plugin = await import(`./plugins/${process.env.PLUGIN ?? \"a\"}.js`);",
        `app.get("/p", (req, res) => res.json(plugin.run()));`,
        `/* @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "plugins/a.ts": lines(`import { util } from "../lib/util";`, "export const run = () => util();"),
      "plugins/b.ts": lines(`import { other } from "../lib/other.js";`, `import * as config from "../config.json";`, "export const run = () => other() + config.name;"),
      "lib/util.ts": `export const util = () => "util";`,
      "lib/other.ts": lines(`import { deep } from "./deep";`, "export const other = () => deep;"),
      "lib/deep.ts": `export const deep = "deep";`,
      "lib/unused.ts": `export const unused = 1;`,
      "config.json": `{ "name": "x" }`,
    },
    assets: ["main: config.json"],
    code: ["main: index.ts lib/deep.ts lib/other.ts lib/util.ts plugins/a.ts plugins/b.ts"],
    progress: ["Adding asset 'plugins/a.ts' to unit 'main', compiled to JavaScript", "Adding asset 'plugins/b.ts' to unit 'main', compiled to JavaScript"],
  },
];

describe("embedded assets", () => {
  it.each(assetCases)("$name", ({ files, options, assets, code, progress, diagnostics = [] }) => {
    const analysis = analyzeUnits(files, options);
    expect(analysis.diagnostics).toEqual([]);
    const { units } = analysis;
    expect(units.units.map((u) => `${u.id}: ${u.assets?.join(" ") ?? "-"}`)).toEqual(assets);
    if (code) expect(units.units.map((u) => `${u.id}: ${u.files.join(" ")}`)).toEqual(code);
    expect(units.progress.filter((line) => line.startsWith("Adding asset"))).toEqual(progress);
    expect(located(units.diagnostics)).toEqual(diagnostics);
  });
});
