import { describe, expect, it } from "vitest";
import type { Fact } from "../../src/facts/index.js";
import { analyzeProgram, lines, summarizeDiagnostics, summarizeFacts, type SourceTree } from "../helpers/program.js";

interface RouteCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
  readonly diagnostics?: readonly string[];
  /** Fact kinds to show besides apps, routers, routes and mounts. */
  readonly kinds?: readonly Fact["kind"][];
}

const header = [`const express = require("express");`, "const app = express();"];

const cases: RouteCase[] = [
  {
    name: "express.Router() with every verb",
    files: {
      "r.js": lines(
        `const express = require("express");`,
        "const router = express.Router();",
        `router.get("/g", h);`,
        `router.post("/p", h);`,
        `router.put("/u", h);`,
        `router.delete("/d", h);`,
        `router.patch("/pa", h);`,
        `router.options("/o", h);`,
        `router.head("/h", h);`,
        `router.all("/a", h);`,
        "function h(req, res) {}",
      ),
    },
    expected: [
      "http_router r.js:2 router",
      "http_route r.js:3 GET /g on r.js:2",
      "http_route r.js:4 POST /p on r.js:2",
      "http_route r.js:5 PUT /u on r.js:2",
      "http_route r.js:6 DELETE /d on r.js:2",
      "http_route r.js:7 PATCH /pa on r.js:2",
      "http_route r.js:8 OPTIONS /o on r.js:2",
      "http_route r.js:9 HEAD /h on r.js:2",
      "http_route r.js:10 ANY /a on r.js:2",
    ],
  },
  {
    name: "Router as a named import",
    files: { "r.mjs": lines(`import { Router } from "express";`, "const router = Router();", `router.get("/x", () => {});`) },
    expected: ["http_router r.mjs:2 router", "http_route r.mjs:3 GET /x on r.mjs:2"],
  },
  {
    name: "new Router() from a destructured require",
    files: { "r.js": lines(`const { Router } = require("express");`, "const router = new Router();", `router.get("/x", () => {});`) },
    expected: ["http_router r.js:2 router", "http_route r.js:3 GET /x on r.js:2"],
  },
  {
    name: "route() chains",
    files: { "r.js": lines(`const express = require("express");`, "const router = express.Router();", `router.route("/x")`, "  .get(h)", "  .post(h);", "function h() {}") },
    // each route points at its own verb in the chain
    expected: ["http_router r.js:2 router", "http_route r.js:4 GET /x on r.js:2", "http_route r.js:5 POST /x on r.js:2"],
  },
  {
    name: "template literals without expressions",
    files: { "app.js": lines(...header, "app.get(`/t`, () => {});") },
    expected: ["http_app app.js:2 app", "http_route app.js:3 GET /t on app.js:2"],
  },
  {
    name: "a template literal with an expression is dynamic",
    files: { "app.js": lines(...header, "const v = 1;", "app.get(`/t/${v}`, () => {});") },
    expected: ["http_app app.js:2 app"],
    diagnostics: ["express/dynamic-path app.js:4 The path of this GET route is not a string klotho can read (only literals and constants are), so the gateway has no route for it: requests for it get 404 unless another route (a wildcard) covers them."],
  },
  {
    name: "templates and concatenations of known strings are known paths",
    files: { "app.js": lines(...header, `const API = "/api/v1";`, "app.get(`${API}/users`, h);", `app.post(API + "/orders", h);`, "function h() {}") },
    expected: ["http_app app.js:2 app", "http_route app.js:4 GET /api/v1/users on app.js:2", "http_route app.js:5 POST /api/v1/orders on app.js:2"],
  },
  {
    name: "a mount path built from constants mounts there; one built from an unknown value is a warning and mounts nothing",
    files: {
      "app.js": lines(
        ...header,
        `const PREFIX = "/api";`,
        "const v1 = express.Router();",
        `v1.get("/users", h);`,
        "app.use(`${PREFIX}/v1`, v1);",
        `app.use(PREFIX + "/v2", v1);`,
        "app.use(`${process.env.BASE}/v3`, v1);",
        "app.use(process.env.BASE, v1);",
        "const base = process.env.BASE;",
        "app.use(base, v1);",
        "function mount(base) { app.use(base, v1); }",
        "const middleware = cors();",
        "app.use(middleware, v1);",
        "function h() {}",
      ),
    },
    expected: [
      "http_app app.js:2 app",
      "http_router app.js:4 v1",
      "http_route app.js:5 GET /users on app.js:4",
      "http_mount app.js:6 /api/v1 app.js:4 on app.js:2",
      "http_mount app.js:7 /api/v2 app.js:4 on app.js:2",
      "http_mount app.js:12 / app.js:4 on app.js:2",
      "http_mount app.js:14 / app.js:4 on app.js:2",
    ],
    diagnostics: [
      "express/dynamic-mount-path app.js:8 The path this is mounted at is not a string klotho can read (only literals and constants are); the routes mounted here are not exposed. Use a string literal or a constant.",
      "express/dynamic-mount-path app.js:9 The path this is mounted at is not a string klotho can read (only literals and constants are); the routes mounted here are not exposed. Use a string literal or a constant.",
      "express/dynamic-mount-path app.js:11 The path this is mounted at is not a string klotho can read (only literals and constants are); the routes mounted here are not exposed. Use a string literal or a constant.",
    ],
  },
  {
    name: "a handler mounted at a path that may answer there (a value klotho does not know, a function of two parameters) is a handler mount; middleware and routers are not",
    files: {
      "app.js": lines(
        ...header,
        `const { graphqlHTTP } = require("express-graphql");`,
        "const api = express.Router();",
        `app.use("/graphql", graphqlHTTP({ graphiql: true }));`,
        `app.use("/hello", (req, res) => res.send("hi"));`,
        `app.use("/docs", swagger.serve, swagger.setup(doc));`,
        `app.use("/auth", (req, res, next) => next());`,
        `app.use("/api", cors(), api);`,
        "app.use(graphqlHTTP());",
        `app.use(["/a", "/b"], function answer(req, res) { res.end(); });`,
      ),
    },
    expected: [
      "http_app app.js:2 app",
      "http_router app.js:4 api",
      "http_mount app.js:5 /graphql handler 'graphqlHTTP(...)' on app.js:2",
      "http_mount app.js:6 /hello handler 'a function' answers on app.js:2",
      "http_mount app.js:7 /docs handler 'swagger.setup(...)' on app.js:2",
      "http_mount app.js:9 /api app.js:4 on app.js:2",
      "http_mount app.js:11 /a handler 'a function' answers on app.js:2",
      "http_mount app.js:11 /b handler 'a function' answers on app.js:2",
    ],
  },
  {
    name: "express.static mounted with use() is a static mount with its folder, however express.static is reached (whether it is routed is for the units)",
    files: {
      "app.js": lines(...header, `const path = require("path");`, `app.use(express.static(path.join(__dirname, "public")));`, `app.use("/assets", express.static("assets"));`, "app.use(express.static(dir));"),
      "b.mjs": lines(`import express, { static as serve } from "express";`, "const app = express();", `app.use(serve("public"));`),
    },
    expected: ["http_app app.js:2 app", "http_static app.js:4 / public on app.js:2", "http_static app.js:5 /assets assets on app.js:2", "http_static app.js:6 / ? on app.js:2", "http_app b.mjs:2 app", "http_static b.mjs:3 / public on b.mjs:2"],
    kinds: ["http_static"],
  },
  {
    name: "path constants",
    files: { "app.js": lines(...header, `const BASE = "/base";`, "app.get(BASE, () => {});") },
    expected: ["http_app app.js:2 app", "http_route app.js:4 GET /base on app.js:2"],
  },
  {
    name: "wildcards",
    files: { "app.js": lines(...header, `app.get("*", h);`, `app.post("/*", h);`, `app.put("/files/*", h);`, "function h() {}") },
    expected: [
      "http_app app.js:2 app",
      "http_route app.js:3 GET / on app.js:2",
      "http_route app.js:3 GET /:rest* on app.js:2",
      "http_route app.js:4 POST / on app.js:2",
      "http_route app.js:4 POST /:rest* on app.js:2",
      "http_route app.js:5 PUT /files/:rest* on app.js:2",
    ],
  },
  {
    name: "app.get with one argument reads a setting",
    files: { "app.js": lines(...header, `const env = app.get("env");`, `app.set("port", 3000);`) },
    expected: ["http_app app.js:2 app"],
  },
  {
    name: "an array of paths",
    files: { "app.js": lines(...header, `app.get(["/a", "/b"], () => {});`) },
    expected: ["http_app app.js:2 app", "http_route app.js:3 GET /a on app.js:2", "http_route app.js:3 GET /b on app.js:2"],
  },
  {
    name: "chained verbs on the app",
    files: { "app.js": lines(...header, `app.get("/a", h).post("/b", h);`, "function h() {}") },
    expected: ["http_app app.js:2 app", "http_route app.js:3 GET /a on app.js:2", "http_route app.js:3 POST /b on app.js:2"],
  },
  {
    name: "routes registered inside a function nobody calls",
    files: { "app.js": lines(...header, "function register(target) {", `  app.get("/late", () => {});`, "}") },
    expected: ["http_app app.js:2 app", "http_route app.js:4 GET /late on app.js:2"],
  },
];

describe("express routes", () => {
  it.each(cases)("$name", ({ files, expected, diagnostics, kinds }) => {
    const result = analyzeProgram(files);
    expect(summarizeFacts(result.facts, "http_app", "http_router", "http_route", "http_mount", ...(kinds ?? []))).toEqual(expected);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual(diagnostics ?? []);
  });
});

// A path made of a value with a default (`process.env.BASE || "/v1"`) is routed at the default, with a warning:
// where the unit is deployed with another value, the gateway does not route its path.
describe("paths that may be another when the app runs", () => {
  const app = (...body: string[]): SourceTree => ({ "app.js": lines(`const express = require("express");`, "const app = express();", "const r = express.Router();", `r.get("/users", () => {});`, ...body) });
  const warned = (files: SourceTree): string[] => summarizeDiagnostics(analyzeProgram(files).diagnostics).map((d) => d.split(" ").slice(0, 2).join(" "));
  it.each([
    { name: "a mount at an environment variable's default (||)", files: app(`app.use(process.env.BASE || "/v1", r);`), expected: ["express/default-path app.js:5"] },
    { name: "a constant holding one (??)", files: app(`const BASE = process.env.API_BASE ?? "/v1";`, "app.use(BASE, r);", "app.get(`${BASE}/health`, () => {});"), expected: ["express/default-path app.js:6", "express/default-path app.js:7"] },
    { name: "a route concatenated from one", files: app(`const BASE = process.env.API_BASE || "/api";`, `app.get(BASE + "/ping", () => {});`), expected: ["express/default-path app.js:6"] },
    { name: "constants and a choice of two known paths are no warning", files: app(`const BASE = "/v1";`, "app.use(BASE, r);", `app.get(process.argv.length > 2 ? "/a" : "/b", () => {});`, "app.get(`${BASE}/x`, () => {});"), expected: [] },
  ])("$name", ({ files, expected }) => {
    expect(warned(files)).toEqual(expected);
  });

  it("still routes the default", () => {
    const result = analyzeProgram(app(`const BASE = process.env.API_BASE ?? "/v1";`, "app.use(BASE, r);"));
    expect(summarizeFacts(result.facts, "http_mount")).toEqual(["http_mount app.js:6 /v1 app.js:3 on app.js:2"]);
  });
});
