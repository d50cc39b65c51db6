import { describe, expect, it } from "vitest";
import type { Unit } from "../../src/units/index.js";
import { analyzeUnits, lines, summarizeDiagnostics, summarizeRoutes, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface UnitCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  readonly units: readonly Pick<Unit, "id" | "origin" | "entrypoint" | "owned" | "files">[];
  readonly routes: readonly string[];
  readonly progress: readonly string[];
  readonly diagnostics?: readonly string[];
}

const expose = `/** @klotho::expose { id = "api-gateway", target = "public" } */`;

const setup = lines(
  `const express = require("express");`,
  "function setupExpressApp() {",
  "  const app = express();",
  "  app.use(express.json());",
  "  const router = express.Router();",
  "  return { app, router };",
  "}",
  "module.exports = { setupExpressApp };",
);

const seedIndex = lines(
  `const { setupExpressApp } = require("./setup");`,
  `const pugs = require("./pugs");`,
  `const adopt = require("./adopt");`,
  "const { app, router } = setupExpressApp();",
  "app.use(router);",
  "app.use(pugs);",
  `app.use("/adopt", adopt);`,
  expose,
  "app.listen(3000);",
);

/** The seed's index.js with its setup helper written in the same file. */
const seedIndexInline = lines(
  `const express = require("express");`,
  `const pugs = require("./pugs");`,
  `const adopt = require("./adopt");`,
  "function setupExpressApp() {",
  "  const app = express();",
  "  const router = express.Router();",
  "  return { app, router };",
  "}",
  "const { app, router } = setupExpressApp();",
  "app.use(router);",
  "app.use(pugs);",
  `app.use("/adopt", adopt);`,
  expose,
  "app.listen(3000);",
);

const pugs = (annotated: boolean): string =>
  lines(
    annotated ? `/** @klotho::execution_unit { id = "pugs" } */` : "// pugs",
    `const { Router } = require("express");`,
    `// @klotho::persist { id = "dog-ddb" }`,
    "const store = new Map();",
    "const pugs = Router();",
    `pugs.post("/pugs", async (req, res) => { await store.set(req.body.id, req.body); res.sendStatus(201); });`,
    `pugs.get("/pugs/:id", async (req, res) => res.send(await store.get(req.params.id)));`,
    "module.exports = pugs;",
  );

const adopt = (annotated: boolean): string =>
  lines(
    annotated ? `/** @klotho::execution_unit { id = "adopt" } */` : "// adopt",
    `const express = require("express");`,
    `const { createClient } = require("redis");`,
    `// @klotho::persist { id = "cache" }`,
    "const client = createClient();",
    "const adopt = express.Router();",
    `adopt.get("/:id", async (req, res) => res.send(await client.get(req.params.id)));`,
    `adopt.post("/:id/request", (req, res) => res.end());`,
    `adopt.post("/:id/approve", (req, res) => res.end());`,
    `adopt.post("/:id/refuse", (req, res) => res.end());`,
    "module.exports = adopt;",
  );

const cases: UnitCase[] = [
  {
    name: "(a) no execution_unit annotation: one unit main from package.json main",
    files: { "index.js": seedIndex, "setup.js": setup, "pugs.js": pugs(false), "adopt.js": adopt(false), "unused.js": "module.exports = 1;" },
    options: { packageJson: { main: "index.js" } },
    units: [{ id: "main", origin: "implicit", entrypoint: "index.js", owned: ["adopt.js", "index.js", "pugs.js", "setup.js"], files: ["adopt.js", "index.js", "pugs.js", "setup.js"] }],
    routes: [
      "POST /pugs main pugs.js:6",
      "GET /pugs/:id main pugs.js:7",
      "GET /adopt/:id main adopt.js:7",
      "POST /adopt/:id/request main adopt.js:8",
      "POST /adopt/:id/approve main adopt.js:9",
      "POST /adopt/:id/refuse main adopt.js:10",
    ],
    progress: [
      "No routes found for middleware 'router' unit: main",
      "Found 2 route(s) for middleware 'pugs' unit: main",
      "Found 4 route(s) for middleware 'adopt' unit: main",
    ],
  },
  {
    name: "(a) without package.json main: the exposing file is the entry point",
    files: { "src/server.js": lines(`const express = require("express");`, `const api = require("./api");`, "const app = express();", `app.use("/api", api);`, expose, "app.listen(3000);"), "src/api.js": lines(`const r = require("express").Router();`, `r.get("/", (q, s) => s.end());`, "module.exports = r;") },
    units: [{ id: "main", origin: "implicit", entrypoint: "src/server.js", owned: ["src/api.js", "src/server.js"], files: ["src/api.js", "src/server.js"] }],
    routes: ["GET /api main src/api.js:2"],
    progress: ["Found 1 route(s) for middleware 'r' unit: main"],
  },
  {
    name: "(a) the app made in one file and exposed in another: package.json main is the entry point",
    files: {
      "lib/app.js": lines(`const express = require("express");`, "const app = express();", `app.get("/", (q, s) => s.end());`, "module.exports = app;"),
      "server.js": lines(`const app = require("./lib/app");`, expose, "app.listen(3000);"),
    },
    options: { packageJson: { main: "./server" } },
    units: [{ id: "main", origin: "implicit", entrypoint: "server.js", owned: ["lib/app.js", "server.js"], files: ["lib/app.js", "server.js"] }],
    routes: ["GET / main lib/app.js:3"],
    progress: ["Found 1 route(s) on server 'app'"],
  },
  {
    name: "(a) package.json main only exports the app: the file with the annotated listen is the entry point",
    files: {
      "app.js": lines(`const express = require("express");`, "const app = express();", `app.get("/", (q, s) => s.end());`, "module.exports = app;"),
      "server.js": lines(`const app = require("./app");`, expose, "app.listen(3000);"),
    },
    options: { packageJson: { main: "app.js" } },
    units: [{ id: "main", origin: "implicit", entrypoint: "server.js", owned: ["app.js", "server.js"], files: ["app.js", "server.js"] }],
    routes: ["GET / main app.js:3"],
    progress: ["Found 1 route(s) on server 'app'"],
  },
  {
    name: "(a) the app made in one file and exposed in another, no package.json main",
    files: {
      "a/app.js": lines(`const express = require("express");`, "module.exports = express();"),
      "b/server.js": lines(`const app = require("../a/app");`, `app.get("/", (q, s) => s.end());`, expose, "app.listen(3000);"),
    },
    units: [{ id: "main", origin: "implicit", entrypoint: "b/server.js", owned: ["a/app.js", "b/server.js"], files: ["a/app.js", "b/server.js"] }],
    routes: ["GET / main b/server.js:2"],
    progress: ["Found 1 route(s) on server 'app'"],
  },
  {
    name: "(b) pugs and adopt units mounted by an unowned index.js",
    files: { "index.js": seedIndex, "setup.js": setup, "pugs.js": pugs(true), "adopt.js": adopt(true) },
    options: { packageJson: { main: "index.js" } },
    units: [
      { id: "adopt", origin: "annotation", entrypoint: "index.js", owned: ["adopt.js"], files: ["adopt.js", "index.js", "setup.js"] },
      { id: "pugs", origin: "annotation", entrypoint: "index.js", owned: ["pugs.js"], files: ["index.js", "pugs.js", "setup.js"] },
    ],
    routes: [
      "POST /pugs pugs pugs.js:6",
      "GET /pugs/:id pugs pugs.js:7",
      "GET /adopt/:id adopt adopt.js:7",
      "POST /adopt/:id/request adopt adopt.js:8",
      "POST /adopt/:id/approve adopt adopt.js:9",
      "POST /adopt/:id/refuse adopt adopt.js:10",
    ],
    progress: [
      "No routes found for middleware 'router' unit: adopt",
      "No routes found for middleware 'router' unit: pugs",
      "Found 2 route(s) for middleware 'pugs' unit: pugs",
      "Found 4 route(s) for middleware 'adopt' unit: adopt",
    ],
  },
  {
    name: "(b) the seed's shape: each unit holds its own file and index.js, not the other unit's",
    files: { "index.js": seedIndexInline, "pugs.js": pugs(true), "adopt.js": adopt(true) },
    units: [
      { id: "adopt", origin: "annotation", entrypoint: "index.js", owned: ["adopt.js"], files: ["adopt.js", "index.js"] },
      { id: "pugs", origin: "annotation", entrypoint: "index.js", owned: ["pugs.js"], files: ["index.js", "pugs.js"] },
    ],
    routes: [
      "POST /pugs pugs pugs.js:6",
      "GET /pugs/:id pugs pugs.js:7",
      "GET /adopt/:id adopt adopt.js:7",
      "POST /adopt/:id/request adopt adopt.js:8",
      "POST /adopt/:id/approve adopt adopt.js:9",
      "POST /adopt/:id/refuse adopt adopt.js:10",
    ],
    progress: [
      "No routes found for middleware 'router' unit: adopt",
      "No routes found for middleware 'router' unit: pugs",
      "Found 2 route(s) for middleware 'pugs' unit: pugs",
      "Found 4 route(s) for middleware 'adopt' unit: adopt",
    ],
  },
  {
    name: "(c) a route in an unowned file beside annotated units: main exists",
    files: {
      "index.js": lines(`const express = require("express");`, `const pugs = require("./pugs");`, "const app = express();", "app.use(pugs);", `app.get("/health", (req, res) => res.end());`, expose, "app.listen(3000);"),
      "pugs.js": pugs(true),
    },
    units: [
      { id: "main", origin: "implicit", entrypoint: "index.js", owned: ["index.js"], files: ["index.js"] },
      { id: "pugs", origin: "annotation", entrypoint: "index.js", owned: ["pugs.js"], files: ["index.js", "pugs.js"] },
    ],
    routes: ["GET /health main index.js:5", "POST /pugs pugs pugs.js:6", "GET /pugs/:id pugs pugs.js:7"],
    progress: ["Found 1 route(s) on server 'app'", "Found 2 route(s) for middleware 'pugs' unit: pugs"],
  },
  {
    name: "a prefixed mount of an unresolvable import becomes catch-all routes",
    files: { "index.js": lines(`const express = require("express");`, "const app = express();", `app.use("/legacy", require("./legacy"));`, expose, "app.listen(3000);") },
    units: [{ id: "main", origin: "implicit", entrypoint: "index.js", owned: ["index.js"], files: ["index.js"] }],
    routes: ["ANY /legacy main index.js:3", "ANY /legacy/:proxy* main index.js:3"],
    progress: ["Adding catchall route for prefix '/legacy': the router mounted there ('./legacy') could not be found"],
    diagnostics: ["facts/unresolved-import index.js:3 Cannot resolve './legacy' imported by index.js; its code is not analysed."],
  },
  {
    name: "routers three levels deep joined under their prefixes",
    files: {
      "index.ts": lines(`import express from "express";`, `import { v1 } from "./v1";`, "const app = express();", `app.use("/api/", v1);`, expose, "app.listen(3000);"),
      "v1.ts": lines(`import { Router } from "express";`, `import users from "./users/index.js";`, "export const v1 = Router();", `v1.use("/users", users);`),
      "users/index.ts": lines(`import { Router } from "express";`, `import { profile } from "../profile.js";`, "const users = Router();", `users.get("/", (q, s) => s.end());`, `users.use("/:id/profile", profile);`, "export default users;"),
      "profile.ts": lines(`import { Router } from "express";`, "export const profile = Router();", `profile.get("/", (q, s) => s.end());`, `profile.put("/*", (q, s) => s.end());`),
    },
    units: [{ id: "main", origin: "implicit", entrypoint: "index.ts", owned: ["index.ts", "profile.ts", "users/index.ts", "v1.ts"], files: ["index.ts", "profile.ts", "users/index.ts", "v1.ts"] }],
    routes: [
      "GET /api/users main users/index.ts:4",
      "GET /api/users/:id/profile main profile.ts:3",
      "PUT /api/users/:id/profile main profile.ts:4",
      "PUT /api/users/:id/profile/:rest* main profile.ts:4",
    ],
    progress: [
      "No routes found for middleware 'v1' unit: main",
      "Found 1 route(s) for middleware 'users' unit: main",
      "Found 3 route(s) for middleware 'profile' unit: main",
    ],
  },
  {
    name: "a unit's router serves what it mounts: the routes of an unowned router it mounts are its own",
    files: {
      "server.js": lines(`const express = require("express");`, `const api = require("./api");`, "const app = express();", `app.use("/v1", api);`, expose, "app.listen(3000);"),
      "api.js": lines(`// @klotho::execution_unit { id = "api" }`, `const express = require("express");`, "const router = express.Router();", `router.use("/users", require("./users"));`, "module.exports = router;"),
      "users.js": lines(`const express = require("express");`, "const users = express.Router();", `users.get("/:id", (q, s) => s.end());`, "module.exports = users;"),
    },
    units: [
      { id: "api", origin: "annotation", entrypoint: "server.js", owned: ["api.js"], files: ["api.js", "server.js", "users.js"] },
    ],
    routes: ["GET /v1/users/:id api users.js:3"],
    progress: ["No routes found for middleware 'router' unit: api", "Found 1 route(s) for middleware 'users' unit: api"],
  },
  {
    name: "a unit's router mounted through another unit's router: the unit carries the routers on the way, or its app could not reach it",
    files: {
      "server.js": lines(`const express = require("express");`, `const api = require("./api");`, "const app = express();", `app.use("/v1", api);`, expose, "app.listen(3000);"),
      "api.js": lines(`// @klotho::execution_unit { id = "api" }`, `const express = require("express");`, "const router = express.Router();", `router.get("/", (q, s) => s.end());`, `router.use("/users", require("./users"));`, "module.exports = router;"),
      "users.js": lines(`// @klotho::execution_unit { id = "users" }`, `const express = require("express");`, "const users = express.Router();", `users.get("/:id", (q, s) => s.end());`, "module.exports = users;"),
    },
    units: [
      { id: "api", origin: "annotation", entrypoint: "server.js", owned: ["api.js"], files: ["api.js", "server.js", "users.js"] },
      { id: "users", origin: "annotation", entrypoint: "server.js", owned: ["users.js"], files: ["api.js", "server.js", "users.js"] },
    ],
    routes: ["GET /v1 api api.js:4", "GET /v1/users/:id users users.js:4"],
    progress: ["Found 1 route(s) for middleware 'router' unit: api", "Found 1 route(s) for middleware 'users' unit: users"],
  },
  {
    name: "a unit owning the server serves the routes of the unowned routers it mounts: no `main` is made for them",
    files: {
      "server.js": lines(`// @klotho::execution_unit { id = "web" }`, `const express = require("express");`, "const app = express();", `app.use("/api", require("./api"));`, `app.get("/own", (q, s) => s.end());`, expose, "app.listen(3000);"),
      "api.js": lines(`const r = require("express").Router();`, `r.get("/x", (q, s) => s.end());`, "module.exports = r;"),
    },
    units: [{ id: "web", origin: "annotation", entrypoint: "server.js", owned: ["server.js"], files: ["api.js", "server.js"] }],
    routes: ["GET /own web server.js:5", "GET /api/x web api.js:2"],
    progress: ["Found 1 route(s) on server 'app'", "Found 1 route(s) for middleware 'r' unit: web"],
  },
  {
    name: "a router mounted by a unit's own file is served by that unit, whose code makes the mount",
    files: {
      "server.js": lines(`const express = require("express");`, "const app = express();", "module.exports = app;", `require("./orders");`, expose, "app.listen(3000);"),
      "orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, `const app = require("./server");`, `app.use("/shared", require("./shared"));`),
      "shared.js": lines(`const r = require("express").Router();`, `r.get("/", (q, s) => s.end());`, "module.exports = r;"),
    },
    units: [{ id: "orders", origin: "annotation", entrypoint: "server.js", owned: ["orders.js"], files: ["orders.js", "server.js", "shared.js"] }],
    routes: ["GET /shared orders shared.js:2"],
    progress: ["Found 1 route(s) for middleware 'r' unit: orders"],
  },
  {
    name: "NestJS: a unit owning a module file serves the controllers its module lists, wherever their files are",
    files: {
      "main.ts": lines(`import { NestFactory } from "@nestjs/core";`, `import { AppModule } from "./app.module";`, "const app = await NestFactory.create(AppModule);", expose, "await app.listen(3000);"),
      "app.module.ts": lines(`import { Module } from "@nestjs/common";`, `import { OrdersModule } from "./orders/orders.module";`, "@Module({ imports: [OrdersModule] })", "export class AppModule {}"),
      "orders/orders.module.ts": lines(`// @klotho::execution_unit { id = "orders" }`, `import { Module } from "@nestjs/common";`, `import { OrdersController } from "./orders.controller";`, "@Module({ controllers: [OrdersController] })", "export class OrdersModule {}"),
      "orders/orders.controller.ts": lines(`import { Controller, Get } from "@nestjs/common";`, `@Controller("orders")`, "export class OrdersController {", "  @Get() list() { return []; }", "}"),
    },
    units: [{ id: "orders", origin: "annotation", entrypoint: "main.ts", owned: ["orders/orders.module.ts"], files: ["app.module.ts", "main.ts", "orders/orders.controller.ts", "orders/orders.module.ts"] }],
    routes: ["GET /orders orders orders/orders.controller.ts:4"],
    progress: ["Found 1 route(s) for controller 'OrdersController'"],
  },
  {
    name: "CORS middleware: each path under its prefix without OPTIONS or ANY gets OPTIONS, served by the unit of the path's first route",
    files: {
      "server.js": lines(
        `const express = require("express");`,
        `const cors = require("cors");`,
        "const app = express();",
        `app.use("/api", cors());`,
        `app.get("/health", (q, s) => s.end());`,
        `app.use("/api/orders", require("./orders"));`,
        `app.options("/api/own", (q, s) => s.end());`,
        `app.post("/api/own", (q, s) => s.end());`,
        expose,
        "app.listen(3000);",
      ),
      "orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, `const r = require("express").Router();`, `r.get("/", (q, s) => s.end());`, `r.put("/:id", (q, s) => s.end());`, `r.delete("/:id", (q, s) => s.end());`, "module.exports = r;"),
    },
    units: [
      { id: "main", origin: "implicit", entrypoint: "server.js", owned: ["server.js"], files: ["server.js"] },
      { id: "orders", origin: "annotation", entrypoint: "server.js", owned: ["orders.js"], files: ["orders.js", "server.js"] },
    ],
    routes: [
      "GET /health main server.js:5",
      "OPTIONS /api/own main server.js:7",
      "POST /api/own main server.js:8",
      "GET /api/orders orders orders.js:3",
      "PUT /api/orders/:id orders orders.js:4",
      "DELETE /api/orders/:id orders orders.js:5",
      "OPTIONS /api/orders orders server.js:4",
      "OPTIONS /api/orders/:id orders server.js:4",
    ],
    progress: ["Adding 2 OPTIONS route(s): the app's CORS middleware answers browsers' preflight requests", "Found 3 route(s) on server 'app'", "Found 3 route(s) for middleware 'r' unit: orders"],
  },
];

describe("execution units", () => {
  it.each(cases)("$name", ({ files, options, units, routes, progress, diagnostics }) => {
    const result = analyzeUnits(files, options);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual(diagnostics ?? []);
    expect(result.units.units.map((u) => ({ id: u.id, origin: u.origin, entrypoint: u.entrypoint, owned: u.owned, files: u.files }))).toEqual(units);
    expect(summarizeRoutes(result.units)).toEqual(routes);
    expect(result.units.progress).toEqual(progress);
  });

  it("refuses a unit whose id lies below another unit's, at the nested unit's id: their folders would overwrite each other's files", () => {
    const unit = (id: string, file: string): string => lines(`// @klotho::execution_unit { id = "${id}" }`, `require("./${file}");`);
    const result = analyzeUnits({
      "orders.js": unit("svc-orders", "orders-lib"),
      "orders-lib.js": "module.exports = 1;",
      "runtime.js": unit("svc-orders/klotho_runtime", "orders-lib"),
      "src.js": unit("svc-orders/src", "orders-lib"),
      "apart.js": unit("svc-orders-2/src", "orders-lib"),
      "main.js": lines(`/* @klotho::execution_unit { id = "main/x" } */`, "module.exports = 2;"),
      "index.js": lines(`const express = require("express");`, "const app = express();", `app.get("/", (q, s) => s.end());`, expose, "app.listen(3000);"),
    });
    expect(result.units.units.map((u) => u.id)).toEqual(["main", "main/x", "svc-orders", "svc-orders-2/src", "svc-orders/klotho_runtime", "svc-orders/src"]);
    expect(result.units.diagnostics.map((d) => `${d.code} ${d.range ? `${d.range.file}:${d.range.start.line}:${d.range.start.column + 1}` : "-"} ${d.message}`)).toEqual([
      "execution-unit/folder-conflict main.js:1:35 The folder of execution unit 'main/x' (compiled/main/x/) would be inside that of unit 'main' (compiled/main/), whose files would overwrite its own or be overwritten; give 'main/x' an id that does not start with 'main/'.",
      "execution-unit/folder-conflict runtime.js:1:35 The folder of execution unit 'svc-orders/klotho_runtime' (compiled/svc-orders/klotho_runtime/) would be inside that of unit 'svc-orders' (compiled/svc-orders/), whose files would overwrite its own or be overwritten; give 'svc-orders/klotho_runtime' an id that does not start with 'svc-orders/'.",
      "execution-unit/folder-conflict src.js:1:35 The folder of execution unit 'svc-orders/src' (compiled/svc-orders/src/) would be inside that of unit 'svc-orders' (compiled/svc-orders/), whose files would overwrite its own or be overwritten; give 'svc-orders/src' an id that does not start with 'svc-orders/'.",
    ]);
  });

  it("attributes the store uses of an exposed app's middleware to every unit serving its routes: each request goes through it", () => {
    const files = {
      "index.js": lines(
        `const express = require("express");`,
        `const { audit, count } = require("./lib/audit");`,
        "const app = express();",
        "app.use(audit);",
        `app.get("/count", async (req, res) => res.json({ n: await count() }));`,
        `app.use("/orders", require("./routes/orders"));`,
        expose,
        "app.listen(3000);",
      ),
      "lib/audit.js": lines(`/** @klotho::persist { id = "auditlog" } */`, "const log = new Map();", "exports.audit = async (req, res, next) => { await log.set(String(Date.now()), req.path); next(); };", "exports.count = async () => log.size();"),
      "lib/report.js": lines(`/** @klotho::persist { id = "reports" } */`, "const reports = new Map();", "exports.report = async () => reports.get(1);"),
      "routes/orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, `const r = require("express").Router();`, `r.get("/:id", (req, res) => res.json({ id: req.params.id }));`, "module.exports = r;"),
    };
    const result = analyzeUnits(files);
    expect(result.units.unitsOf("lib/audit.js")).toEqual(["main", "orders"]);
    const uses = result.facts.filter((f) => f.kind === "object_use").map((f) => `${f.method} ${result.units.unitsOf(f.range.file).join(",")}`);
    // A store in a file no middleware is written in stays with the units running it.
    expect(uses).toEqual(["set main,orders", "size main,orders", "get main"]);
  });

  it("attributes a store use in the gateway's app file to the units serving its routes, making no main for it when they are all annotated", () => {
    const files = {
      "cache.js": lines(`const { createClient } = require("redis");`, `// @klotho::persist { id = "cache" }`, "const client = createClient();", "module.exports = client;"),
      "users.js": lines(`/* @klotho::execution_unit { id = "users" } */`, `const router = require("express").Router();`, `router.get("/:id", (req, res) => res.end());`, "module.exports = router;"),
      "app.js": lines(
        `const express = require("express");`,
        `const cache = require("./cache");`,
        "const app = express();",
        `app.use("/users", require("./users"));`,
        "cache.connect().then(() => {",
        `  ${expose}`,
        "  app.listen(3000);",
        "});",
      ),
    };
    const result = analyzeUnits(files);
    expect(result.units.units.map((u) => u.id)).toEqual(["users"]);
    const uses = result.facts.filter((f) => f.kind === "object_use").map((f) => `${f.method} ${result.units.unitsOf(f.range.file).join(",")}`);
    expect(uses).toEqual(["connect users"]);
  });

  it("gives a handler klotho cannot see into at a prefix a catch-all only when no route lies below it: cors() there is middleware", () => {
    const router = (unit: string, path: string): string => lines(`/* @klotho::execution_unit { id = "${unit}" } */`, `const r = require("express").Router();`, `r.get("${path}", (req, res) => res.end());`, "module.exports = r;");
    const files = {
      "items.js": router("items", "/:id"),
      "comments.js": router("comments", "/:id/comments"),
      "app.js": lines(
        `const express = require("express");`,
        `const cors = require("cors");`,
        `const { graphqlHTTP } = require("express-graphql");`,
        "const app = express();",
        `app.use("/api", cors());`,
        `app.use("/api", require("./items"), require("./comments"));`,
        `app.use("/graphql", cors(), graphqlHTTP({}));`,
        expose,
        "app.listen(3000);",
      ),
    };
    const result = analyzeUnits(files);
    // cors() answers the preflight requests of the routes below /api (the catch-all at /graphql answers its own).
    expect(summarizeRoutes(result.units)).toEqual([
      "GET /api/:id/comments comments comments.js:3",
      "GET /api/:id items items.js:3",
      "ANY /graphql main app.js:7",
      "ANY /graphql/:proxy* main app.js:7",
      "OPTIONS /api/:id/comments comments app.js:5",
      "OPTIONS /api/:id items app.js:5",
    ]);
    expect(result.units.units.map((u) => u.id)).toEqual(["comments", "items", "main"]);
  });

  it("attributes each unit's store uses to that unit", () => {
    const result = analyzeUnits({ "index.js": seedIndex, "setup.js": setup, "pugs.js": pugs(true), "adopt.js": adopt(true) });
    const uses = result.facts.filter((f) => f.kind === "object_use").map((f) => `${f.method} ${result.units.unitsOf(f.range.file).join(",")}`);
    expect(uses).toEqual(["get adopt", "set pugs", "get pugs"]);
  });

  it("attributes a use in another unit's file to every unit whose own code imports (and so runs) it, besides its owner", () => {
    const users = '// @klotho::execution_unit { id = "users" }\n// @klotho::persist { id = "users" }\nconst byId = new Map();\nexports.find = (id) => byId.get(id);\n';
    const orders = '// @klotho::execution_unit { id = "orders" }\nconst { find } = require("./users");\nexports.order = (id) => find(id);\n';
    const other = '// @klotho::execution_unit { id = "other" }\nexports.x = 1;\n';
    const result = analyzeUnits({ "users.js": users, "orders.js": orders, "other.js": other });
    expect(result.units.unitsOf("users.js")).toEqual(["users", "orders"]);
    expect(result.units.unitsOf("orders.js")).toEqual(["orders"]);
  });

  // A data-access module that no execution_unit annotation owns runs in every unit that imports it:
  // its store uses are theirs. Only a use in a file no unit holds makes the implicit `main` unit.
  it("attributes a store use in an unowned file to every unit holding it, and to main only when no unit does", () => {
    const store = '// @klotho::persist { id = "profiles" }\nconst profiles = new Map();\nexports.read = (id) => profiles.get(id);\n';
    const unit = (id: string): string => `// @klotho::execution_unit { id = "${id}" }\nconst { read } = require("./store");\nread("1");\n`;
    const orphan = '// @klotho::persist { id = "cache" }\nconst cache = new Map();\ncache.set("k", 1);\n';
    const result = analyzeUnits({ "store.js": store, "a.js": unit("a"), "b.js": unit("b"), "orphan.js": orphan });
    expect(result.units.units.map((u) => [u.id, u.entrypoint])).toEqual([["a", "a.js"], ["b", "b.js"], ["main", "orphan.js"]]);
    expect(result.units.unitsOf("store.js")).toEqual(["a", "b"]);
    expect(result.units.unitsOf("orphan.js")).toEqual(["main"]);
    expect(result.units.unitsOf("a.js")).toEqual(["a"]);
    // Without the orphan, nothing is left for main: no unit without code of its own.
    const shared = analyzeUnits({ "store.js": store, "a.js": unit("a"), "b.js": unit("b") });
    expect(shared.units.units.map((u) => u.id)).toEqual(["a", "b"]);
  });

  it("starts a NestJS app in a unit without routes only when the unit owns a provider or module Nest makes", () => {
    const files = (workerClass: string) => ({
      "main.ts": lines(`import { NestFactory } from "@nestjs/core";`, `import { AppModule } from "./app.module";`, "const app = await NestFactory.create(AppModule);", `/* @klotho::expose { id = "api", target = "public" } */`, "await app.listen(3000);"),
      "app.module.ts": lines(`import { Module } from "@nestjs/common";`, `import { AuditService } from "./audit.service";`, "@Module({ providers: [AuditService] })", "export class AppModule {}"),
      "audit.service.ts": lines(`import { Injectable } from "@nestjs/common";`, `import { AUDIT_TOPIC } from "./worker";`, "@Injectable()", "export class AuditService { topic = AUDIT_TOPIC; }"),
      "worker.ts": lines(`// @klotho::execution_unit { id = "worker" }`, `import { Injectable } from "@nestjs/common";`, `export const AUDIT_TOPIC = "audit";`, workerClass),
    });
    const entry = (tree: Record<string, string>): string | undefined => analyzeUnits(tree).units.units.find((u) => u.id === "worker")?.entrypoint;
    // A file the app imports for a constant: loading it runs its code, with no app to start.
    expect(entry(files("console.log(AUDIT_TOPIC);"))).toBe("worker.ts");
    expect(entry(files("@Injectable()\nexport class WorkerService {}"))).toBe("main.ts");
    expect(entry(files("const Processor = (name: string) => (target: unknown) => target;\n@Processor(\"audio\")\nexport class AudioConsumer {}"))).toBe("main.ts");
  });

  it("serves a route by the unit whose file the handler it names is in, not the one whose wrapper made it", () => {
    const result = analyzeUnits({
      "index.js": lines(
        `const express = require("express");`,
        `const billing = require("./billing");`,
        "const app = express();",
        `app.post("/hook", billing.handler);`,
        `app.get("/users/:id", billing.asyncHandler(async (req, res) => res.end()));`,
        `/* @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "billing.js": lines(`// @klotho::execution_unit { id = "billing" }`, "exports.handler = (req, res) => res.end();", "exports.asyncHandler = (fn) => (req, res, next) => fn(req, res).catch(next);"),
    });
    expect(summarizeRoutes(result.units)).toEqual(["POST /hook billing index.js:4", "GET /users/:id main index.js:5"]);
    // Named through a type assertion, a non-null assertion or a list, it is still named.
    const typed = analyzeUnits({
      "index.ts": lines(
        `import express, { type RequestHandler } from "express";`,
        `import * as billing from "./billing";`,
        "const app = express();",
        `app.post("/pay", billing.handler as RequestHandler);`,
        `app.post("/refund", [billing.handler!]);`,
        `/* @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      ),
      "billing.ts": lines(`// @klotho::execution_unit { id = "billing" }`, "export const handler = (req: unknown, res: { end(): void }) => res.end();"),
    });
    expect(summarizeRoutes(typed.units)).toEqual(["POST /pay billing index.ts:4", "POST /refund billing index.ts:5"]);
  });

  describe("a route whose handler another unit's function is, through a wrapper or an inline delegation", () => {
    const billing = lines(`// @klotho::execution_unit { id = "billing" }`, "exports.pay = async (req, res) => res.json({ paid: true });", "exports.refund = async (req, res) => res.json({ refunded: true });");
    const gateway = (...routes: string[]): string =>
      lines(`const express = require("express");`, `const billing = require("./billing");`, `const { wrap } = require("./util");`, "const app = express();", ...routes, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
    const util = "exports.wrap = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);";
    const units = (index: string): { routes: string[]; files: [string, readonly string[]][] } => {
      const result = analyzeUnits({ "index.js": index, "billing.js": billing, "util.js": util });
      return { routes: summarizeRoutes(result.units), files: result.units.units.map((u) => [u.id, u.files]) };
    };

    it("serves a wrapped handler by the unit of the function given to the wrapper by name, which carries the wrapper's file", () => {
      const result = units(
        gateway(
          "const asyncHandler = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);",
          `app.post("/pay", asyncHandler(billing.pay));`,
          `app.post("/refund", wrap(billing.refund));`,
          `app.post("/both", wrap(asyncHandler(billing.pay)));`,
          `app.get("/health", wrap(async (req, res) => res.end()));`,
        ),
      );
      expect(result.routes).toEqual(["POST /pay billing index.js:6", "POST /refund billing index.js:7", "POST /both billing index.js:8", "GET /health main index.js:9"]);
      expect(result.files).toEqual([
        ["billing", ["billing.js", "index.js", "util.js"]],
        ["main", ["index.js", "util.js"]],
      ]);
    });

    it("does so for a wrapper from a package, a function named through as or !, and the last of several functions given", () => {
      const typed = analyzeUnits({
        "index.ts": lines(
          `import express, { type RequestHandler } from "express";`,
          `import asyncHandler from "express-async-handler";`,
          `import * as billing from "./billing";`,
          `import { audit } from "./audit";`,
          "const app = express();",
          "const compose = (...fns: RequestHandler[]): RequestHandler => (req, res, next) => fns[0]!(req, res, next);",
          `app.post("/pay", asyncHandler(billing.pay as RequestHandler));`,
          `app.post("/refund", asyncHandler(billing.refund!));`,
          `app.post("/audited", compose(audit, billing.pay));`,
          `/* @klotho::expose { id = "api", target = "public" } */`,
          "app.listen(3000);",
        ),
        "billing.ts": lines(`// @klotho::execution_unit { id = "billing" }`, "export async function pay(req: unknown, res: { end(): void }) { res.end(); }", "export const refund = pay;"),
        "audit.ts": "export function audit(req: unknown, res: unknown, next: () => void) { next(); }",
      });
      expect(summarizeRoutes(typed.units)).toEqual(["POST /pay billing index.ts:7", "POST /refund billing index.ts:8", "POST /audited billing index.ts:9"]);
      expect(typed.units.units.find((u) => u.id === "billing")?.files).toEqual(["audit.ts", "billing.ts", "index.ts"]);
    });

    it("serves an inline handler whose whole work is handing the request to another unit's function by that unit", () => {
      const result = units(
        gateway(
          `app.post("/a", (req, res) => billing.pay(req, res));`,
          `app.post("/b", async (req, res, next) => { await billing.pay(req, res); });`,
          `app.post("/c", async (req, res, next) => { try { return await billing.pay(req, res); } catch (error) { next(error); } });`,
          `app.post("/d", (req, res, next) => billing.pay(req, res).catch(next));`,
          `app.post("/e", function (req, res) { return billing.refund(req, res); });`,
        ),
      );
      expect(result.routes).toEqual(["POST /a billing index.js:5", "POST /b billing index.js:6", "POST /c billing index.js:7", "POST /d billing index.js:8", "POST /e billing index.js:9"]);
    });

    it("warns at the call, not routing it, when a handler does more than hand the request to another unit's function", () => {
      const result = analyzeUnits({
        "index.js": gateway(
          `app.post("/pay", async (req, res) => { console.log(req.url); await billing.pay(req, res); });`,
          `app.post("/two", (req, res) => { billing.refund(req, res); billing.pay(req, res); });`,
          `app.get("/price", (req, res) => res.json({ price: billing.price }));`,
          // A name the handler declares itself is not the import: no warning.
          `app.post("/local", (req, res) => { const billing = { pay: () => res.end() }; billing.pay(req, res); });`,
        ),
        "billing.js": billing,
        "util.js": util,
      });
      expect(summarizeRoutes(result.units)).toEqual(["POST /pay main index.js:5", "POST /two main index.js:6", "GET /price main index.js:7", "POST /local main index.js:8"]);
      expect(summarizeDiagnostics(result.units.diagnostics).map((d) => d.split(" to a function")[0])).toEqual([
        "execution-unit/handler-in-other-unit index.js:5 This call hands the request of route POST /pay",
        "execution-unit/handler-in-other-unit index.js:6 This call hands the request of route POST /two",
        "execution-unit/handler-in-other-unit index.js:6 This call hands the request of route POST /two",
      ]);
      const [first] = result.units.diagnostics;
      expect(first?.range?.start).toMatchObject({ line: 5, column: 67 });
      expect(first?.message).toContain("a function of 'billing.js', which runs in unit 'billing'; but unit 'main' serves the route");
      // Framework-neutral (Koa and Fastify apps get it too), and true of the stand-in: it never answers.
      expect(first?.message).toContain("a stand-in that does nothing with the request and does not answer it");
      expect(first?.message).not.toMatch(/app\.post|\(req, res\)|answers the request with an error/);
    });

    describe("a handler a controller made with a wrapper and exports, named by an unowned router", () => {
      const router = lines(
        `const router = require("express").Router();`,
        `const { getProducts, createProduct } = require("../controllers/products");`,
        `router.route("/").get(getProducts).post(createProduct);`,
        `router.get("/top", (req, res) => res.json([]));`,
        "module.exports = router;",
      );
      const index = lines(`const express = require("express");`, "const app = express();", `app.use("/api/products", require("./routes/products"));`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(5000);");
      const controller = (...body: string[]): string => lines(`// @klotho::execution_unit { id = "products" }`, ...body);
      const catchAsync = "module.exports = (fn) => (req, res, next) => fn(req, res, next).catch(next);";
      const served = (controllerCode: string, extra: Record<string, string> = {}): { routes: string[]; products: readonly string[] | undefined } => {
        const result = analyzeUnits({ "index.js": index, "routes/products.js": router, "controllers/products.js": controllerCode, ...extra });
        return { routes: summarizeRoutes(result.units), products: result.units.units.find((u) => u.id === "products")?.files };
      };
      const routes = ["GET /api/products products routes/products.js:3", "POST /api/products products routes/products.js:3", "GET /api/products/top main routes/products.js:4"];

      it("serves it by the controller's unit, which carries the wrapper of a util file", () => {
        const result = served(
          controller(`const catchAsync = require("../utils/catchAsync");`, "const getProducts = catchAsync(async (req, res) => res.json([]));", "const createProduct = catchAsync(async (req, res) => res.status(201).end());", "module.exports = { getProducts, createProduct };"),
          { "utils/catchAsync.js": catchAsync },
        );
        expect(result.routes).toEqual(routes);
        expect(result.products).toEqual(["controllers/products.js", "index.js", "routes/products.js", "utils/catchAsync.js"]);
      });

      it("does so for `exports.x = catchAsync(...)`, a wrapper of the controller's own file and one of a package", () => {
        const exportsStyle = controller(`const catchAsync = require("../utils/catchAsync");`, "exports.getProducts = catchAsync(async (req, res) => res.json([]));", "exports.createProduct = catchAsync(async (req, res) => res.end());");
        expect(served(exportsStyle, { "utils/catchAsync.js": catchAsync }).routes).toEqual(routes);
        const sameFile = controller(catchAsync.replace("module.exports =", "const catchAsync ="), "exports.getProducts = catchAsync(async (req, res) => res.json([]));", "exports.createProduct = catchAsync(async (req, res) => res.end());");
        expect(served(sameFile).routes).toEqual(routes);
        const fromPackage = controller(`const asyncHandler = require("express-async-handler");`, "const getProducts = asyncHandler(async (req, res) => res.json([]));", "const createProduct = asyncHandler(async (req, res) => res.end());", "module.exports = { getProducts, createProduct };");
        expect(served(fromPackage).routes).toEqual(routes);
      });

      it("leaves a handler the router's own file made with the wrapper to main, and a function a call hands back to its own file's unit", () => {
        const own = lines(
          `const router = require("express").Router();`,
          `const catchAsync = require("../utils/catchAsync");`,
          `const { pick } = require("../controllers/products");`,
          "const list = catchAsync(async (req, res) => res.json([]));",
          `router.get("/", list);`,
          "const picked = pick();",
          `router.get("/picked", picked);`,
          "module.exports = router;",
        );
        const result = analyzeUnits({
          "index.js": index,
          "routes/products.js": own,
          "controllers/products.js": lines(`// @klotho::execution_unit { id = "products" }`, "const show = (req, res) => res.end();", "exports.pick = () => show;"),
          "utils/catchAsync.js": catchAsync,
        });
        expect(summarizeRoutes(result.units)).toEqual(["GET /api/products main routes/products.js:5", "GET /api/products/picked products routes/products.js:7"]);
      });
    });

    it("serves a handler the route's own file makes by wrapping another unit's function, then names, by that function's unit", () => {
      const billing = lines(`// @klotho::execution_unit { id = "billing" }`, "exports.pay = async (req, res) => res.json({ paid: true });", "exports.refund = async (req, res) => res.json({ refunded: true });");
      const gateway = lines(
        `const express = require("express");`,
        `const asyncHandler = require("express-async-handler");`,
        `const catchAsync = require("./utils/catchAsync");`,
        `const billing = require("./billing");`,
        "const app = express();",
        "const pay = asyncHandler(billing.pay);",
        "const refund = catchAsync(billing.refund);",
        "const health = catchAsync(async (req, res) => res.end());",
        `app.post("/pay", pay);`,
        `app.post("/refund", refund);`,
        `app.get("/health", health);`,
        `/* @klotho::expose { id = "api", target = "public" } */`,
        "app.listen(3000);",
      );
      const result = analyzeUnits({ "index.js": gateway, "billing.js": billing, "utils/catchAsync.js": "module.exports = (fn) => (req, res, next) => fn(req, res, next).catch(next);" });
      expect(summarizeRoutes(result.units)).toEqual(["POST /pay billing index.js:9", "POST /refund billing index.js:10", "GET /health main index.js:11"]);
      expect(result.units.units.find((u) => u.id === "billing")?.files).toContain("utils/catchAsync.js");
    });

    it("gives Koa and Fastify routes naming or delegating to another unit's function to that unit", () => {
      const koaBilling = lines(`// @klotho::execution_unit { id = "billing" }`, "exports.pay = async (ctx) => { ctx.body = { paid: true }; };");
      const koa = analyzeUnits({
        "index.js": lines(
          `const Koa = require("koa");`,
          `const Router = require("@koa/router");`,
          `const billing = require("./billing");`,
          "const app = new Koa();",
          "const router = new Router();",
          `router.post("/pay", billing.pay);`,
          `router.post("refund", "/refund", billing.pay);`,
          `router.post("/inline", (ctx) => billing.pay(ctx));`,
          `router.get("/health", (ctx) => { ctx.body = "ok"; });`,
          "app.use(router.routes());",
          `/* @klotho::expose { id = "api", target = "public" } */`,
          "app.listen(3000);",
        ),
        "billing.js": koaBilling,
      });
      expect(summarizeRoutes(koa.units)).toEqual(["POST /pay billing index.js:6", "POST /refund billing index.js:7", "POST /inline billing index.js:8", "GET /health main index.js:9"]);
      const fastifyBilling = lines(`// @klotho::execution_unit { id = "billing" }`, "exports.pay = async (request, reply) => ({ paid: true });");
      const fastify = analyzeUnits({
        "index.js": lines(
          `const fastify = require("fastify");`,
          `const billing = require("./billing");`,
          "const app = fastify();",
          `app.post("/pay", billing.pay);`,
          `app.post("/options", { schema: {} }, billing.pay);`,
          `app.route({ method: "POST", url: "/route", handler: billing.pay });`,
          `app.post("/inside", { handler: billing.pay });`,
          `app.post("/inline", async (request, reply) => billing.pay(request, reply));`,
          `app.get("/health", async () => "ok");`,
          `/* @klotho::expose { id = "api", target = "public" } */`,
          "app.listen({ port: 3000 });",
        ),
        "billing.js": fastifyBilling,
      });
      expect(summarizeRoutes(fastify.units)).toEqual([
        "POST /pay billing index.js:4",
        "POST /options billing index.js:5",
        "POST /route billing index.js:6",
        "POST /inside billing index.js:7",
        "POST /inline billing index.js:8",
        "GET /health main index.js:9",
      ]);
      expect(fastify.units.units.find((u) => u.id === "billing")?.files).toEqual(["billing.js", "index.js"]);
    });
  });

  // Every unit serving routes carries the gateway's app file, but runs only its own routes: a router
  // only the app file mounts, all of whose routes main serves, is main's, not every unit's.
  describe("main's routers in an annotated unit", () => {
    const index = lines(`const express = require("express");`, "const app = express();", `app.use(require("./shop"));`, `app.use(require("./admin"));`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
    const shop = (...extra: string[]): string =>
      lines(`const express = require("express");`, `// @klotho::persist { id = "carts" }`, "const carts = new Map();", "const router = express.Router();", ...extra, `router.get("/cart", async (req, res) => res.json(await carts.get("1")));`, "module.exports = router;");
    const admin = lines(`// @klotho::execution_unit { id = "admin" }`, `const express = require("express");`, `module.exports = express.Router().get("/admin", (req, res) => res.end());`);
    const adminFiles = (files: Record<string, string>): readonly string[] | undefined => analyzeUnits(files).units.units.find((u) => u.id === "admin")?.files;

    it("neither carries nor runs them, nor what only they import", () => {
      const result = analyzeUnits({ "index.js": index, "shop.js": shop(`const { price } = require("./prices");`), "prices.js": "exports.price = 1;\n", "admin.js": admin });
      expect(result.units.units.map((u) => [u.id, u.files])).toEqual([
        ["admin", ["admin.js", "index.js"]],
        ["main", ["index.js", "prices.js", "shop.js"]],
      ]);
      expect(result.units.unitsOf("shop.js")).toEqual(["main"]);
    });

    it("carries one whose middleware runs for every request through its mount, or that the unit's own code imports", () => {
      // Express runs a router's `use()` middleware for each request reaching its mount, also those its routes do not answer.
      expect(adminFiles({ "index.js": index, "shop.js": shop(`router.use(require("cors")());`), "admin.js": admin })).toContain("shop.js");
      expect(adminFiles({ "index.js": index, "shop.js": shop("router.use((req, res, next) => next());"), "admin.js": admin })).toContain("shop.js");
      const adminImporting = lines(`// @klotho::execution_unit { id = "admin" }`, `const express = require("express");`, `require("./shop");`, `module.exports = express.Router().get("/admin", (req, res) => res.end());`);
      expect(adminFiles({ "index.js": index, "shop.js": shop(), "admin.js": adminImporting })).toContain("shop.js");
    });

    it("carries one that exports more than its routers, which any unit's code may use (a guard, a path, a helper)", () => {
      const exporting = (...extra: string[]): string => lines(shop(), ...extra);
      for (const extra of [
        "module.exports.requireAuth = (req, res, next) => next();",
        `exports.API = "/api/v1";`,
        "Object.assign(module.exports, { format: (x) => String(x) });",
      ]) expect(adminFiles({ "index.js": index, "shop.js": exporting(extra), "admin.js": admin })).toContain("shop.js");
      const esm = lines(`import { Router } from "express";`, "export const shopRouter = Router();", `shopRouter.get("/cart", (req, res) => res.end());`);
      const esmIndex = lines(`import express from "express";`, `import { shopRouter } from "./shop.mjs";`, `import adminRouter from "./admin.mjs";`, "const app = express();", "app.use(shopRouter);", "app.use(adminRouter);", `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
      const esmAdmin = lines(`// @klotho::execution_unit { id = "admin" }`, `import { Router } from "express";`, `export default Router().get("/admin", (req, res) => res.end());`);
      expect(adminFiles({ "index.mjs": esmIndex, "shop.mjs": esm, "admin.mjs": esmAdmin })).toEqual(["admin.mjs", "index.mjs"]);
      expect(adminFiles({ "index.mjs": esmIndex, "shop.mjs": lines(esm, "export function requireAuth(req, res, next) { next(); }"), "admin.mjs": esmAdmin })).toContain("shop.mjs");
    });

    it("carries one whose top level does more than make its routers, which another unit's code may rely on (a model registered, a listener)", () => {
      for (const extra of [
        `require("mongoose").model("User", new (require("mongoose").Schema)({ name: String }));`,
        `const User = require("mongoose").model("User", {});`,
        `process.on("SIGTERM", () => carts.clear());`,
        `require("./cache").warm();`,
        `require("./models/user");`,
        "globalThis.carts = carts;",
        "const schema = new Schema({});",
        `for (const path of ["/a", "/b"]) router.get(path, (req, res) => res.end());`,
        "class Plugins { static loaded = register(); }",
        `const config = { key: readKey() };`,
      ]) expect(adminFiles({ "index.js": index, "shop.js": shop(extra), "admin.js": admin }), extra).toContain("shop.js");
      const esm = lines(`import { Router } from "express";`, `import { cache } from "./cache.mjs";`, "export const shopRouter = Router();", "await cache.warm();", `shopRouter.get("/cart", (req, res) => res.end());`);
      const esmIndex = lines(`import express from "express";`, `import { shopRouter } from "./shop.mjs";`, `import adminRouter from "./admin.mjs";`, "const app = express();", "app.use(shopRouter);", "app.use(adminRouter);", `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
      const esmAdmin = lines(`// @klotho::execution_unit { id = "admin" }`, `import { Router } from "express";`, `export default Router().get("/admin", (req, res) => res.end());`);
      expect(adminFiles({ "index.mjs": esmIndex, "shop.mjs": esm, "cache.mjs": "export const cache = { warm: async () => {} };\n", "admin.mjs": esmAdmin })).toContain("shop.mjs");
      const importingModels = lines(`import "./models.mjs";`, esm.replace("await cache.warm();\n", ""));
      expect(adminFiles({ "index.mjs": esmIndex, "shop.mjs": importingModels, "cache.mjs": "export const cache = {};\n", "models.mjs": "globalThis.models = [];\n", "admin.mjs": esmAdmin })).toContain("shop.mjs");
    });

    it("stands in for one whose top level only imports, declares, registers routes on its routers and exports", () => {
      const quiet = shop(
        `const { body } = require("express-validator");`,
        "const MAX_ITEMS = 50, LABEL = `max ${MAX_ITEMS}`;",
        "const limits = { max: MAX_ITEMS, labels: [LABEL], check() { return true; } };",
        "function price(item) { return item.price * 2; }",
        "class Basket { static empty = []; total() { return 0; } }",
        "const seen = new Set();",
        `router.param("id", (req, res, next, id) => next());`,
        `router.route("/cart/:id").get((req, res) => res.json(price(req.body))).put(body("qty").isInt(), (req, res) => res.end());`,
      );
      expect(adminFiles({ "index.js": index, "shop.js": quiet, "admin.js": admin })).toEqual(["admin.js", "index.js"]);
      const chained = lines(`const express = require("express");`, `module.exports = express.Router().get("/cart", (req, res) => res.end()).post("/cart", (req, res) => res.end());`);
      expect(adminFiles({ "index.js": index, "shop.js": chained, "admin.js": admin })).toEqual(["admin.js", "index.js"]);
    });

    it("carries one exporting a class that holds its router, whose making another unit's code may rely on", () => {
      const esmIndex = lines(`import express from "express";`, `import { UsersRoutes } from "./users.mjs";`, `import adminRouter from "./admin.mjs";`, "const app = express();", `app.use("/users", new UsersRoutes().router);`, "app.use(adminRouter);", `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
      const users = lines(`import { Router } from "express";`, `import { registerModel } from "./models.mjs";`, "export class UsersRoutes {", "  router = Router();", `  constructor() { registerModel("User"); this.router.get("/", (req, res) => res.end()); }`, "}");
      const esmAdmin = lines(`// @klotho::execution_unit { id = "admin" }`, `import { Router } from "express";`, `export default Router().get("/admin", (req, res) => res.end());`);
      const files = { "index.mjs": esmIndex, "users.mjs": users, "models.mjs": "export function registerModel(name) { return name; }\n", "admin.mjs": esmAdmin };
      expect(adminFiles(files)).toContain("users.mjs");
      expect(adminFiles({ ...files, "users.mjs": users.replace("export class UsersRoutes", "export default class UsersRoutes"), "index.mjs": esmIndex.replace("import { UsersRoutes }", "import UsersRoutes") })).toContain("users.mjs");
    });

    it("carries one with a helper set on its router, which the stand-in would replace with middleware passing every request on", () => {
      const guarded = shop("router.requireAuth = (req, res, next) => (req.headers.authorization ? next() : res.status(401).end());");
      const guardingIndex = lines(`const express = require("express");`, `const shop = require("./shop");`, "const app = express();", "app.use(shop);", `app.use("/admin", (req, res, next) => shop.requireAuth(req, res, next), require("./admin"));`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
      expect(adminFiles({ "index.js": guardingIndex, "shop.js": guarded, "admin.js": admin })).toContain("shop.js");
      expect(adminFiles({ "index.js": index, "shop.js": shop("Object.assign(router, { requireAuth: (req, res, next) => next() });"), "admin.js": admin })).toContain("shop.js");
    });

    it("carries one with a route that may pass requests on at a path other units' requests match (router.all('*', auth))", () => {
      const guarded = lines(`const express = require("express");`, "const router = express.Router();", `router.all("*", (req, res, next) => (req.headers.authorization ? next() : res.status(401).end()));`, `router.get("/account", (req, res) => res.end());`, "module.exports = router;");
      expect(adminFiles({ "index.js": index, "shop.js": guarded, "admin.js": admin })).toContain("shop.js");
      // A handler that passes on only an error (an async wrapper's `next(error)`, a value klotho cannot see into at a GET route) hands no request on.
      const wrapped = lines(`const express = require("express");`, "const router = express.Router();", "const wrap = (fn) => (req, res, next) => fn(req, res).catch(next);", `router.get("/:id", wrap(async (req, res) => res.end()));`, `router.put("/:id", async (req, res, next) => { try { res.end(); } catch (error) { next(error); } });`, "module.exports = router;");
      expect(adminFiles({ "index.js": index, "shop.js": wrapped, "admin.js": admin })).toEqual(["admin.js", "index.js"]);
      // Middleware on a path no other request matches guards only its own route.
      const exact = lines(`const express = require("express");`, "const router = express.Router();", `router.get("/account", (req, res, next) => next(), (req, res) => res.end());`, "module.exports = router;");
      expect(adminFiles({ "index.js": index, "shop.js": exact, "admin.js": admin })).toEqual(["admin.js", "index.js"]);
    });

    it("carries another unit's file its own code imports through a barrel the gateway imports too", () => {
      const server = lines(`import express from "express";`, `import { users, orders } from "./routes/index.js";`, "const app = express();", `app.use("/users", users);`, `app.use("/orders", orders);`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
      const users = lines(`// @klotho::execution_unit { id = "users" }`, `import { Router } from "express";`, "export const MAX_PAGE = 50;", `export const users = Router().get("/", (req, res) => res.end());`);
      const orders = lines(`// @klotho::execution_unit { id = "orders" }`, `import { Router } from "express";`, `import { MAX_PAGE } from "./index.js";`, `export const orders = Router().get("/", (req, res) => res.json({ max: MAX_PAGE }));`);
      const result = analyzeUnits({ "server.mjs": server.replace("./routes/index.js", "./routes/index.mjs"), "routes/index.mjs": lines(`export * from "./users.mjs";`, `export * from "./orders.mjs";`), "routes/users.mjs": users, "routes/orders.mjs": orders.replace("./index.js", "./index.mjs") });
      expect(result.units.units.find((u) => u.id === "orders")?.files).toEqual(["routes/index.mjs", "routes/orders.mjs", "routes/users.mjs", "server.mjs"]);
    });

    // The unit's router file imports back the barrel re-exporting it: Node runs it from the app's file,
    // inside the barrel, not first because its name sorts first (the barrel would then export it half made).
    it("routes to a unit whose router a circular barrel re-exports (routes/index.js importing ./billing, which imports it back)", () => {
      const billingCjs = lines(`// @klotho::execution_unit { id = "billing" }`, `const { Router } = require("express");`, `const { wrap } = require("./index");`, "const billing = Router();", `billing.post("/pay", wrap((req, res) => res.end()));`, "module.exports = billing;");
      const cjs = analyzeUnits({
        "server.js": lines(`const express = require("express");`, `const { billing } = require("./routes");`, "const app = express();", `app.use("/billing", billing);`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);"),
        "routes/index.js": lines("exports.wrap = (fn) => fn;", `exports.billing = require("./billing");`),
        "routes/billing.js": billingCjs,
      });
      expect(summarizeRoutes(cjs.units)).toEqual(["POST /billing/pay billing routes/billing.js:5"]);
      const esm = analyzeUnits({
        "server.mjs": lines(`import express from "express";`, `import { billing } from "./routes/index.mjs";`, "const app = express();", `app.use("/billing", billing);`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);"),
        "routes/index.mjs": lines(`export * from "./billing.mjs";`, "export function wrap(fn) { return fn; }"),
        "routes/billing.mjs": lines(`// @klotho::execution_unit { id = "billing" }`, `import { Router } from "express";`, `import { wrap } from "./index.mjs";`, "export const billing = Router();", `billing.post("/pay", wrap((req, res) => res.end()));`),
      });
      expect(summarizeRoutes(esm.units)).toEqual(["POST /billing/pay billing routes/billing.mjs:5"]);
    });

    it("carries one that mounts a router of the unit, whose routes it then serves too", () => {
      const shopMountingAdmin = shop(`router.use("/shop", require("./admin"));`);
      const app = lines(`const express = require("express");`, "const app = express();", `app.use(require("./shop"));`, `/* @klotho::expose { id = "api", target = "public" } */`, "app.listen(3000);");
      expect(adminFiles({ "index.js": app, "shop.js": shopMountingAdmin, "admin.js": admin })).toEqual(["admin.js", "index.js", "shop.js"]);
    });
  });

  describe("main's NestJS controllers in an annotated unit", () => {
    const main = lines(`import { NestFactory } from "@nestjs/core";`, `import { AppModule } from "./app.module";`, "const app = await NestFactory.create(AppModule);", `/* @klotho::expose { id = "api", target = "public" } */`, "await app.listen(3000);");
    const appModule = lines(
      `import { Module } from "@nestjs/common";`,
      `import { CatalogController } from "./catalog.controller";`,
      `import { CatalogService } from "./catalog.service";`,
      `import { OrdersModule } from "./orders.module";`,
      "@Module({ imports: [OrdersModule], controllers: [CatalogController], providers: [CatalogService] })",
      "export class AppModule {}",
    );
    const service = lines(`import { Injectable } from "@nestjs/common";`, "@Injectable()", "export class CatalogService { find(sku: string) { return { sku }; } }");
    const ordersModule = lines(`// @klotho::execution_unit { id = "orders" }`, `import { Module } from "@nestjs/common";`, `import { OrdersController } from "./orders.controller";`, "@Module({ controllers: [OrdersController] })", "export class OrdersModule {}");
    const ordersController = lines(`// @klotho::execution_unit { id = "orders" }`, `import { Controller, Get } from "@nestjs/common";`, `@Controller("orders")`, "export class OrdersController { @Get() list() { return []; } }");
    /** The catalog controller: its class, with `extra` members, after `head` (imports and declarations). */
    const catalog = (members: readonly string[] = [], head: readonly string[] = []): string =>
      lines(
        `import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from "@nestjs/common";`,
        `import { CatalogService } from "./catalog.service";`,
        `import { AuthGuard } from "./auth.guard";`,
        ...head,
        `@Controller("products")`,
        "@UseGuards(AuthGuard)",
        "export class CatalogController {",
        "  constructor(private readonly catalog: CatalogService) {}",
        `  @Get(":sku") find(@Param("sku") sku: string) { return this.catalog.find(sku); }`,
        "  @Post() @HttpCode(201) create(@Body() body: { sku: string }) { return body; }",
        ...members,
        "}",
      );
    const guard = lines(`import { Injectable } from "@nestjs/common";`, "@Injectable()", "export class AuthGuard { canActivate() { return true; } }");
    const files = (catalogText: string, extra: Record<string, string> = {}) => ({
      "main.ts": main,
      "app.module.ts": appModule,
      "catalog.controller.ts": catalogText,
      "catalog.service.ts": service,
      "auth.guard.ts": guard,
      "orders.module.ts": ordersModule,
      "orders.controller.ts": ordersController,
      ...extra,
    });
    const ordersFiles = (catalogText: string, extra: Record<string, string> = {}): readonly string[] | undefined => analyzeUnits(files(catalogText, extra)).units.units.find((u) => u.id === "orders")?.files;

    it("neither carries one that only answers its routes nor what only it imports, and main still does", () => {
      const result = analyzeUnits(files(catalog([], ["const LIMIT = 50;"])));
      expect(result.units.units.map((u) => [u.id, u.files])).toEqual([
        ["main", ["app.module.ts", "auth.guard.ts", "catalog.controller.ts", "catalog.service.ts", "main.ts"]],
        ["orders", ["app.module.ts", "catalog.service.ts", "main.ts", "orders.controller.ts", "orders.module.ts"]],
      ]);
    });

    it("leaves out one whose decorators take guards and pipes NestJS's packages make, or describe it for @nestjs/swagger", () => {
      const described = catalog(
        [`  @Get(":id/stock") @ApiOperation({ summary: "Stock" }) stock(@Param("id", new ParseIntPipe({ errorHttpStatusCode: HttpStatus.BAD_REQUEST })) id: number) { return id; }`],
        [`import { HttpStatus, ParseIntPipe } from "@nestjs/common";`, `import { AuthGuard } from "@nestjs/passport";`, `import { ApiOperation, ApiTags } from "@nestjs/swagger";`],
      ).replace("@UseGuards(AuthGuard)", `@UseGuards(AuthGuard("jwt"))\n@ApiTags("catalog")`).replace(`import { AuthGuard } from "./auth.guard";\n`, "");
      expect(ordersFiles(described)).not.toContain("catalog.controller.ts");
      // A guard the app's own function makes may do anything when it is made.
      const made = catalog([], [`import { makeGuard } from "./guards";`]).replace("@UseGuards(AuthGuard)", "@UseGuards(makeGuard())");
      expect(ordersFiles(made, { "guards.ts": "export function makeGuard() { return class {}; }\n" })).toContain("catalog.controller.ts");
    });

    it("carries one whose making does work whatever requests come: a base class, a hook, a constructor body, a field with effects, a decorator of another kind", () => {
      const extra = {
        "events.ts": "export const OnEvent = (name: string) => () => undefined;\n",
        "roles.ts": "export const Roles = (...roles: string[]) => () => undefined;\n",
        "base.ts": "export class BaseController { onModuleInit() {} }\n",
        "pricing.ts": "export const pricing = { register(name: string) { return name; } };\n",
      };
      for (const [members, head] of [
        [["  onModuleInit() { console.log('ready'); }"], []],
        [["  onApplicationBootstrap() {}"], []],
        [[`  "onModuleDestroy"() {}`], []],
        [["  onModuleInit = () => undefined;"], []],
        [[`  ["onModule" + "Init"]() {}`], []],
        [["  private timer = setInterval(() => undefined, 1000);"], []],
        [[`  @Cron("0 * * * *") hourly() {}`], [`import { Cron } from "@nestjs/schedule";`]],
        [[`  @Get("refresh") @OnEvent("order.placed") refresh() {}`], [`import { OnEvent } from "./events";`]],
        [[`  @Roles("admin") @Get("admin") admin() { return 1; }`], [`import { Roles } from "./roles";`]],
        [["  static { register(); }"], []],
        [[`  @SetMetadata("job", "hourly") @Get("jobs") jobs() { return 1; }`], [`import { SetMetadata } from "@nestjs/common";`]],
      ] as const) {
        expect(ordersFiles(catalog(members, head), extra), members.join(" ")).toContain("catalog.controller.ts");
      }
      const constructing = catalog([], [`import { pricing } from "./pricing";`]).replace("private readonly catalog: CatalogService) {}", `private readonly catalog: CatalogService) { pricing.register("catalog"); }`);
      expect(ordersFiles(constructing, extra)).toContain("catalog.controller.ts");
      const defaulting = catalog().replace("constructor(private readonly catalog: CatalogService) {}", "constructor(private readonly catalog: CatalogService, private readonly timer = setInterval(() => undefined, 1000)) {}");
      expect(ordersFiles(defaulting, extra)).toContain("catalog.controller.ts");
      // The base class's hook runs, and so would its constructor.
      const extending = lines(`import { Controller, Get } from "@nestjs/common";`, `import { BaseController } from "./base";`, `@Controller("products")`, "export class CatalogController extends BaseController {", `  @Get(":sku") find() { return 1; }`, "}");
      expect(ordersFiles(extending, extra)).toContain("catalog.controller.ts");
    });

    it("carries one whose file exports more than its controllers, or whose top level does more than declare", () => {
      expect(ordersFiles(lines(catalog(), "export class CreateProductDto { sku = ''; }"))).toContain("catalog.controller.ts");
      expect(ordersFiles(catalog([], [`import { register } from "./registry";`, "register('catalog');"]), { "registry.ts": "export function register(name: string) { return name; }\n" })).toContain("catalog.controller.ts");
    });

    it("carries one that code uses as the class itself, or reaches through a barrel, which would get a stand-in", () => {
      const withModule = (text: string, extra: Record<string, string> = {}) => ordersFiles(catalog(), { "app.module.ts": text, ...extra });
      // app.get(CatalogController) in the gateway's file.
      expect(ordersFiles(catalog(), { "main.ts": main.replace("const app = await NestFactory.create(AppModule);", "const app = await NestFactory.create(AppModule);\napp.get(CatalogController);").replace(`import { AppModule } from "./app.module";`, `import { AppModule } from "./app.module";\nimport { CatalogController } from "./catalog.controller";`) })).toContain("catalog.controller.ts");
      // Also a provider, injected into another.
      expect(withModule(appModule.replace("providers: [CatalogService]", "providers: [CatalogService, CatalogController]"))).toContain("catalog.controller.ts");
      // A static helper read elsewhere.
      expect(withModule(lines(appModule, "export const limit = CatalogController.name.length;"))).toContain("catalog.controller.ts");
      // Through a barrel.
      const barrelled = appModule.replace(`import { CatalogController } from "./catalog.controller";`, `import { CatalogController } from "./controllers";`);
      expect(withModule(barrelled, { "controllers.ts": `export * from "./catalog.controller";\n` })).toContain("catalog.controller.ts");
      // Listed where a unit without the file does not drop it: module metadata in a constant, a dynamic
      // module without a literal `module` key, forRoutes on a consumer chain kept in a variable.
      const metadata = lines(
        `import { Module, ModuleMetadata } from "@nestjs/common";`,
        `import { CatalogController } from "./catalog.controller";`,
        `import { CatalogService } from "./catalog.service";`,
        `import { OrdersModule } from "./orders.module";`,
        "const metadata: ModuleMetadata = { imports: [OrdersModule], controllers: [CatalogController], providers: [CatalogService] };",
        "@Module(metadata)",
        "export class AppModule {}",
      );
      expect(withModule(metadata)).toContain("catalog.controller.ts");
      const spread = lines(appModule.replace("controllers: [CatalogController], ", ""), "const base = { module: AppModule };", "export function catalogModule() { return { ...base, controllers: [CatalogController] }; }");
      expect(withModule(spread)).toContain("catalog.controller.ts");
      const keptChain = appModule
        .replace("export class AppModule {}", "export class AppModule { configure(consumer: MiddlewareConsumer) { const audited = consumer.apply(audit); audited.forRoutes(CatalogController); } }")
        .replace(`import { Module } from "@nestjs/common";`, `import { MiddlewareConsumer, Module } from "@nestjs/common";\nfunction audit(req: unknown, res: unknown, next: () => void) { next(); }`);
      expect(withModule(keptChain)).toContain("catalog.controller.ts");
      // Exported under another name, or imported with `import x = require()`.
      const renamed = catalog().replace("export class CatalogController", "class CatalogController") + "export { CatalogController as Catalog };\n";
      const usingRenamed = main.replace(`import { AppModule } from "./app.module";`, `import { AppModule } from "./app.module";\nimport { Catalog } from "./catalog.controller";`).replace("const app = await NestFactory.create(AppModule);", "const app = await NestFactory.create(AppModule);\napp.get(Catalog);");
      expect(ordersFiles(renamed, { "main.ts": usingRenamed, "app.module.ts": appModule.replace(`import { CatalogController } from "./catalog.controller";`, `import { Catalog as CatalogController } from "./catalog.controller";`) })).toContain("catalog.controller.ts");
      expect(withModule(appModule.replace(`import { CatalogController } from "./catalog.controller";`, `import catalogFile = require("./catalog.controller");\nconst CatalogController = catalogFile.CatalogController;`))).toContain("catalog.controller.ts");
      // Required by a name the analysis computes: the import is known, but not how it is used.
      expect(withModule(appModule.replace(`import { CatalogController } from "./catalog.controller";`, `const { CatalogController } = require("./catalog" + ".controller");`))).toContain("catalog.controller.ts");
      // Listed, named in forRoutes and used as a type only: left out.
      const registering = lines(
        appModule.replace("export class AppModule {}", "export class AppModule { configure(consumer: MiddlewareConsumer) { consumer.apply(audit).forRoutes(CatalogController); } }").replace(`import { Module } from "@nestjs/common";`, `import { MiddlewareConsumer, Module } from "@nestjs/common";`),
        "function audit(req: unknown, res: unknown, next: () => void) { next(); }",
        "export type Catalog = CatalogController;",
      );
      expect(withModule(registering)).not.toContain("catalog.controller.ts");
      // So is one a test imports and uses: no unit runs the test.
      const spec = lines(`import { CatalogController } from "./catalog.controller";`, "export const made = new CatalogController({ find: (sku: string) => ({ sku }) } as never);");
      expect(withModule(appModule, { "catalog.controller.spec.ts": spec })).not.toContain("catalog.controller.ts");
    });
  });
});
