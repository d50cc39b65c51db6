import { describe, expect, it } from "vitest";
import { analyzeProgram, lines, summarizeFacts, type ProgramOptions, type SourceTree } from "../helpers/program.js";

interface AppCase {
  readonly name: string;
  readonly files: SourceTree;
  readonly options?: ProgramOptions;
  readonly expected: readonly string[];
}

const cases: AppCase[] = [
  {
    name: "CommonJS require",
    files: { "app.js": lines(`const express = require("express");`, "const app = express();", `app.get("/a", (req, res) => res.send("a"));`) },
    expected: ["http_app app.js:2 app", "http_route app.js:3 GET /a on app.js:2"],
  },
  {
    name: "ESM default import",
    files: { "app.mjs": lines(`import express from "express";`, "const app = express();", `app.get("/a", () => {});`) },
    expected: ["http_app app.mjs:2 app", "http_route app.mjs:3 GET /a on app.mjs:2"],
  },
  {
    name: "namespace import",
    files: { "app.ts": lines(`import * as express from "express";`, "const app = express();", `app.get("/a", () => {});`) },
    expected: ["http_app app.ts:2 app", "http_route app.ts:3 GET /a on app.ts:2"],
  },
  {
    name: "TypeScript import = require",
    files: { "app.ts": lines(`import express = require("express");`, "const app = express();", `app.get("/a", () => {});`) },
    expected: ["http_app app.ts:2 app", "http_route app.ts:3 GET /a on app.ts:2"],
  },
  {
    name: "TypeScript-compiled __importDefault",
    files: {
      "app.js": lines(
        `"use strict";`,
        "var __importDefault = (this && this.__importDefault) || function (mod) {",
        `    return (mod && mod.__esModule) ? mod : { "default": mod };`,
        "};",
        `Object.defineProperty(exports, "__esModule", { value: true });`,
        `const express_1 = __importDefault(require("express"));`,
        "const app = (0, express_1.default)();",
        `app.get("/a", (req, res) => res.send("a"));`,
      ),
    },
    expected: ["http_app app.js:7 app", "http_route app.js:8 GET /a on app.js:7"],
  },
  {
    name: "TypeScript-compiled __importStar and express_1.Router()",
    files: {
      "app.js": lines(
        "var __importStar = (this && this.__importStar) || function (mod) {",
        "    if (mod && mod.__esModule) return mod;",
        "    var result = {};",
        `    if (mod != null) for (var k in mod) if (k !== "default" && Object.prototype.hasOwnProperty.call(mod, k)) __createBinding(result, mod, k);`,
        "    __setModuleDefault(result, mod);",
        "    return result;",
        "};",
        `const express_1 = __importStar(require("express"));`,
        "const app = (0, express_1.default)();",
        "const router = express_1.Router();",
        `router.get("/r", () => {});`,
        "app.use(router);",
      ),
    },
    expected: [
      "http_app app.js:9 app",
      "http_router app.js:10 router",
      "http_route app.js:11 GET /r on app.js:10",
      "http_mount app.js:12 / app.js:10 on app.js:9",
    ],
  },
  {
    name: "tslib helpers",
    files: {
      "app.js": lines(`const tslib_1 = require("tslib");`, `const express_1 = tslib_1.__importDefault(require("express"));`, "const app = (0, express_1.default)();"),
    },
    expected: ["http_app app.js:3 app"],
  },
  {
    name: "an app made in a helper and returned, destructured with its router",
    files: {
      "setup.js": lines(
        `const express = require("express");`,
        "function setupExpressApp() {",
        "  const app = express();",
        "  const router = express.Router();",
        "  return { app, router };",
        "}",
        "module.exports = { setupExpressApp };",
      ),
      "index.js": lines(`const { setupExpressApp } = require("./setup");`, "const { app, router } = setupExpressApp();", "app.use(router);", `router.post("/p", () => {});`),
    },
    expected: [
      "http_mount index.js:3 / setup.js:4 on setup.js:3",
      "http_route index.js:4 POST /p on setup.js:4",
      "http_app setup.js:3 app",
      "http_router setup.js:4 router",
    ],
  },
  {
    name: "a default-export alias called as mod.default()",
    files: {
      "app.js": lines(`const mod = require("express");`, "const app = mod.default();", `app.put("/x", () => {});`),
    },
    expected: ["http_app app.js:2 app", "http_route app.js:3 PUT /x on app.js:2"],
  },
  {
    name: "an app factory exported by a project file and called through default",
    files: {
      "make.mjs": lines(`import express from "express";`, "export default function makeApp() { return express(); }"),
      "main.mjs": lines(`import * as mod from "./make.mjs";`, "const app = mod.default();", `app.delete("/d", () => {});`),
    },
    expected: ["http_route main.mjs:3 DELETE /d on make.mjs:2", "http_app make.mjs:2 app"],
  },
];

describe("express apps", () => {
  it.each(cases)("$name", ({ files, options, expected }) => {
    const { facts } = analyzeProgram(files, options);
    expect(summarizeFacts(facts, "http_app", "http_router", "http_route", "http_mount")).toEqual(expected);
  });
});
