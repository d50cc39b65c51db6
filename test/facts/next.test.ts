import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface NextCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  readonly expected: readonly string[];
}

const KINDS = ["next_app", "next_handler", "http_app", "http_route", "http_listen"] as const;

const cjs = [`const next = require("next");`, `const express = require("express");`];

const cases: NextCase[] = [
  {
    name: "Express custom server: an explicit route and all('*') handing to Next, listened in prepare().then()",
    files: {
      "server.js": lines(
        ...cjs,
        "const app = next({ dev: false });",
        "const handle = app.getRequestHandler();",
        "app.prepare().then(() => {",
        "  const server = express();",
        `  server.get("/custom", (req, res) => res.json({ ok: true }));`,
        `  server.all("*", (req, res) => handle(req, res));`,
        "  server.listen(3000);",
        "});",
      ),
    },
    expected: [
      "next_app server.js:3 app dir=. dev=false",
      "next_handler server.js:4 server.js:3",
      "http_app server.js:6 server",
      "http_route server.js:7 GET /custom on server.js:6",
      "http_route server.js:8 ANY / on server.js:6",
      "http_route server.js:8 ANY /:proxy* on server.js:6",
      "http_listen server.js:9 server.js:6",
    ],
  },
  {
    name: "get('/*', handle) keeps its method; the handler passed as it is",
    files: {
      "server.js": lines(...cjs, "const app = next({});", "const handle = app.getRequestHandler();", "const server = express();", `server.get("/*", handle);`, "server.listen(3000);"),
    },
    expected: [
      "next_app server.js:3 app dir=.",
      "next_handler server.js:4 server.js:3",
      "http_app server.js:5 server",
      "http_route server.js:6 GET / on server.js:5",
      "http_route server.js:6 GET /:proxy* on server.js:5",
      "http_listen server.js:7 server.js:5",
    ],
  },
  {
    name: "use((req, res) => handle(req, res)) after explicit routes, and a router mounted in the same use()",
    files: {
      "server.js": lines(
        ...cjs,
        "const app = next({ dev: process.env.NODE_ENV !== 'production' });",
        "const handle = app.getRequestHandler();",
        "const api = express.Router();",
        `api.get("/items", (req, res) => res.json([]));`,
        "const server = express();",
        `server.use("/api", api);`,
        "server.use((req, res) => {",
        "  return handle(req, res);",
        "});",
        "server.listen(3000);",
      ),
    },
    expected: [
      "next_app server.js:3 app dir=.",
      "next_handler server.js:4 server.js:3",
      "http_route server.js:6 GET /items on server.js:5",
      "http_app server.js:7 server",
      "http_route server.js:9 ANY / on server.js:7",
      "http_route server.js:9 ANY /:proxy* on server.js:7",
      "http_listen server.js:12 server.js:7",
    ],
  },
  {
    name: "use('/blog', ...) through a named function that calls the handler",
    files: {
      "server.js": lines(
        ...cjs,
        "const app = next({});",
        "const handle = app.getRequestHandler();",
        "function serveNext(req, res) { handle(req, res); }",
        "const server = express();",
        `server.use("/blog", (req, res) => serveNext(req, res));`,
      ),
    },
    expected: [
      "next_app server.js:3 app dir=.",
      "next_handler server.js:4 server.js:3",
      "http_app server.js:6 server",
      "http_route server.js:7 ANY /blog on server.js:6",
      "http_route server.js:7 ANY /blog/:proxy* on server.js:6",
    ],
  },
  {
    name: "a handler asked for in the route: all('*', (req, res) => app.getRequestHandler()(req, res))",
    files: {
      "server.js": lines(...cjs, "const app = next({});", "const server = express();", `server.all("*", (req, res) => app.getRequestHandler()(req, res));`),
    },
    expected: [
      "next_app server.js:3 app dir=.",
      "http_app server.js:4 server",
      "http_route server.js:5 ANY / on server.js:4",
      "http_route server.js:5 ANY /:proxy* on server.js:4",
      "next_handler server.js:5 server.js:3",
    ],
  },
  {
    name: "a '*' route that does not call the Next handler stays Express's wildcard; a parameter named like the handler is not it",
    files: {
      "server.js": lines(
        ...cjs,
        "const app = next({});",
        "const handle = app.getRequestHandler();",
        "const server = express();",
        `server.get("*", (req, res) => res.send("no"));`,
        `server.all("*", (handle, res) => handle(res));`,
      ),
    },
    expected: [
      "next_app server.js:3 app dir=.",
      "next_handler server.js:4 server.js:3",
      "http_app server.js:5 server",
      "http_route server.js:6 GET / on server.js:5",
      "http_route server.js:6 GET /:rest* on server.js:5",
      "http_route server.js:7 ANY / on server.js:5",
      "http_route server.js:7 ANY /:rest* on server.js:5",
    ],
  },
  {
    name: "http.createServer((req, res) => handle(req, res, parse(req.url, true))).listen() is a plain Node app",
    files: {
      "server.js": lines(
        `const { createServer } = require("http");`,
        `const { parse } = require("url");`,
        `const next = require("next");`,
        "const app = next({ dev: true, dir: __dirname });",
        "const handle = app.getRequestHandler();",
        "app.prepare().then(() => {",
        "  createServer((req, res) => handle(req, res, parse(req.url, true))).listen(3000);",
        "});",
      ),
    },
    expected: [
      "next_app server.js:4 app dir=. dev=true",
      "next_handler server.js:5 server.js:4",
      "http_app server.js:7 -",
      "http_listen server.js:7 server.js:7",
    ],
  },
  {
    name: "http.createServer(app.getRequestHandler()) and a server variable",
    files: {
      "web/server.js": lines(
        `const http = require("node:http");`,
        `const next = require("next");`,
        `const app = next({ dir: require("path").join(__dirname, "..", "site") });`,
        "const server = http.createServer(app.getRequestHandler());",
        "server.listen(3000);",
      ),
    },
    expected: ["next_app web/server.js:3 app dir=site", "http_app web/server.js:4 -", "next_handler web/server.js:4 web/server.js:3", "http_listen web/server.js:5 web/server.js:4"],
  },
  {
    name: "ESM with top-level await, import.meta.dirname and a TypeScript handler",
    files: {
      "src/server.ts": lines(
        `import next from "next";`,
        `import express, { type Request, type Response } from "express";`,
        "const app = next({ dev: false, dir: import.meta.dirname });",
        "const handle = app.getRequestHandler();",
        "await app.prepare();",
        "const server = express();",
        `server.all("/{*splat}", (req: Request, res: Response) => handle(req, res));`,
        "server.listen(3000);",
      ),
    },
    options: { packageJson: { type: "module" } },
    expected: [
      "next_app src/server.ts:3 app dir=src dev=false",
      "next_handler src/server.ts:4 src/server.ts:3",
      "http_app src/server.ts:6 server",
      "http_route src/server.ts:7 ANY / on src/server.ts:6",
      "http_route src/server.ts:7 ANY /:proxy* on src/server.ts:6",
      "http_listen src/server.ts:8 src/server.ts:6",
    ],
  },
  {
    name: "dir as a string from the project root, a constant, process.cwd(), outside the project, or unknown",
    files: {
      "server.js": lines(
        `const next = require("next");`,
        `const path = require("path");`,
        `const web = "./apps/web/";`,
        `next({ dir: "apps/site" });`,
        "next({ dir: web });",
        "next({ dir: process.cwd() });",
        `next({ dir: path.resolve(__dirname, "../elsewhere") });`,
        "next({ dir: process.env.NEXT_DIR });",
        "next(loadOptions());",
        "next();",
      ),
    },
    expected: [
      "next_app server.js:4 - dir=apps/site",
      "next_app server.js:5 - dir=apps/web",
      "next_app server.js:6 - dir=.",
      "next_app server.js:7 - dir=../elsewhere",
      "next_app server.js:8 - dir=?",
      "next_app server.js:9 - dir=?",
      "next_app server.js:10 - dir=.",
    ],
  },
  {
    name: "odd options and calls are read without failing",
    files: {
      "server.js": lines(
        ...cjs,
        "const args = [{ dev: true }];",
        `next({ dir: 42, dev: "yes", ["dir"]: "computed" });`,
        "next(...args);",
        "next({ ...args[0], dir: `${process.env.HOME}/web` });",
        `next({ dir: path.join(__dirname, "/abs") });`,
        "const server = express();",
        "server.use();",
        `server.all("*");`,
        "require('http').createServer(null, undefined).listen();",
      ),
    },
    expected: [
      "next_app server.js:4 - dir=computed",
      "next_app server.js:5 - dir=.",
      "next_app server.js:6 - dir=?",
      "next_app server.js:7 - dir=?",
      "http_app server.js:8 server",
    ],
  },
  {
    name: "a plain http.createServer() without a listener, and one whose listener comes from an unresolved import, are no apps",
    files: {
      "server.js": lines(`const http = require("http");`, `const { handler } = require("some-lib");`, "http.createServer().listen(1);", "http.createServer(handler).listen(2);"),
    },
    expected: [],
  },
];

describe("Next.js custom servers", () => {
  it.each(cases)("$name", ({ files, options, expected }) => {
    const { facts, diagnostics } = analyzeProgram(files, options);
    expect(summarizeFacts(facts, ...KINDS)).toEqual(expected);
    expect(diagnostics).toEqual([]);
  });
});
