import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface ListenCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  readonly expected: readonly string[];
}

const header = [`const express = require("express");`, "const app = express();"];

const cases: ListenCase[] = [
  {
    name: "app.listen",
    files: { "app.js": lines(...header, "app.listen(3000);") },
    expected: ["http_app app.js:2 app", "http_listen app.js:3 app.js:2"],
  },
  {
    name: "await app.listen in an ES module with top-level await",
    files: { "app.mjs": lines(`import express from "express";`, "const app = express();", "await app.listen(3000);") },
    expected: ["http_app app.mjs:2 app", "http_listen app.mjs:3 app.mjs:2"],
  },
  {
    name: "a server kept in a variable",
    files: { "app.js": lines(...header, "const server = app.listen(3000, () => console.log('up'));", "server.close();") },
    expected: ["http_app app.js:2 app", "http_listen app.js:3 app.js:2"],
  },
  {
    name: "http.createServer(app).listen()",
    files: { "app.js": lines(...header, `const http = require("http");`, "http.createServer(app).listen(8080);") },
    expected: ["http_app app.js:2 app", "http_listen app.js:4 app.js:2"],
  },
  {
    name: "node:http and a server variable",
    files: { "app.js": lines(...header, `const { createServer } = require("node:http");`, "const server = createServer(app);", "server.listen(8080);") },
    expected: ["http_app app.js:2 app", "http_listen app.js:5 app.js:2"],
  },
  {
    name: "ESM import of node:https",
    files: { "app.mjs": lines(`import express from "express";`, `import https from "node:https";`, "const app = express();", "https.createServer({}, app).listen(443);") },
    expected: ["http_app app.mjs:3 app", "http_listen app.mjs:4 app.mjs:3"],
  },
  {
    name: "listen inside async main()",
    files: { "app.js": lines(...header, "async function main() {", "  await connect();", "  app.listen(3000);", "}", "main();") },
    expected: ["http_app app.js:2 app", "http_listen app.js:5 app.js:2"],
  },
  {
    name: "listen in another file than the app",
    files: {
      "app.ts": lines(`import express from "express";`, "export const app = express();"),
      "server.ts": lines(`import { app } from "./app.js";`, "app.listen(Number(process.env.PORT ?? 3000));"),
    },
    expected: ["http_app app.ts:2 app", "http_listen server.ts:2 app.ts:2"],
  },
];

describe("express listen", () => {
  it.each(cases)("$name", ({ files, options, expected }) => {
    const { facts } = analyzeProgram(files, options);
    expect(summarizeFacts(facts, "http_app", "http_listen")).toEqual(expected);
  });
});
