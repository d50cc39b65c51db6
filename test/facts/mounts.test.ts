import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeDiagnostics, summarizeFacts, type SourceTree } from "../helpers/program.js";

interface MountCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
  readonly diagnostics?: readonly string[];
}

const app = (...body: string[]): string => lines(`const express = require("express");`, "const app = express();", ...body);
const router = (path: string): string => lines(`const express = require("express");`, "const router = express.Router();", `router.get("${path}", () => {});`);

const cases: MountCase[] = [
  {
    name: "app.use(router) and app.use(prefix, router)",
    files: { "app.js": app("const r = express.Router();", "app.use(r);", `app.use("/api", r);`) },
    expected: ["http_app app.js:2 app", "http_router app.js:3 r", "http_mount app.js:4 / app.js:3 on app.js:2", "http_mount app.js:5 /api app.js:3 on app.js:2"],
  },
  {
    name: "middleware never mounts (express.static is a static mount of its own, see routes.test.ts)",
    files: { "app.js": app(`const cors = require("cors");`, "app.use(express.json());", "app.use(cors());", "app.use(express.static('public'));", "app.use((req, res, next) => next());") },
    expected: ["http_app app.js:2 app"],
  },
  {
    name: "a router from a module property and from a factory",
    files: {
      "app.js": app(`const mod = require("./r");`, "app.use(mod.router);", `app.use("/made", makeRouter());`, "function makeRouter() {", "  const made = express.Router();", `  made.get("/m", () => {});`, "  return made;", "}"),
      "r.js": lines(router("/r"), "exports.router = router;"),
    },
    expected: [
      "http_app app.js:2 app",
      "http_mount app.js:4 / r.js:2 on app.js:2",
      "http_mount app.js:5 /made app.js:7 on app.js:2",
      "http_router app.js:7 made",
      "http_route app.js:8 GET /m on app.js:7",
      "http_router r.js:2 router",
      "http_route r.js:3 GET /r on r.js:2",
    ],
  },
  {
    name: "three levels of nested routers",
    files: {
      "app.js": app(`app.use("/v1", require("./a"));`),
      "a.js": lines(`const { Router } = require("express");`, "const a = Router();", `a.use("/b", require("./b"));`, "module.exports = a;"),
      "b.js": lines(`const { Router } = require("express");`, "const b = Router();", `b.use("/c/", require("./c"));`, "module.exports = b;"),
      "c.js": lines(router("/leaf"), "module.exports = router;"),
    },
    expected: [
      "http_router a.js:2 a",
      "http_mount a.js:3 /b b.js:2 on a.js:2",
      "http_app app.js:2 app",
      "http_mount app.js:3 /v1 a.js:2 on app.js:2",
      "http_router b.js:2 b",
      "http_mount b.js:3 /c/ c.js:2 on b.js:2",
      "http_router c.js:2 router",
      "http_route c.js:3 GET /leaf on c.js:2",
    ],
  },
  {
    name: "CommonJS exports.x and module.exports",
    files: {
      "app.js": app(`const { users } = require("./users");`, `const orders = require("./orders");`, `app.use("/users", users);`, `app.use("/orders", orders);`),
      "users.js": lines(router("/u"), "exports.users = router;"),
      "orders.js": lines(router("/o"), "module.exports = router;"),
    },
    expected: [
      "http_app app.js:2 app",
      "http_mount app.js:5 /users users.js:2 on app.js:2",
      "http_mount app.js:6 /orders orders.js:2 on app.js:2",
      "http_router orders.js:2 router",
      "http_route orders.js:3 GET /o on orders.js:2",
      "http_router users.js:2 router",
      "http_route users.js:3 GET /u on users.js:2",
    ],
  },
  {
    name: "ESM default, named, renamed, star and re-exported re-exports",
    files: {
      "app.mjs": lines(
        `import express from "express";`,
        `import def, { named, renamed, starred, again } from "./barrel.mjs";`,
        "const app = express();",
        `app.use("/def", def);`,
        `app.use("/named", named);`,
        `app.use("/renamed", renamed);`,
        `app.use("/starred", starred);`,
        `app.use("/again", again);`,
      ),
      "barrel.mjs": lines(`export { default } from "./def.mjs";`, `export * from "./named.mjs";`, `export { inner as renamed } from "./renamed.mjs";`, `export * from "./inner-barrel.mjs";`),
      "inner-barrel.mjs": lines(`export { starred } from "./starred.mjs";`, `export { starred as again } from "./starred.mjs";`),
      "def.mjs": lines(`import { Router } from "express";`, "const d = Router();", `d.get("/x", () => {});`, "export default d;"),
      "named.mjs": lines(`import { Router } from "express";`, "export const named = Router();"),
      "renamed.mjs": lines(`import { Router } from "express";`, "const inner = Router();", "export { inner };"),
      "starred.mjs": lines(`import { Router } from "express";`, "const local = Router();", "export { local as starred };"),
    },
    expected: [
      "http_app app.mjs:3 app",
      "http_mount app.mjs:4 /def def.mjs:2 on app.mjs:3",
      "http_mount app.mjs:5 /named named.mjs:2 on app.mjs:3",
      "http_mount app.mjs:6 /renamed renamed.mjs:2 on app.mjs:3",
      "http_mount app.mjs:7 /starred starred.mjs:2 on app.mjs:3",
      "http_mount app.mjs:8 /again starred.mjs:2 on app.mjs:3",
      "http_router def.mjs:2 d",
      "http_route def.mjs:3 GET /x on def.mjs:2",
      "http_router named.mjs:2 named",
      "http_router renamed.mjs:2 inner",
      "http_router starred.mjs:2 local",
    ],
  },
  {
    // Node links `export *` by name: the barrel exports the router its module makes after the barrel has
    // run, as in a cycle where the router's module, imported first, imports the barrel back.
    name: "ESM star re-export of a module still running when the barrel runs (an import cycle)",
    files: {
      "app.mjs": lines(`import express from "express";`, `import { FEE } from "./routes/billing.mjs";`, `import { billing } from "./routes/index.mjs";`, "const app = express();", `app.use("/billing", billing);`, "app.locals.fee = FEE;"),
      "routes/index.mjs": lines(`export * from "./billing.mjs";`, "export function wrap(fn) { return fn; }"),
      "routes/billing.mjs": lines(`import { Router } from "express";`, `import { wrap } from "./index.mjs";`, "export const FEE = 3;", "export const billing = Router();", `billing.post("/pay", wrap((req, res) => res.end()));`),
    },
    expected: [
      "http_app app.mjs:4 app",
      "http_mount app.mjs:5 /billing routes/billing.mjs:4 on app.mjs:4",
      "http_router routes/billing.mjs:4 billing",
      "http_route routes/billing.mjs:5 POST /pay on routes/billing.mjs:4",
    ],
  },
  {
    name: "a prefixed mount of an unresolvable import",
    files: { "app.js": app(`const missing = require("./missing");`, `app.use("/gone", missing);`, "app.use(missing);") },
    expected: ["http_app app.js:2 app", "http_mount app.js:4 /gone unresolved './missing' on app.js:2", "http_mount app.js:5 / unresolved './missing' on app.js:2"],
    diagnostics: ["facts/unresolved-import app.js:3 Cannot resolve './missing' imported by app.js; its code is not analysed."],
  },
  {
    name: "mount paths read from a JSON module: required, imported as default and as a namespace",
    files: {
      "app.js": app(`const config = require("./config.json");`, `const { base } = require("./config");`, "const r = express.Router();", "app.use(config.api.prefix, r);", "app.use(base, r);"),
      "app.mjs": lines(`import express from "express";`, `import config from "./config.json" with { type: "json" };`, `import * as all from "./config.json";`, "const app = express();", "const r = express.Router();", "app.use(config.paths[1], r);", "app.use(all.base, r);"),
      "config.json": JSON.stringify({ base: "/v1", api: { prefix: "/api", retries: 3 }, paths: ["/a", "/b"] }),
    },
    expected: [
      "http_app app.js:2 app",
      "http_router app.js:5 r",
      "http_mount app.js:6 /api app.js:5 on app.js:2",
      "http_mount app.js:7 /v1 app.js:5 on app.js:2",
      "http_app app.mjs:4 app",
      "http_router app.mjs:5 r",
      "http_mount app.mjs:6 /b app.mjs:5 on app.mjs:4",
      "http_mount app.mjs:7 /v1 app.mjs:5 on app.mjs:4",
    ],
  },
  {
    name: "a JSON module that does not parse is a warning where it stops, and its values are unknown",
    files: {
      "app.js": app(`const config = require("./config.json");`, "const r = express.Router();", "app.use(config.prefix, r);"),
      "config.json": lines("{", `  "prefix": "/api",`, "}"),
    },
    expected: ["http_app app.js:2 app", "http_router app.js:4 r", "http_mount app.js:5 / app.js:4 on app.js:2"],
    diagnostics: ["facts/invalid-json-module config.json:3 config.json is not valid JSON (Expected double-quoted property name); the code that imports it throws when it loads."],
  },
  {
    name: "a member of an unresolvable import is unresolved too",
    files: { "app.mjs": lines(`import express from "express";`, `import { api } from "./gone.mjs";`, "const app = express();", `app.use("/api", api);`) },
    expected: ["http_app app.mjs:3 app", "http_mount app.mjs:4 /api unresolved './gone.mjs' on app.mjs:3"],
    diagnostics: ["facts/unresolved-import app.mjs:2 Cannot resolve './gone.mjs' imported by app.mjs; its code is not analysed."],
  },
  {
    name: "TypeScript-compiled default import of a CommonJS router",
    files: {
      "app.js": lines(
        `const express_1 = __importDefault(require("express"));`,
        `const routes_1 = __importDefault(require("./routes"));`,
        "const app = (0, express_1.default)();",
        `app.use("/r", routes_1.default);`,
      ),
      "routes.js": lines(router("/x"), "module.exports = router;"),
    },
    expected: ["http_app app.js:3 app", "http_mount app.js:4 /r routes.js:2 on app.js:3", "http_router routes.js:2 router", "http_route routes.js:3 GET /x on routes.js:2"],
  },
  {
    name: "TypeScript-compiled default export imported by TypeScript-compiled code",
    files: {
      "app.js": lines(
        `Object.defineProperty(exports, "__esModule", { value: true });`,
        `const tslib_1 = require("tslib");`,
        `const express_1 = tslib_1.__importDefault(require("express"));`,
        `const routes_1 = tslib_1.__importDefault(require("./routes"));`,
        `const api = tslib_1.__importStar(require("./api"));`,
        "const app = (0, express_1.default)();",
        `app.use("/r", routes_1.default);`,
        `app.use("/api", api.apiRouter);`,
      ),
      "routes.js": lines(`Object.defineProperty(exports, "__esModule", { value: true });`, `const express_1 = require("express");`, "const router = (0, express_1.Router)();", `router.get("/x", () => {});`, "exports.default = router;"),
      "api.js": lines(`const tslib_1 = require("tslib");`, `const express_1 = require("express");`, "exports.apiRouter = express_1.Router();", `tslib_1.__exportStar(require("./more"), exports);`),
      "more.js": "exports.more = 1;",
    },
    expected: [
      "http_router api.js:3 apiRouter",
      "http_app app.js:6 app",
      "http_mount app.js:7 /r routes.js:3 on app.js:6",
      "http_mount app.js:8 /api api.js:3 on app.js:6",
      "http_router routes.js:3 router",
      "http_route routes.js:4 GET /x on routes.js:3",
    ],
  },
  {
    name: "TypeScript-compiled re-exports through defineProperty getters",
    files: {
      "app.js": lines(`const express_1 = require("express");`, `const index_1 = require("./index");`, "const app = (0, express_1.default)();", `app.use("/r", index_1.router);`),
      "index.js": lines(
        `Object.defineProperty(exports, "__esModule", { value: true });`,
        "exports.router = void 0;",
        `var routes_1 = require("./routes");`,
        `Object.defineProperty(exports, "router", { enumerable: true, get: function () { return routes_1.router; } });`,
      ),
      "routes.js": lines(router("/x"), "exports.router = router;"),
    },
    expected: ["http_app app.js:3 app", "http_mount app.js:4 /r routes.js:2 on app.js:3", "http_router routes.js:2 router", "http_route routes.js:3 GET /x on routes.js:2"],
  },
];

describe("express mounts", () => {
  it.each(cases)("$name", ({ files, expected, diagnostics }) => {
    const result = analyzeProgram(files);
    expect(summarizeFacts(result.facts, "http_app", "http_router", "http_route", "http_mount")).toEqual(expected);
    expect(summarizeDiagnostics(result.diagnostics)).toEqual(diagnostics ?? []);
  });
});

// CORS middleware answers browsers' preflight OPTIONS requests, which the gateway must route (units/preflight.ts).
describe("CORS middleware", () => {
  const nest = (...body: string[]): string =>
    lines(`import { NestFactory } from "@nestjs/core";`, `import { AppModule } from "./app.module";`, "async function bootstrap() {", ...body, "  await app.listen(3000);", "}", "bootstrap();");
  it.each<{ name: string; files: SourceTree; expected: string[] }>([
    {
      name: "Express: cors() on the app, at a prefix, and other middleware (which is not CORS)",
      files: { "app.js": app(`const cors = require("cors");`, "app.use(cors({ origin: 'https://a.example' }));", `app.use("/api", cors());`, `app.use(require("helmet")());`) },
      expected: ["http_middleware app.js:4 app.js on app.js:2 cors /", "http_middleware app.js:5 app.js on app.js:2 cors /api", "http_middleware app.js:6 app.js on app.js:2"],
    },
    {
      name: "Express in an ES module: the default import",
      files: { "app.mjs": lines(`import express from "express";`, `import cors from "cors";`, "const app = express();", "app.use(cors());") },
      expected: ["http_middleware app.mjs:4 app.mjs on app.mjs:3 cors /"],
    },
    {
      name: "Koa: @koa/cors",
      files: { "app.js": lines(`const Koa = require("koa");`, `const cors = require("@koa/cors");`, "const app = new Koa();", "app.use(cors());") },
      expected: ["http_middleware app.js:4 app.js on app.js:3 cors /"],
    },
    {
      name: "Fastify: @fastify/cors registered on the instance",
      files: { "app.js": lines(`const fastify = require("fastify")();`, `fastify.register(require("@fastify/cors"), { origin: true });`) },
      expected: ["http_middleware app.js:2 app.js on app.js:1 cors /"],
    },
    {
      name: "NestJS: enableCors() and the create option, but not `cors: false`",
      files: {
        "a.ts": nest("  const app = await NestFactory.create(AppModule);", "  app.enableCors();"),
        "b.ts": nest("  const app = await NestFactory.create(AppModule, { cors: true });"),
        "c.ts": nest("  const app = await NestFactory.create(AppModule, { cors: false });"),
        "app.module.ts": "export class AppModule {}\n",
      },
      expected: ["http_middleware a.ts:5 a.ts on a.ts:4 cors /", "http_middleware b.ts:4 b.ts on b.ts:4 cors /"],
    },
  ])("$name", ({ files, expected }) => {
    expect(summarizeFacts(analyzeProgram(files).facts, "http_middleware")).toEqual(expected);
  });
});
