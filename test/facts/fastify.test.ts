// Fastify as klotho sees it: instances however fastify is imported, shorthand and route() routes,
// plugins registered with a prefix (in other files, nested, fastify-plugin wrapped, dynamic
// imports), listen in its three forms, and the paths Fastify writes turned into plan paths.
import { describe, expect, it } from "vitest";
import { fastifyPlanPaths } from "../../src/facts/extractors/fastify/paths.js";
import { analyzeProgram, analyzeUnits, lines, summarizeDiagnostics, summarizeFacts, summarizeRoutes, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface FastifyCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  readonly expected: readonly string[];
  readonly diagnostics?: readonly string[];
}

const HTTP_KINDS = ["http_app", "http_router", "http_route", "http_mount", "http_listen"] as const;
const cjs = (...body: string[]): string => lines(`const fastify = require("fastify")({ logger: true });`, ...body);
const esm = { packageJson: { type: "module" } } as const;

const cases: FastifyCase[] = [
  {
    name: "require('fastify')(options), shorthand routes with and without route options, listen with a callback",
    files: {
      "server.js": cjs(
        `fastify.get("/pugs/:id", async (request) => ({ id: request.params.id }));`,
        `fastify.post("/pugs", { schema: { body: { type: "object" } } }, async (request, reply) => reply.code(201).send(request.body));`,
        `fastify.all("/any", async () => "any");`,
        `fastify.get("/one-argument");`,
        "fastify.listen(3000, (err, address) => { if (err) throw err; });",
      ),
    },
    expected: [
      "http_app server.js:1 fastify",
      "http_route server.js:2 GET /pugs/:id on server.js:1",
      "http_route server.js:3 POST /pugs on server.js:1",
      "http_route server.js:4 ANY /any on server.js:1",
      "http_listen server.js:6 server.js:1",
    ],
  },
  {
    name: "ESM default and named imports, route() with a method array, chained shorthands, await listen({ port, host })",
    files: {
      "a.js": lines(
        `import Fastify from "fastify";`,
        "const app = Fastify();",
        `app.route({ method: ["GET", "post"], url: "/items", handler: async () => [] });`,
        `app.route({ method: "DELETE", path: "/items/:id", handler: async () => null });`,
        `app.get("/a", h).put("/b", h);`,
        "async function h() {}",
        `await app.listen({ port: 3000, host: "0.0.0.0" });`,
      ),
      "b.js": lines(`import { fastify } from "fastify";`, "const other = fastify();", `other.patch("/b", async () => "b");`),
    },
    options: esm,
    expected: [
      "http_app a.js:2 app",
      "http_route a.js:3 GET /items on a.js:2",
      "http_route a.js:3 POST /items on a.js:2",
      "http_route a.js:4 DELETE /items/:id on a.js:2",
      "http_route a.js:5 GET /a on a.js:2",
      "http_route a.js:5 PUT /b on a.js:2",
      "http_listen a.js:7 a.js:2",
      "http_app b.js:2 other",
      "http_route b.js:3 PATCH /b on b.js:2",
    ],
  },
  {
    name: "plugins in other files (CommonJS function, ESM default, fastify-plugin) registered with prefixes",
    files: {
      "server.js": cjs(
        `fastify.register(require("./routes/users"), { prefix: "/users" });`,
        `fastify.register(require("./routes/shared"), { prefix: "/ignored" });`,
        `fastify.register(async function health(instance) { instance.get("/health", async () => "ok"); });`,
        "fastify.listen({ port: 3000 });",
      ),
      "routes/users.js": lines("module.exports = async function (instance, opts) {", `  instance.get("/", async () => []);`, `  instance.get("/:id", async () => ({}));`, "};"),
      "routes/shared.js": lines(`const fp = require("fastify-plugin");`, "module.exports = fp(async (instance) => {", `  instance.get("/version", async () => "1");`, "});"),
    },
    expected: [
      "http_route routes/shared.js:3 GET /version on server.js:1",
      "http_router routes/users.js:1 users",
      "http_route routes/users.js:2 GET / on routes/users.js:1",
      "http_route routes/users.js:3 GET /:id on routes/users.js:1",
      "http_app server.js:1 fastify",
      "http_mount server.js:2 /users routes/users.js:1 on server.js:1",
      "http_mount server.js:4 / server.js:4 on server.js:1",
      "http_router server.js:4 health",
      "http_route server.js:4 GET /health on server.js:4",
      "http_listen server.js:5 server.js:1",
    ],
  },
  {
    name: "nested registers, a plugin registered twice, import() of a plugin, and decorations seen by plugins",
    files: {
      "app.js": lines(
        `import Fastify from "fastify";`,
        `import v1 from "./v1.js";`,
        "const app = Fastify();",
        `app.decorate("store", new Map());`,
        `app.register(v1, { prefix: "/v1" });`,
        `app.register(v1, { prefix: "v2" });`,
        `app.register(import("./admin.js"), { prefix: "/admin/" });`,
        "await app.listen({ port: 3000 });",
      ),
      "v1.js": lines(`import pugs from "./pugs.js";`, "export default async function v1(api) {", `  api.register(pugs, { prefix: "/pugs" });`, "}"),
      "pugs.js": lines("const pugs = async (api) => {", `  api.get("/:name", async (request) => api.store.get(request.params.name));`, "};", "export default pugs;"),
      "admin.js": lines("export default async (admin) => {", `  admin.delete("/cache", async () => null);`, "};"),
    },
    options: esm,
    expected: [
      "http_router admin.js:1 admin",
      "http_route admin.js:2 DELETE /cache on admin.js:1",
      "http_app app.js:3 app",
      "http_mount app.js:5 /v1 v1.js:2 on app.js:3",
      "http_mount app.js:6 v2 v1.js:2 on app.js:3",
      "http_mount app.js:7 /admin/ admin.js:1 on app.js:3",
      "http_listen app.js:8 app.js:3",
      "http_router pugs.js:1 pugs",
      "http_route pugs.js:2 GET /:name on pugs.js:1",
      // One instance of v1 per registration (each at its own prefix); both mount the one pugs plugin.
      "http_router v1.js:2 v1",
      "http_router v1.js:2 v1",
      "http_mount v1.js:3 /pugs pugs.js:1 on v1.js:2",
      "http_mount v1.js:3 /pugs pugs.js:1 on v1.js:2",
    ],
  },
  {
    name: "TypeScript compiled to CommonJS: __importDefault, exports.default plugins",
    files: {
      "dist/server.js": lines(
        `"use strict";`,
        `var __importDefault = (this && this.__importDefault) || function (mod) { return (mod && mod.__esModule) ? mod : { "default": mod }; };`,
        `Object.defineProperty(exports, "__esModule", { value: true });`,
        `const fastify_1 = __importDefault(require("fastify"));`,
        `const notes_1 = __importDefault(require("./notes"));`,
        "const app = (0, fastify_1.default)();",
        `app.register(notes_1.default, { prefix: "/notes" });`,
        "app.listen({ port: 3000 });",
      ),
      "dist/notes.js": lines(
        `"use strict";`,
        `Object.defineProperty(exports, "__esModule", { value: true });`,
        "const notes = async (app) => {",
        `    app.get("/", async () => []);`,
        "};",
        "exports.default = notes;",
      ),
    },
    expected: [
      "http_router dist/notes.js:3 notes",
      "http_route dist/notes.js:4 GET / on dist/notes.js:3",
      "http_app dist/server.js:6 app",
      "http_mount dist/server.js:7 /notes dist/notes.js:3 on dist/server.js:6",
      "http_listen dist/server.js:8 dist/server.js:6",
    ],
  },
  {
    name: "@fastify/autoload (fastify-cli's scaffold) is a warning at its register(): klotho neither reads nor carries the folder it loads",
    files: {
      "server.js": cjs(
        `const path = require("node:path");`,
        `const AutoLoad = require("@fastify/autoload");`,
        `fastify.register(AutoLoad, { dir: path.join(__dirname, "routes") });`,
        `fastify.get("/health", async () => "ok");`,
      ),
      "app.mjs": lines(`import autoload from "@fastify/autoload";`, `import Fastify from "fastify";`, "const app = Fastify();", `app.register(autoload, { dir: "plugins" });`),
    },
    expected: ["http_app app.mjs:3 app", "http_app server.js:1 fastify", "http_route server.js:5 GET /health on server.js:1"],
    diagnostics: [
      "fastify/autoload app.mjs:4 klotho does not follow @fastify/autoload: the plugins and routes it loads from its folder when the app runs are not analysed, nor carried into the unit, so the deployed app lacks them. Register them with register(import(...)) calls, or carry the folder with @klotho::embed_assets (its routes then reach the unit only through a catch-all route).",
      "fastify/autoload server.js:4 klotho does not follow @fastify/autoload: the plugins and routes it loads from its folder when the app runs are not analysed, nor carried into the unit, so the deployed app lacks them. Register them with register(import(...)) calls, or carry the folder with @klotho::embed_assets (its routes then reach the unit only through a catch-all route).",
    ],
  },
  {
    name: "an unresolved plugin, third-party plugins, dynamic paths, prefixes and methods",
    files: {
      "server.js": cjs(
        `fastify.register(require("@fastify/cors"));`,
        `fastify.register(require("./missing"), { prefix: "/gone" });`,
        "fastify.register(async (api) => {}, { prefix: `/v${process.env.V}` });",
        "fastify.get(process.env.PATH_NAME, async () => 1);",
        `fastify.route({ method: "PROPFIND", url: "/dav", handler: async () => 1 });`,
      ),
    },
    expected: ["http_app server.js:1 fastify", "http_mount server.js:3 /gone unresolved './missing' on server.js:1", "http_router server.js:4 plugin"],
    diagnostics: [
      "facts/unresolved-import server.js:3 Cannot resolve './missing' imported by server.js; its code is not analysed.",
      "fastify/dynamic-prefix server.js:4 The prefix of this register() call is not a string literal, so klotho cannot tell where the plugin's routes are served; they are not exposed on their own.",
      "fastify/dynamic-path server.js:5 The path of this GET route is not a string klotho can read (only literals and constants are), so the gateway has no route for it: requests for it get 404 unless another route (a wildcard) covers them.",
      "fastify/unknown-method server.js:6 The method of this route (PROPFIND) is not GET, POST, PUT, DELETE, PATCH, OPTIONS or HEAD as a string literal; the route is not exposed on its own.",
    ],
  },
];

describe("fastify facts", () => {
  it.each(cases)("$name", ({ files, options, expected, diagnostics }) => {
    const result = analyzeProgram(files, options);
    expect(summarizeFacts(result.facts, ...HTTP_KINDS)).toEqual(expected);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual(diagnostics ?? []);
  });
});

describe("fastify decorations", () => {
  it("gives a plugin the values its parent was decorated with before registering it, so uses of a Map count in the plugin's file", () => {
    const result = analyzeProgram({
      "app.js": cjs(`const store = new Map();`, `fastify.decorate("store", store).register(require("./pugs"), { prefix: "/pugs" });`),
      "pugs.js": lines("module.exports = async (api) => {", `  api.get("/:name", async (request) => api.store.get(request.params.name));`, "};"),
    });
    expect(summarizeFacts(result.facts, "kv_map", "object_use")).toEqual(["kv_map app.js:2 store", "object_use pugs.js:2 get app.js:2"]);
  });
});

describe("fastify routes served by an exposed app", () => {
  it("joins plugin prefixes at any depth and attributes each route to the unit owning its file", () => {
    const { units } = analyzeUnits(
      {
        "app.js": lines(
          `import Fastify from "fastify";`,
          `import v1 from "./v1.js";`,
          "const app = Fastify();",
          `app.get("/", async () => "home");`,
          `app.register(v1, { prefix: "/v1" });`,
          `app.register(v1, { prefix: "v2/" });`,
          `/* @klotho::expose { id = "api", target = "public" } */`,
          "await app.listen({ port: 3000 });",
        ),
        "v1.js": lines(`import pugs from "./pugs.js";`, "export default async function v1(api) {", `  api.get("/", async () => "v1");`, `  api.register(pugs, { prefix: "/pugs" });`, "}"),
        "pugs.js": lines(`// @klotho::execution_unit { id = "pugs" }`, "export default async (api) => {", `  api.get("/:name/*", async () => null);`, `  api.get("/", async () => []);`, "};"),
      },
      esm,
    );
    expect(summarizeRoutes(units)).toEqual([
      "GET / main app.js:4",
      "GET /v1 main v1.js:3",
      "GET /v1/pugs/:name/:rest* pugs pugs.js:3",
      "GET /v1/pugs pugs pugs.js:4",
      "GET /v2 main v1.js:3",
      "GET /v2/pugs/:name/:rest* pugs pugs.js:3",
      "GET /v2/pugs pugs pugs.js:4",
    ]);
    expect(units.progress).toEqual([
      "Found 1 route(s) on server 'app'",
      "Found 1 route(s) for middleware 'v1' unit: main",
      "Found 2 route(s) for middleware 'pugs' unit: pugs",
      "Found 1 route(s) for middleware 'v1' unit: main",
      "Found 2 route(s) for middleware 'pugs' unit: pugs",
    ]);
  });
});

describe("fastify plugins registered in a loop", () => {
  it("gives each plugin its own instance, so each keeps its routes and its unit", () => {
    const plugin = (unit: string, route: string): string => lines(`// @klotho::execution_unit { id = "${unit}" }`, "export default async function (f) {", `  f.get("${route}", async () => "${unit}");`, "}");
    const { units } = analyzeUnits(
      {
        "server.js": lines(
          `import Fastify from "fastify";`,
          "const app = Fastify();",
          `for (const name of ["users", "orders"]) {`,
          "  app.register(import(`./routes/${name}.js`), { prefix: `/${name}` });",
          "}",
          `/* @klotho::expose { id = "api", target = "public" } */`,
          "await app.listen({ port: 3000 });",
        ),
        "routes/users.js": plugin("users", "/:id"),
        "routes/orders.js": plugin("orders", "/"),
      },
      esm,
    );
    expect(summarizeRoutes(units)).toEqual(["GET /orders orders routes/orders.js:3", "GET /users/:id users routes/users.js:3"]);
  });
});

describe("fastify paths", () => {
  it.each([
    ["/pugs/:id", ["/pugs/:id"]],
    ["pugs", ["/pugs"]],
    ["", ["/"]],
    ["/files/*", ["/files/:rest*"]],
    ["*", ["/", "/:rest*"]],
    ["/posts/:id?", ["/posts", "/posts/:id"]],
    ["/:id?", ["/", "/:id"]],
    ["/users/:id(^\\d+$)/avatar", ["/users/:id/avatar"]],
    ["/:file(^\\d+(a|b)\\)?).png", ["/:file.png"]],
    ["/near/:lat-:lng", ["/near/:lat-:lng"]],
  ])("%s", (path, expected) => {
    expect(fastifyPlanPaths(path)).toEqual(expected);
  });
});
