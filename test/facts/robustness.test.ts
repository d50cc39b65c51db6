import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type SourceTree } from "../helpers/program.js";

interface RobustnessCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly expected: readonly string[];
}

const header = [`const express = require("express");`, "const app = express();"];

const cases: RobustnessCase[] = [
  {
    name: "a function calling itself",
    files: { "app.js": lines(...header, "function walk(n) { if (n > 0) walk(n - 1); app.get(`/depth`, h); return walk(n); }", "walk(3);", "function h() {}") },
    expected: ["http_app app.js:2 app", "http_route app.js:3 GET /depth on app.js:2"],
  },
  {
    name: "mutual recursion across modules in an import cycle",
    files: {
      "a.js": lines(`const b = require("./b");`, "function ping(n) { return b.pong(n); }", "exports.ping = ping;", "ping(1);"),
      "b.js": lines(`const a = require("./a");`, `const { Router } = require("express");`, "exports.router = Router();", "exports.pong = function pong(n) { exports.router.get(\"/pong\", () => {}); return a.ping(n); };"),
    },
    expected: ["http_router b.js:3 router", "http_route b.js:4 GET /pong on b.js:3"],
  },
  {
    name: "an ES module cycle sees imports as live bindings",
    files: {
      "app.mjs": lines(`import express from "express";`, `import { register } from "./routes.mjs";`, "export const app = express();", "register();"),
      "routes.mjs": lines(`import { app } from "./app.mjs";`, "export function register() { app.get(\"/live\", () => {}); }", "register();"),
    },
    expected: ["http_app app.mjs:3 app", "http_route routes.mjs:2 GET /live on app.mjs:3"],
  },
  {
    name: "getters on object literals and classes",
    files: {
      "app.js": lines(
        ...header,
        "const routes = { get router() { return express.Router(); } };",
        "class Holder { get app() { return app; } get loop() { return this.loop; } }",
        "const holder = new Holder();",
        "holder.app.use(\"/g\", routes.router);",
        "holder.loop;",
      ),
    },
    expected: ["http_app app.js:2 app", "http_router app.js:3 router", "http_mount app.js:6 /g app.js:3 on app.js:2"],
  },
  {
    name: "a class with fields, a constructor, methods, statics and this",
    files: {
      "server.ts": lines(
        `import express, { Router } from "express";`,
        "class Base { protected readonly router: Router = Router(); }",
        "export class Server extends Base {",
        "  private app = express();",
        "  #port = 3000;",
        "  static bootstrap(): Server { return new Server(); }",
        "  constructor() { super(); this.routes(); }",
        "  private routes(): void {",
        `    this.router.get("/c", (req, res) => res.json({}));`,
        `    this.app.use("/api", this.router);`,
        "  }",
        "  start(): void { this.app.listen(this.#port); }",
        "}",
        "Server.bootstrap().start();",
      ),
    },
    expected: [
      "http_router server.ts:2 router",
      "http_app server.ts:4 app",
      "http_route server.ts:9 GET /c on server.ts:2",
      "http_mount server.ts:10 /api server.ts:2 on server.ts:4",
      "http_listen server.ts:12 server.ts:4",
    ],
  },
  {
    name: "spread in objects, arrays and arguments",
    files: {
      "app.js": lines(
        ...header,
        "const a = express.Router();",
        "const b = express.Router();",
        "const all = { ...{ a }, b };",
        "const list = [...[all.a], all.b];",
        `app.use("/s", ...list);`,
        "function mountAll(...routers) { routers.forEach((r) => app.use(r)); }",
        "mountAll(a, b);",
      ),
    },
    expected: [
      "http_app app.js:2 app",
      "http_router app.js:3 a",
      "http_router app.js:4 b",
      "http_mount app.js:7 /s app.js:3 on app.js:2",
      "http_mount app.js:7 /s app.js:4 on app.js:2",
      "http_mount app.js:8 / app.js:3 on app.js:2",
      "http_mount app.js:8 / app.js:4 on app.js:2",
    ],
  },
  {
    name: "optional chaining",
    files: { "app.js": lines(...header, "const mod = { router: express.Router() };", `mod?.router?.get("/o", () => {});`, `app?.use?.("/x", mod?.router);`) },
    expected: ["http_app app.js:2 app", "http_router app.js:3 router", "http_route app.js:4 GET /o on app.js:3", "http_mount app.js:5 /x app.js:3 on app.js:2"],
  },
  {
    name: "labels, generators, loops, switch and try",
    files: {
      "app.js": lines(
        ...header,
        "outer: for (let i = 0; i < 3; i++) { inner: while (true) { if (i) continue outer; break inner; } }",
        "function* ids() { let i = 0; while (true) yield i++; }",
        "async function* chunks() { yield* ids(); }",
        "for (const id of ids()) { switch (id) { case 1: app.get(`/one`, () => {}); break; default: break; } }",
        "try { throw new Error('x'); } catch ({ message }) { app.post('/caught', () => {}); } finally { void 0; }",
        "do { x++; } while (false);",
        "for (const k in {}) {}",
      ),
    },
    expected: ["http_app app.js:2 app", "http_route app.js:6 GET /one on app.js:2", "http_route app.js:7 POST /caught on app.js:2"],
  },
  {
    name: "loops and callbacks over known arrays run once per distinct item",
    files: {
      "app.js": lines(
        ...header,
        "const a = express.Router();",
        "const b = express.Router();",
        `for (const [path, router] of [["/a", a], ["/b", b], ["/a", a]]) app.use(path, router);`,
        `const made = ["/x", "/y"].map((path) => { const r = express.Router(); app.use(path, r); return r; });`,
        `made.forEach((r) => r.get("/z", () => {}));`,
      ),
    },
    expected: [
      "http_app app.js:2 app",
      "http_router app.js:3 a",
      "http_router app.js:4 b",
      "http_mount app.js:5 /a app.js:3 on app.js:2",
      "http_mount app.js:5 /b app.js:4 on app.js:2",
      "http_router app.js:6 r",
      "http_mount app.js:6 /x app.js:6 on app.js:2",
      "http_mount app.js:6 /y app.js:6 on app.js:2",
      "http_route app.js:7 GET /z on app.js:6",
    ],
  },
  {
    name: "dynamic require of a variable",
    files: {
      "app.js": lines(...header, `const name = "./r";`, "app.use(require(name));", "for (const f of files) require(f);", "require(`./r`);", "require(name + '.js');"),
      "r.js": lines(`const r = require("express").Router();`, `r.get("/dyn", () => {});`, "module.exports = r;"),
    },
    expected: ["http_app app.js:2 app", "http_mount app.js:4 / r.js:1 on app.js:2", "http_router r.js:1 r", "http_route r.js:2 GET /dyn on r.js:1"],
  },
  {
    name: "closures made by one factory keep their own variables",
    files: {
      "app.js": lines(
        ...header,
        "function mounter(prefix) { return (router) => app.use(prefix, router); }",
        "const r = express.Router();",
        `mounter("/one")(r);`,
        `mounter("/two")(r);`,
      ),
    },
    expected: ["http_app app.js:2 app", "http_mount app.js:3 /one app.js:4 on app.js:2", "http_mount app.js:3 /two app.js:4 on app.js:2", "http_router app.js:4 r"],
  },
  {
    name: "a helper called with different arrays",
    files: { "app.js": lines(...header, "function mountFirst(list) { app.use(list[0]); }", "mountFirst([express.Router()]);", "mountFirst([express.Router()]);") },
    expected: ["http_app app.js:2 app", "http_mount app.js:3 / app.js:4 on app.js:2", "http_mount app.js:3 / app.js:5 on app.js:2", "http_router app.js:4 -", "http_router app.js:5 -"],
  },
  {
    name: "odd syntax: JSX, enums, namespaces, decorators, with, new.target, import.meta",
    files: {
      "view.jsx": "export const View = () => <div>{1}</div>;",
      "types.ts": lines("enum E { A }", "namespace N { export const x = 1; }", "declare function f(): void;", "function deco(t: unknown) {}", "@deco class C { @deco m() {} accessor z = 1; static { f(); } }"),
      "legacy.cjs": lines("with (Math) { max(1, 2); }", "function F() { if (!new.target) return; this.x = arguments[0]; }", "new F(1);"),
      "meta.mjs": lines("const here = import.meta.url;", "const { default: d } = await import(here);", "export default class extends Object {}"),
    },
    expected: [],
  },
];

describe("the interpreter on odd code", () => {
  it.each(cases)("$name", ({ files, expected }) => {
    const result = analyzeProgram(files);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(summarizeFacts(result.facts, "http_app", "http_router", "http_route", "http_mount", "http_listen")).toEqual(expected);
  });

  it("stays fast when every call doubles the work", () => {
    const levels = Array.from({ length: 24 }, (_, i) => `function f${i}(x) { f${i + 1}({ x }); f${i + 1}({ x }); }`);
    const started = performance.now();
    const result = analyzeProgram({ "deep.js": lines(...header, ...levels, "function f24(x) { app.get(\"/deep\", () => {}); }", "f0({});") });
    expect(summarizeFacts(result.facts, "http_route")).toEqual(["http_route deep.js:27 GET /deep on deep.js:2"]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("survives a very long expression", () => {
    const long = `const total = ${Array.from({ length: 3000 }, (_, i) => `v${i}`).join(" + ")};`;
    expect(() => analyzeProgram({ "long.js": lines(...header, long, `app.get("/after", () => {});`) })).not.toThrow();
  });
});
