// The shapes real apps come in, compiled by the real CLI and served through each unit's dispatcher:
// apps made in functions and promises, listened in `.then()` callbacks and inside promises awaited
// at the top level, `export default app` with the listen elsewhere, `http.createServer(app)`, and
// routes registered by calling into other units' modules. Each case fails if the rewritten code
// does not load, does not register its app, or loses the listen callback.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import type { FileTree } from "../helpers/temp-project.js";
import { v1Event, v2Event } from "../runtime/api-gateway-events.js";
import { compileFiles, jsonOf, v1Result, v2Result, type CompiledProject } from "./support.js";

const compiledProjects: CompiledProject[] = [];
afterAll(() => {
  for (const project of compiledProjects) project.remove();
});

async function compile(files: FileTree): Promise<CompiledProject> {
  const project = await compileFiles(files, "shapes");
  compiledProjects.push(project);
  return project;
}

const expose = `/* @klotho::expose { id = "api", target = "public" } */`;

/** The routes of the compile's `gateway:api` in its resources.json, as `METHOD /path unit`; `unit`: any unit of the compile, to find the output. */
function gatewayRoutes(project: CompiledProject, unit: string): string[] | undefined {
  const resources = JSON.parse(readFileSync(path.join(project.unitDir(unit), "..", "resources.json"), "utf8")) as { resources: { id: string; routes?: { method: string; path: string; unit: string }[] }[] };
  return resources.resources.find((r) => r.id === "gateway:api")?.routes?.map((r) => `${r.method} ${r.path} ${r.unit}`);
}
const cjsPackage = JSON.stringify({ name: "shapes", main: "index.js" });
const esmPackage = (main: string): string => JSON.stringify({ name: "shapes", type: "module", main });

interface ShapeCase {
  readonly name: string;
  readonly files: FileTree;
  readonly path: string;
  readonly body: unknown;
}

const cases: ShapeCase[] = [
  {
    name: "an app made in a function, listened in main().then() with a callback",
    files: {
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        "let ready = false;",
        "function createApp() {",
        "  const app = express();",
        `  app.get("/ready", (req, res) => res.json({ ready }));`,
        "  return app;",
        "}",
        "async function main() {",
        "  return createApp();",
        "}",
        "main().then((app) => {",
        `  ${expose}`,
        "  app.listen(3000, () => {",
        "    ready = true;",
        "  });",
        "});",
      ),
    },
    path: "/ready",
    body: { ready: true },
  },
  {
    name: "`export default app` in package.json main, listened in another module inside an awaited promise",
    files: {
      "package.json": esmPackage("app.js"),
      "app.js": lines(`import express from "express";`, "const app = express();", `app.get("/hello", (req, res) => res.json({ hello: "world" }));`, "export default app;"),
      "server.js": lines(
        `import app from "./app.js";`,
        expose,
        "const server = await new Promise((resolve) => {",
        "  const listening = app.listen(8080, () => resolve(listening));",
        "});",
        `app.get("/port", (req, res) => res.json({ port: server.address().port }));`,
      ),
    },
    path: "/port",
    body: { port: 8080 },
  },
  {
    name: "express-generator's layout: `bin/www`, a script without an extension, listens on http.createServer(app)",
    files: {
      "package.json": JSON.stringify({ name: "shapes", scripts: { start: "node ./bin/www" } }),
      "bin/www": lines(
        "#!/usr/bin/env node",
        `var app = require("../app");`,
        `var http = require("http");`,
        `var port = process.env.PORT || "3000";`,
        `app.set("port", port);`,
        "var server = http.createServer(app);",
        expose,
        "server.listen(port);",
      ),
      "app.js": lines(`var express = require("express");`, `var usersRouter = require("./routes/users");`, "var app = express();", `app.use("/users", usersRouter);`, "module.exports = app;"),
      "routes/users.js": lines(`var express = require("express");`, "var router = express.Router();", `router.get("/", function (req, res) { res.json({ users: ["otto"] }); });`, "module.exports = router;"),
    },
    path: "/users",
    body: { users: ["otto"] },
  },
  {
    name: "a listen guarded by `require.main === module` (the file is also imported by tests)",
    files: {
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        "const app = express();",
        `app.get("/guarded", (req, res) => res.json({ guarded: false }));`,
        "if (require.main === module) {",
        `  ${expose}`,
        "  app.listen(3000);",
        "}",
        "module.exports = app;",
      ),
    },
    path: "/guarded",
    body: { guarded: false },
  },
  {
    name: "a listen in a function that a `require.main === module` test calls",
    files: {
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        "const app = express();",
        "let started = false;",
        `app.get("/started", (req, res) => res.json({ started }));`,
        "async function listen() {",
        `  ${expose}`,
        "  app.listen(3000, () => { started = true; });",
        "}",
        "const start = async () => listen();",
        "if (require.main === module) {",
        "  start().catch(console.error);",
        "}",
        "module.exports = app;",
      ),
    },
    path: "/started",
    body: { started: true },
  },
  {
    name: "ES modules' own entry tests: `process.argv[1] === fileURLToPath(import.meta.url)` and `import.meta.url === pathToFileURL(...).href`",
    files: {
      "package.json": esmPackage("index.js"),
      "index.js": lines(
        `import express from "express";`,
        `import { fileURLToPath, pathToFileURL } from "node:url";`,
        "const app = express();",
        `app.get("/esm", (req, res) => res.json({ esm: true }));`,
        "function main() {",
        `  ${expose}`,
        "  app.listen(3000);",
        "}",
        "if (process.argv[1] === fileURLToPath(import.meta.url)) main();",
        "if (import.meta.url === pathToFileURL(process.argv[1]).href) {",
        `  app.get("/second", (req, res) => res.json({ second: true }));`,
        "}",
        "export default app;",
      ),
    },
    path: "/esm",
    body: { esm: true },
  },
  {
    name: "JSON required by a path built from __dirname (sequelize-cli's `require(__dirname + '/../config/config.json')`, path.join) is carried",
    files: {
      "package.json": cjsPackage,
      "config/config.json": JSON.stringify({ greeting: "hi" }),
      "config/names.json": JSON.stringify(["otto"]),
      "lib/settings.js": lines(
        `const path = require("path");`,
        `const config = require(__dirname + "/../config/config.json");`,
        `const names = require(path.join(__dirname, "..", "config", "names.json"));`,
        "module.exports = { greeting: config.greeting, names };",
      ),
      "index.js": lines(`const express = require("express");`, `const settings = require("./lib/settings");`, "const app = express();", `app.get("/hello", (req, res) => res.json(settings));`, expose, "app.listen(3000);"),
    },
    path: "/hello",
    body: { greeting: "hi", names: ["otto"] },
  },
  {
    name: "code without semicolons (StandardJS): the listen statement is its call's range, and is rewritten",
    files: {
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express")`,
        "const app = express()",
        `app.get("/standard", (req, res) => res.json({ semicolons: false }))`,
        "",
        expose,
        "app.listen(3000)",
      ),
    },
    path: "/standard",
    body: { semicolons: false },
  },
  {
    name: "a promise of an app, awaited in parentheses before listen",
    files: {
      "package.json": esmPackage("index.js"),
      "index.js": lines(
        `import express from "express";`,
        "async function createApp() {",
        "  const app = express();",
        `  app.get("/made", (req, res) => res.json({ made: "async" }));`,
        "  return app;",
        "}",
        "const appPromise = createApp();",
        expose,
        "(await appPromise).listen(3000);",
      ),
    },
    path: "/made",
    body: { made: "async" },
  },
  {
    name: "http.createServer(app).listen() in an async start function",
    files: {
      "package.json": cjsPackage,
      "index.js": lines(
        `const http = require("node:http");`,
        `const express = require("express");`,
        "const app = express();",
        `app.get("/server", (req, res) => res.json({ server: "node:http" }));`,
        "async function start() {",
        `  ${expose}`,
        "  return http.createServer(app).listen(3000);",
        "}",
        "start();",
      ),
    },
    path: "/server",
    body: { server: "node:http" },
  },
  {
    name: "TypeScript emitted as CommonJS: `export default app` and the listen in another file, which starts with #!",
    files: {
      "package.json": JSON.stringify({ name: "shapes", main: "dist/server.js" }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs", esModuleInterop: true, outDir: "dist" } }),
      "src/app.ts": lines(`import express, { type Request, type Response } from "express";`, "const app = express();", `app.get("/typed", (_request: Request, response: Response) => { response.json({ typed: true }); });`, "export default app;"),
      "src/server.ts": lines("#!/usr/bin/env node", `import app from "./app";`, "const PORT: number = 3000;", expose, "app.listen(PORT, (): void => {", "  console.log(`listening on ${PORT}`);", "});"),
    },
    path: "/typed",
    body: { typed: true },
  },
];

describe("apps in functions, promises and other modules", () => {
  it.each(cases)("$name", async ({ files, path, body }) => {
    const project = await compile(files);
    const answer = v2Result(await project.handler("main")(v2Event({ path })));
    expect(answer.statusCode).toBe(200);
    expect(jsonOf(answer)).toEqual(body);
  });
});

describe("routes registered by calling into another unit's module", () => {
  const files: FileTree = {
    "package.json": cjsPackage,
    "index.js": lines(
      `const express = require("express");`,
      "const app = express();",
      `require("./routes/pugs")(app);`,
      `const adopt = require("./routes/adopt");`,
      "adopt.register(app);",
      `app.get("/", (req, res) => res.json({ home: true }));`,
      expose,
      "app.listen(3000);",
    ),
    "routes/pugs.js": lines(`// @klotho::execution_unit { id = "pugs" }`, "module.exports = function registerPugs(app) {", `  app.get("/pugs", (req, res) => res.json({ pugs: ["otto"] }));`, "};"),
    "routes/adopt.js": lines(`// @klotho::execution_unit { id = "adopt" }`, "exports.register = (app) => {", `  app.get("/adopt", (req, res) => res.json({ adopt: "open" }));`, "};"),
  };

  it("serves each unit's own routes; the other units' registrations do nothing", async () => {
    const project = await compile(files);
    const expectations: [unit: string, path: string, status: number, body?: unknown][] = [
      ["pugs", "/pugs", 200, { pugs: ["otto"] }],
      ["pugs", "/adopt", 404],
      ["adopt", "/adopt", 200, { adopt: "open" }],
      ["adopt", "/pugs", 404],
      ["main", "/", 200, { home: true }],
      ["main", "/pugs", 404],
    ];
    for (const [unit, path, status, body] of expectations) {
      const answer = v1Result(await project.handler(unit)(v1Event({ path })));
      expect([unit, path, answer.statusCode]).toEqual([unit, path, status]);
      if (body !== undefined) expect(jsonOf(answer)).toEqual(body);
    }
  });

  it("does the same for ES module imports: default, named, re-exported and dynamic", async () => {
    const project = await compile({
      "package.json": esmPackage("index.js"),
      "index.js": lines(
        `import express from "express";`,
        `import registerOrders, { ordersRouter as router, LIMIT } from "./orders.js";`,
        `export { LIMIT as ORDER_LIMIT } from "./orders.js";`,
        "const app = express();",
        "registerOrders(app);",
        `app.use("/v2/orders", router);`,
        `const { registerAdmin } = await import("./orders.js");`,
        "registerAdmin?.(app);",
        `app.get("/", (req, res) => res.json({ home: true, limit: String(LIMIT) }));`,
        expose,
        "app.listen(3000);",
      ),
      "orders.js": lines(
        `// @klotho::execution_unit { id = "orders" }`,
        `import express from "express";`,
        "export const LIMIT = 10;",
        "export const ordersRouter = express.Router();",
        `ordersRouter.get("/", (req, res) => res.json({ v2: true }));`,
        "export function registerAdmin(app) {",
        `  app.get("/admin/orders", (req, res) => res.json({ admin: true }));`,
        "}",
        "export default function registerOrders(app) {",
        `  app.get("/orders", (req, res) => res.json({ orders: LIMIT }));`,
        "}",
      ),
    });
    const orders = project.handler("orders");
    expect(jsonOf(v2Result(await orders(v2Event({ path: "/orders" }))))).toEqual({ orders: 10 });
    expect(jsonOf(v2Result(await orders(v2Event({ path: "/v2/orders" }))))).toEqual({ v2: true });
    expect(jsonOf(v2Result(await orders(v2Event({ path: "/admin/orders" }))))).toEqual({ admin: true });
    const main = project.handler("main");
    expect(jsonOf(v2Result(await main(v2Event({ path: "/" }))))).toEqual({ home: true, limit: "[klotho: './orders.js.LIMIT' runs in another execution unit]" });
    for (const path of ["/orders", "/v2/orders", "/admin/orders"]) expect(v2Result(await main(v2Event({ path }))).statusCode).toBe(404);
  });

  // A barrel re-exporting every router with `export *`: the other unit's names are stood in one by one.
  it.each<{ language: string; ext: string; files: FileTree }>([
    { language: "JavaScript (ES modules)", ext: "js", files: { "package.json": esmPackage("server.js") } },
    {
      language: "TypeScript emitted as CommonJS",
      ext: "ts",
      files: { "package.json": JSON.stringify({ name: "shapes", main: "server.ts" }), "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs", esModuleInterop: true } }) },
    },
  ])("serves each unit's router through a barrel of `export * from` ($language)", async ({ ext, files }) => {
    const from = (file: string): string => (ext === "js" ? `"./${file}.js"` : `"./${file}"`);
    const project = await compile({
      ...files,
      [`server.${ext}`]: lines(`import express from "express";`, `import { usersRouter, healthRouter, VERSION } from ${from("routes/index")};`, "const app = express();", `app.use("/users", usersRouter);`, `app.use("/health", healthRouter);`, expose, "app.listen(3000);"),
      [`routes/index.${ext}`]: lines(`export * from ${from("users")};`, `export * from ${from("health")};`, "export const VERSION = 2;"),
      [`routes/health.${ext}`]: lines(`import { Router } from "express";`, `export const healthRouter = Router().get("/", (req, res) => { res.json({ ok: true }); });`),
      [`routes/users.${ext}`]: lines(`// @klotho::execution_unit { id = "users" }`, `import { Router } from "express";`, "export const usersRouter = Router();", `usersRouter.get("/", (req, res) => { res.json(["ann"]); });`, "export const VERSION = 1;"),
    });
    expect(jsonOf(v2Result(await project.handler("main")(v2Event({ path: "/health" }))))).toEqual({ ok: true });
    expect(jsonOf(v2Result(await project.handler("users")(v2Event({ path: "/users" }))))).toEqual(["ann"]);
    expect(v2Result(await project.handler("main")(v2Event({ path: "/users" }))).statusCode).toBe(404);
  });

  it("keeps a name a held module passes on through `export *` real, though the other unit's module passes it on too", async () => {
    const project = await compile({
      "package.json": esmPackage("server.js"),
      "server.js": lines(
        `import express from "express";`,
        `import { usersRouter, slugify } from "./lib/index.js";`,
        `import { billingRouter } from "./billing.js";`,
        "const app = express();",
        `app.locals.slug = slugify("Hello World");`,
        `app.use("/users", usersRouter);`,
        `app.use("/billing", billingRouter);`,
        expose,
        "app.listen(3000);",
      ),
      "lib/index.js": lines(`export * from "./users.js";`, `export * from "./format.js";`),
      "lib/text.js": `export const slugify = (text) => text.toLowerCase().replace(/ +/g, "-");`,
      "lib/format.js": `export * from "./text.js";`,
      "lib/users.js": lines(`// @klotho::execution_unit { id = "users" }`, `import { Router } from "express";`, `export * from "./text.js";`, `export const usersRouter = Router().get("/", (req, res) => { res.json([]); });`),
      "billing.js": lines(
        `// @klotho::execution_unit { id = "billing" }`,
        `import { Router } from "express";`,
        `export const billingRouter = Router().get("/", (req, res) => { res.json({ slug: req.app.locals.slug }); });`,
      ),
    });
    expect(jsonOf(v2Result(await project.handler("billing")(v2Event({ path: "/billing" }))))).toEqual({ slug: "hello-world" });
  });

  // Route modules loaded in a loop over their names: each unit's copy loads its own and gets stand-ins for the others'.
  const router = (unit: string | undefined, syntax: "esm" | "cjs"): string =>
    lines(
      ...(unit ? [`// @klotho::execution_unit { id = "${unit}" }`] : []),
      syntax === "esm" ? `import { Router } from "express";` : `const { Router } = require("express");`,
      "const router = Router();",
      `router.get("/", (req, res) => res.json({ served: "${unit ?? "main"}" }));`,
      syntax === "esm" ? "export default router;" : "module.exports = router;",
    );
  it.each([
    {
      syntax: "esm" as const,
      load: lines(`for (const name of ["users", "orders", "health"]) {`, "  const mod = await import(`./routes/${name}.js`);", "  app.use(`/api/${name}`, mod.default);", "}"),
    },
    { syntax: "cjs" as const, load: lines(`for (const name of ["users", "orders", "health"]) {`, "  app.use(`/api/${name}`, require(`./routes/${name}`));", "}") },
  ])("loads route modules named in a loop ($syntax): each unit serves its own", async ({ syntax, load }) => {
    const project = await compile({
      "package.json": syntax === "esm" ? esmPackage("server.js") : JSON.stringify({ name: "shapes", main: "server.js" }),
      "server.js": lines(syntax === "esm" ? `import express from "express";` : `const express = require("express");`, "const app = express();", load, expose, "app.listen(3000);"),
      "routes/users.js": router("users", syntax),
      "routes/orders.js": router("orders", syntax),
      "routes/health.js": router(undefined, syntax),
    });
    for (const unit of ["users", "orders", "main"]) {
      const served = unit === "main" ? "health" : unit;
      expect(jsonOf(v2Result(await project.handler(unit)(v2Event({ path: `/api/${served}` }))))).toEqual({ served: unit });
    }
    expect(v2Result(await project.handler("users")(v2Event({ path: "/api/orders" }))).statusCode).toBe(404);
  });
});

describe("a use() that mounts another unit's router with more than it", () => {
  it("keeps the call when the routers come from factories (`usersRoutes(db)`): each unit loads and serves its own", async () => {
    const factory = (unit: string): string[] => [
      `/* @klotho::execution_unit { id = "${unit}" } */`,
      `const express = require("express");`,
      "module.exports = function routes(db) {",
      "  const router = express.Router();",
      `  router.get("/", (req, res) => res.json({ ${unit}: db.name }));`,
      "  return router;",
      "};",
    ];
    const project = await compile({
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        `const usersRoutes = require("./users");`,
        `const postsRoutes = require("./posts");`,
        `const db = { name: "main-db" };`,
        `const USERS = "/api/users";`,
        "const app = express();",
        "const auth = (req, res, next) => (req.headers.authorization ? next() : res.sendStatus(401));",
        `app.use(USERS, auth, usersRoutes(db));`,
        `app.use("/api/posts", postsRoutes(db));`,
        expose,
        "app.listen(3000);",
      ),
      "users.js": lines(...factory("users")),
      "posts.js": lines(...factory("posts")),
    });
    const signedIn = { authorization: ["Bearer x"] };
    expect(v1Result(await project.handler("users")(v1Event({ path: "/api/users" }))).statusCode).toBe(401);
    expect(jsonOf(v1Result(await project.handler("users")(v1Event({ path: "/api/users", headers: signedIn }))))).toEqual({ users: "main-db" });
    expect(jsonOf(v1Result(await project.handler("posts")(v1Event({ path: "/api/posts" }))))).toEqual({ posts: "main-db" });
    expect(v1Result(await project.handler("posts")(v1Event({ path: "/api/users", headers: signedIn }))).statusCode).toBe(404);
  });

  // Express runs `requireAuth` for every /api request, the routes declared after it too: dropping the
  // whole call in a unit's copy would serve `/api/me` without it, and lose this unit's own router.
  it("keeps the call in each unit: the middleware still guards, each unit serves its own router", async () => {
    const router = (unit: string): string[] => [`/* @klotho::execution_unit { id = "${unit}" } */`, `const router = require("express").Router();`, `router.get("/${unit}", (req, res) => res.json({ ${unit}: true }));`, "module.exports = router;"];
    const project = await compile({
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        `const users = require("./users");`,
        `const orders = require("./orders");`,
        "const app = express();",
        `const requireAuth = (req, res, next) => (req.headers.authorization === "Bearer s3cret" ? next() : res.sendStatus(401));`,
        `app.use("/api", requireAuth, users, orders);`,
        `app.get("/api/me", (req, res) => res.json({ me: true }));`,
        expose,
        "app.listen(3000);",
      ),
      "users.js": lines(...router("users")),
      "orders.js": lines(...router("orders")),
    });
    const signedIn = { authorization: ["Bearer s3cret"] };
    const expectations: [unit: string, path: string, signedIn: boolean, status: number, body?: unknown][] = [
      ["main", "/api/me", false, 401],
      ["main", "/api/me", true, 200, { me: true }],
      ["users", "/api/users", false, 401],
      ["users", "/api/users", true, 200, { users: true }],
      ["orders", "/api/orders", true, 200, { orders: true }],
      ["users", "/api/orders", true, 404],
      ["main", "/api/users", true, 404],
    ];
    for (const [unit, path, withToken, status, body] of expectations) {
      const answer = v1Result(await project.handler(unit)(v1Event({ path, ...(withToken ? { headers: signedIn } : {}) })));
      expect([unit, path, withToken, answer.statusCode]).toEqual([unit, path, withToken, status]);
      if (body !== undefined) expect(jsonOf(answer)).toEqual(body);
    }
  });
});

describe("an app with CORS middleware", () => {
  it("routes the browsers' preflight OPTIONS to the unit serving the path, whose copy of the app answers it", async () => {
    const project = await compile({
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        `const cors = require("cors");`,
        "const app = express();",
        `app.use(cors({ origin: "https://app.example.com" }));`,
        `app.use("/orders", require("./orders"));`,
        expose,
        "app.listen(3000);",
      ),
      "orders.js": lines(`// @klotho::execution_unit { id = "orders" }`, `const router = require("express").Router();`, `router.put("/:id", (req, res) => res.json({ id: req.params.id }));`, "module.exports = router;"),
    });
    const preflight = { Origin: ["https://app.example.com"], "Access-Control-Request-Method": ["PUT"] };
    const answer = v1Result(await project.handler("orders")(v1Event({ method: "OPTIONS", path: "/orders/7", headers: preflight })));
    expect([answer.statusCode, answer.headers["access-control-allow-origin"], answer.headers["access-control-allow-methods"]]).toEqual([204, "https://app.example.com", "GET,HEAD,PUT,PATCH,POST,DELETE"]);
    expect(gatewayRoutes(project, "orders")).toEqual(["OPTIONS /orders/:id orders", "PUT /orders/:id orders"]);
  });
});

describe("a route answered by a function another unit's file exports", () => {
  it("is served by that unit: a webhook in the app file, and an MVC router whose controller is a unit's", async () => {
    const project = await compile({
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        `const billing = require("./billing");`,
        "const app = express();",
        `app.post("/webhooks/stripe", express.json(), billing.handler);`,
        `app.use("/books", require("./routes/books"));`,
        `app.get("/health", (req, res) => res.json({ ok: true }));`,
        expose,
        "app.listen(3000);",
      ),
      "billing.js": lines(`// @klotho::execution_unit { id = "billing" }`, "exports.handler = (req, res) => res.json({ paid: req.body.id });"),
      "routes/books.js": lines(`const router = require("express").Router();`, `const books = require("../controllers/books");`, `router.get("/", books.list);`, "module.exports = router;"),
      "controllers/books.js": lines(`// @klotho::execution_unit { id = "books" }`, `exports.list = (req, res) => res.json(["dune"]);`),
    });
    const paid = v1Result(await project.handler("billing")(v1Event({ method: "POST", path: "/webhooks/stripe", headers: { "Content-Type": ["application/json"] }, body: JSON.stringify({ id: "in_1" }) })));
    expect(jsonOf(paid)).toEqual({ paid: "in_1" });
    expect(jsonOf(v1Result(await project.handler("books")(v1Event({ path: "/books" }))))).toEqual(["dune"]);
    expect(jsonOf(v1Result(await project.handler("main")(v1Event({ path: "/health" }))))).toEqual({ ok: true });
    expect(gatewayRoutes(project, "main")).toEqual(["GET /books books", "GET /health main", "POST /webhooks/stripe billing"]);
  });
});

describe("a route an unowned router names with a handler a unit's controller made by a wrapper", () => {
  it("is served by the controller's unit, whose copy carries the wrapper's file and answers it", async () => {
    const project = await compile({
      "package.json": cjsPackage,
      "index.js": lines(`const express = require("express");`, "const app = express();", `app.use("/api/products", require("./routes/products"));`, expose, "app.listen(5000);"),
      "routes/products.js": lines(`const router = require("express").Router();`, `const { getProducts } = require("../controllers/products");`, `router.route("/").get(getProducts);`, `router.get("/top", (req, res) => res.json({ unit: "main" }));`, "module.exports = router;"),
      "controllers/products.js": lines(
        `// @klotho::execution_unit { id = "products" }`,
        `const catchAsync = require("../utils/catchAsync");`,
        `exports.getProducts = catchAsync(async (req, res) => res.json({ products: [], unit: "products" }));`,
      ),
      "utils/catchAsync.js": "module.exports = (fn) => (req, res, next) => fn(req, res, next).catch(next);",
    });
    expect(gatewayRoutes(project, "products")).toEqual(["GET /api/products products", "GET /api/products/top main"]);
    expect(jsonOf(v2Result(await project.handler("products")(v2Event({ path: "/api/products" }))))).toEqual({ products: [], unit: "products" });
    expect(jsonOf(v2Result(await project.handler("main")(v2Event({ path: "/api/products/top" }))))).toEqual({ unit: "main" });
  });
});

describe("a route of the gateway's app file guarded by middleware another unit's file exports", () => {
  it("carries that file into the unit serving the route, so the guard runs there instead of a stand-in letting every request through", async () => {
    const project = await compile({
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        `const payments = require("./payments");`,
        "const app = express();",
        "app.use(express.json());",
        `app.use("/payments", payments.router);`,
        `app.post("/checkout", payments.verifySignature, (req, res) => res.json({ checkedOut: true }));`,
        expose,
        "app.listen(3000);",
      ),
      "payments.js": lines(
        `// @klotho::execution_unit { id = "payments" }`,
        `const router = require("express").Router();`,
        `router.get("/status", (req, res) => res.json({ ok: true }));`,
        "exports.router = router;",
        `exports.verifySignature = (req, res, next) => (req.get("x-signature") === "valid" ? next() : res.status(403).json({ error: "bad signature" }));`,
      ),
    });
    const checkout = (headers: Record<string, string[]>) => project.handler("main")(v1Event({ method: "POST", path: "/checkout", headers: { "Content-Type": ["application/json"], ...headers }, body: "{}" }));
    expect(v1Result(await checkout({})).statusCode).toBe(403);
    expect(jsonOf(v1Result(await checkout({ "x-signature": ["valid"] })))).toEqual({ checkedOut: true });
    expect(jsonOf(v1Result(await project.handler("payments")(v1Event({ path: "/payments/status" }))))).toEqual({ ok: true });
  });
});

describe("a router file of main whose top level does more than make its router", () => {
  it("is carried into the annotated unit, whose code finds the model it registers and whose guard set on the router still runs", async () => {
    const project = await compile({
      "package.json": cjsPackage,
      "index.js": lines(
        `const express = require("express");`,
        `const users = require("./routes/users");`,
        "const app = express();",
        `app.use("/users", users);`,
        `app.use("/admin", (req, res, next) => users.requireAuth(req, res, next), require("./routes/admin"));`,
        expose,
        "app.listen(3000);",
      ),
      "routes/registry.js": lines("const models = new Map();", "exports.model = (name, schema) => {", "  if (schema) models.set(name, schema);", "  if (!models.has(name)) throw new Error(`no model ${name}`);", "  return models.get(name);", "};"),
      "routes/users.js": lines(
        `const express = require("express");`,
        `const registry = require("./registry");`,
        "const router = express.Router();",
        `registry.model("User", { name: "string" });`,
        `router.requireAuth = (req, res, next) => (req.get("authorization") ? next() : res.status(401).json({ error: "unauthorized" }));`,
        `router.get("/", (req, res) => res.json([]));`,
        "module.exports = router;",
      ),
      "routes/admin.js": lines(
        `// @klotho::execution_unit { id = "admin" }`,
        `const express = require("express");`,
        `const registry = require("./registry");`,
        "const router = express.Router();",
        `router.get("/", (req, res) => res.json(Object.keys(registry.model("User"))));`,
        "module.exports = router;",
      ),
    });
    const admin = (headers: Record<string, string[]>) => project.handler("admin")(v1Event({ path: "/admin", headers }));
    expect(v1Result(await admin({})).statusCode).toBe(401);
    expect(jsonOf(v1Result(await admin({ authorization: ["Bearer x"] })))).toEqual(["name"]);
    expect(gatewayRoutes(project, "admin")).toEqual(["GET /admin admin", "GET /users main"]);
  });
});

describe("route modules loaded by listing their folder", () => {
  const greet = { "lib/greet.js": `exports.greet = () => "hi";` };
  const users = lines(
    `const express = require("express");`,
    `const { greet } = require("../lib/greet");`,
    "module.exports = (app) => {",
    "  const router = express.Router();",
    `  router.get("/", (req, res) => res.json(greet()));`,
    `  app.use("/users", router);`,
    "};",
  );
  const orders = lines(`// @klotho::execution_unit { id = "orders" }`, `module.exports = (app) => app.get("/orders", (req, res) => res.json([]));`);
  const shapes: { name: string; files: FileTree }[] = [
    {
      name: "the app file listing routes/",
      files: {
        "index.js": lines(
          `const express = require("express");`,
          `const fs = require("fs");`,
          `const path = require("path");`,
          "const app = express();",
          `const dir = path.join(__dirname, "routes");`,
          "fs.readdirSync(dir).forEach((f) => require(path.join(dir, f))(app));",
          expose,
          "app.listen(3000);",
        ),
      },
    },
    {
      name: "routes/index.js listing its own folder",
      files: {
        "index.js": lines(`const express = require("express");`, "const app = express();", `require("./routes")(app);`, expose, "app.listen(3000);"),
        "routes/index.js": lines(
          `const fs = require("fs");`,
          `const path = require("path");`,
          "module.exports = (app) => {",
          `  for (const f of fs.readdirSync(__dirname)) if (f !== "index.js") require(path.join(__dirname, f))(app);`,
          "};",
        ),
      },
    },
  ];

  it.each(shapes)("$name: a unit gets no copy of another unit's route module, whose imports it lacks, and loads", async ({ files }) => {
    const project = await compile({ "package.json": cjsPackage, ...greet, "routes/users.js": users, "routes/orders.js": orders, ...files });
    const expectations: [unit: string, path: string, status: number, body?: unknown][] = [
      ["orders", "/orders", 200, []],
      ["orders", "/users", 404],
      ["main", "/users", 200, "hi"],
    ];
    for (const [unit, path, status, body] of expectations) {
      const answer = v1Result(await project.handler(unit)(v1Event({ path })));
      expect([unit, path, answer.statusCode]).toEqual([unit, path, status]);
      if (body !== undefined) expect(jsonOf(answer)).toEqual(body);
    }
  });
});
