// Koa with @koa/router as klotho sees it: apps and routers however they are imported, verbs (named
// routes, arrays of paths, chains), prefixes set in the constructor or with prefix(), routers
// mounted on the app and nested in each other, listen, and path-to-regexp paths as plan paths.
import { describe, expect, it } from "vitest";
import { koaPlanPaths } from "../../src/facts/extractors/koa/paths.js";
import { analyzeProgram, analyzeUnits, lines, summarizeDiagnostics, summarizeFacts, summarizeRoutes, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface KoaCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  readonly expected: readonly string[];
  readonly diagnostics?: readonly string[];
}

const HTTP_KINDS = ["http_app", "http_router", "http_route", "http_mount", "http_listen"] as const;
const esm = { packageJson: { type: "module" } } as const;
const header = [`const Koa = require("koa");`, `const Router = require("@koa/router");`, "const app = new Koa();"];

const cases: KoaCase[] = [
  {
    name: "CommonJS: verbs, a named route, an array of paths, chained verbs and mounts, listen",
    files: {
      "app.js": lines(
        ...header,
        "const router = new Router();",
        `router.get("/pugs/:id", (ctx) => { ctx.body = ctx.params; });`,
        `router.post("create-pug", "/pugs", (ctx) => { ctx.status = 201; });`,
        `router.del("/pugs/:id", h).all("/any", h);`,
        `router.put(["/a", "/b"], h);`,
        `router.get("/only-a-path");`,
        "function h(ctx) {}",
        "app.use(router.routes()).use(router.allowedMethods());",
        "app.listen(3000);",
      ),
    },
    expected: [
      "http_app app.js:3 app",
      "http_router app.js:4 router",
      "http_route app.js:5 GET /pugs/:id on app.js:4",
      "http_route app.js:6 POST /pugs on app.js:4",
      "http_route app.js:7 DELETE /pugs/:id on app.js:4",
      "http_route app.js:7 ANY /any on app.js:4",
      "http_route app.js:8 PUT /a on app.js:4",
      "http_route app.js:8 PUT /b on app.js:4",
      "http_mount app.js:11 / app.js:4 on app.js:3",
      "http_listen app.js:12 app.js:3",
    ],
  },
  {
    name: "ESM: routers in other files with prefixes (constructor and prefix()), nested with router.use",
    files: {
      "server.js": lines(
        `import Koa from "koa";`,
        `import Router from "@koa/router";`,
        `import users from "./users.js";`,
        `import { admin } from "./admin.js";`,
        "const app = new Koa();",
        `const api = new Router({ prefix: "/api/" });`,
        `api.use("/users", users.routes(), users.allowedMethods());`,
        "api.use(admin.routes());",
        "app.use(api.routes());",
        "app.listen(3000);",
      ),
      "users.js": lines(`import Router from "@koa/router";`, `const users = new Router({ prefix: "/v1" });`, `users.get("/", (ctx) => {});`, "export default users;"),
      "admin.js": lines(`import { Router } from "@koa/router";`, "export const admin = new Router();", `admin.prefix("/admin");`, `admin.delete("/cache", (ctx) => {});`),
    },
    options: esm,
    expected: [
      "http_router admin.js:2 admin",
      "http_route admin.js:4 DELETE /cache on admin.js:2",
      "http_app server.js:5 app",
      "http_router server.js:6 api",
      "http_mount server.js:7 /users/v1 users.js:2 on server.js:6",
      "http_mount server.js:8 /admin admin.js:2 on server.js:6",
      "http_mount server.js:9 /api server.js:6 on server.js:5",
      "http_listen server.js:10 server.js:5",
      "http_router users.js:2 users",
      "http_route users.js:3 GET / on users.js:2",
    ],
  },
  {
    name: "http.createServer(app.callback()).listen() and koa-router",
    files: {
      "app.js": lines(
        `const http = require("node:http");`,
        `const Koa = require("koa");`,
        `const Router = require("koa-router");`,
        "const app = new Koa();",
        "const router = new Router();",
        `router.get("/", (ctx) => {});`,
        "app.use(router.routes());",
        "http.createServer(app.callback()).listen(3000);",
      ),
    },
    expected: ["http_app app.js:4 app", "http_router app.js:5 router", "http_route app.js:6 GET / on app.js:5", "http_mount app.js:7 / app.js:5 on app.js:4", "http_listen app.js:8 app.js:4"],
  },
  {
    name: "dynamic paths and prefixes, unresolved routers, plain middleware",
    files: {
      "app.js": lines(
        ...header,
        "const router = new Router({ prefix: process.env.PREFIX });",
        `router.get("/x", (ctx) => {});`,
        "const other = new Router();",
        "other.get(process.env.ROUTE, (ctx) => {});",
        `app.use(require("./missing").routes());`,
        "app.use(async (ctx, next) => { await next(); });",
        "app.use(router.routes());",
        "app.use(other.routes());",
      ),
    },
    expected: [
      "http_app app.js:3 app",
      "http_router app.js:4 router",
      "http_route app.js:5 GET /x on app.js:4",
      "http_router app.js:6 other",
      "http_mount app.js:8 / unresolved './missing' on app.js:3",
      "http_mount app.js:11 / app.js:6 on app.js:3",
    ],
    diagnostics: [
      "koa/dynamic-prefix app.js:4 This router prefix or mount path is not a string literal, so klotho cannot tell where the router's routes are served; they are not exposed on their own.",
      "koa/dynamic-path app.js:7 The path of this GET route is not a string klotho can read (only literals and constants are), so the gateway has no route for it: requests for it get 404 unless another route (a wildcard) covers them.",
      "facts/unresolved-import app.js:8 Cannot resolve './missing' imported by app.js; its code is not analysed.",
    ],
  },
];

describe("koa facts", () => {
  it.each(cases)("$name", ({ files, options, expected, diagnostics }) => {
    const result = analyzeProgram(files, options);
    expect(summarizeFacts(result.facts, ...HTTP_KINDS)).toEqual(expected);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual(diagnostics ?? []);
  });
});

describe("koa routes served by an exposed app", () => {
  it("joins mount paths and router prefixes as @koa/router does and attributes routes to the unit owning their file", () => {
    const { units } = analyzeUnits({
      "app.js": lines(
        ...header,
        `const users = require("./users");`,
        `const api = new Router({ prefix: "/api" });`,
        `api.get("/", (ctx) => {});`,
        `api.use("/teams/:team", users.routes());`,
        "app.use(api.routes());",
        `/* @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "users.js": lines(
        `// @klotho::execution_unit { id = "users" }`,
        `const Router = require("@koa/router");`,
        `const users = new Router({ prefix: "/users" });`,
        `users.get("/", (ctx) => {}).get("/:id{/:tab}", (ctx) => {});`,
        `users.get("/files/*path", (ctx) => {});`,
        "module.exports = users;",
      ),
    });
    expect(summarizeRoutes(units)).toEqual([
      "GET /api main app.js:6",
      "GET /api/teams/:team/users users users.js:4",
      "GET /api/teams/:team/users/:id users users.js:4",
      "GET /api/teams/:team/users/:id/:tab users users.js:4",
      "GET /api/teams/:team/users/files/:path* users users.js:5",
    ]);
    expect(units.progress).toEqual(["Found 1 route(s) for middleware 'api' unit: main", "Found 4 route(s) for middleware 'users' unit: users"]);
  });
});

describe("koa paths", () => {
  it.each([
    ["/pugs/:id", ["/pugs/:id"]],
    ["pugs", ["/pugs"]],
    ["", ["/"]],
    ["/users{/:id}", ["/users", "/users/:id"]],
    ["/a{/b{/c}}", ["/a", "/a/b", "/a/b/c"]],
    ["{/:lang}/docs", ["/docs", "/:lang/docs"]],
    ["/files/*path", ["/files/:path*"]],
    ["/:file.:ext", ["/:file.:ext"]],
  ])("%s", (path, expected) => {
    expect(koaPlanPaths(path)).toEqual(expected);
  });
});
