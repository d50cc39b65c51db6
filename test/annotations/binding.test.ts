import { describe, expect, it } from "vitest";
import { annotate, lines, summarizeAnnotation, summarizeDiagnostic, type AnnotationSummary, type DiagnosticSummary } from "../helpers/annotate.js";

interface BindingCase {
  readonly name: string;
  readonly file: string;
  readonly source: string;
  readonly expected: readonly AnnotationSummary[];
}

const bindingCases: BindingCase[] = [
  {
    name: "the last thing in a file binds to nothing",
    file: "src/app.js",
    source: lines("const cache = new Map();", `// @klotho::persist { id = "cache" }`),
    expected: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [2, 4], topLevel: true }],
  },
  {
    name: "the only thing in a file binds to nothing",
    file: "src/app.js",
    source: `/** @klotho::execution_unit { id = "main" } */\n`,
    expected: [{ capability: "execution_unit", id: "main", directives: { id: "main" }, at: [1, 5], topLevel: true }],
  },
  {
    name: "blank lines between the comment and the statement",
    file: "src/app.js",
    source: lines(`// @klotho::persist { id = "cache" }`, "", "", "const cache = new Map();"),
    expected: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [1, 4], boundTo: ["VariableDeclaration", 4], topLevel: true }],
  },
  {
    name: "a trailing comment on the line above does not change the binding",
    file: "src/app.js",
    source: lines("setup(); // first", `// @klotho::persist { id = "cache" }`, "const cache = new Map();"),
    expected: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [2, 4], boundTo: ["VariableDeclaration", 3], topLevel: true }],
  },
  {
    name: "require() of fs/promises",
    file: "src/files.js",
    source: lines(`// @klotho::persist { id = "uploads" }`, `const fs = require("fs/promises");`, `// @klotho::persist { id = "keys", secret = true }`, `const { readFile } = require("fs/promises");`),
    expected: [
      { capability: "persist", id: "uploads", directives: { id: "uploads" }, at: [1, 4], boundTo: ["VariableDeclaration", 2], topLevel: true },
      { capability: "persist", id: "keys", directives: { id: "keys", secret: true }, at: [3, 4], boundTo: ["VariableDeclaration", 4], topLevel: true },
    ],
  },
  {
    name: "a CommonJS export",
    file: "src/events.js",
    source: lines(`const { EventEmitter } = require("events");`, `// @klotho::pubsub { id = "events" }`, "exports.events = new EventEmitter();"),
    expected: [{ capability: "pubsub", id: "events", directives: { id: "events" }, at: [2, 4], boundTo: ["ExpressionStatement", 3], topLevel: true }],
  },
  {
    name: "inside a function body: the inner statement, not top level",
    file: "src/app.js",
    source: lines("function start() {", `  // @klotho::persist { id = "cache" }`, "  const cache = new Map();", "  return cache;", "}"),
    expected: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [2, 6], boundTo: ["VariableDeclaration", 3], topLevel: false }],
  },
  {
    name: "inside an arrow function: the return statement",
    file: "src/app.js",
    source: lines("const makeCache = () => {", `  // @klotho::persist { id = "cache" }`, "  return new Map();", "};"),
    expected: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [2, 6], boundTo: ["ReturnStatement", 3], topLevel: false }],
  },
  {
    name: "inside an if block: the listen call",
    file: "src/app.js",
    source: lines("if (require.main === module) {", `  // @klotho::expose { id = "api", target = "public" }`, "  app.listen(3000);", "}"),
    expected: [
      { capability: "expose", id: "api", directives: { id: "api", target: "public" }, at: [2, 6], boundTo: ["ExpressionStatement", 3], topLevel: false },
    ],
  },
  {
    name: "the end of a function body binds to nothing",
    file: "src/app.js",
    source: lines("function start() {", "  run();", `  // @klotho::persist { id = "cache" }`, "}"),
    expected: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [3, 6], topLevel: false }],
  },
  {
    name: "a class field",
    file: "src/store.js",
    source: lines("class Store {", `  // @klotho::persist { id = "items" }`, "  items = new Map();", "}"),
    expected: [{ capability: "persist", id: "items", directives: { id: "items" }, at: [2, 6], boundTo: ["ClassProperty", 3], topLevel: false }],
  },
  {
    name: "a private class field",
    file: "src/store.js",
    source: lines("class Store {", `  /** @klotho::persist { id = "items" } */`, "  #items = new Map();", "}"),
    expected: [{ capability: "persist", id: "items", directives: { id: "items" }, at: [2, 7], boundTo: ["ClassPrivateProperty", 3], topLevel: false }],
  },
  {
    name: "a class method",
    file: "src/store.js",
    source: lines("class Store {", "  items = new Map();", `  /* @klotho::expose { id = "api", target = "public" } */`, "  listen() {", "    app.listen(3000);", "  }", "}"),
    expected: [{ capability: "expose", id: "api", directives: { id: "api", target: "public" }, at: [3, 6], boundTo: ["ClassMethod", 4], topLevel: false }],
  },
  {
    name: "an object property",
    file: "src/store.js",
    source: lines("module.exports = {", `  // @klotho::persist { id = "items" }`, "  items: new Map(),", "};"),
    expected: [{ capability: "persist", id: "items", directives: { id: "items" }, at: [2, 6], boundTo: ["ObjectProperty", 3], topLevel: false }],
  },
  {
    name: "TypeScript: a NestJS controller field",
    file: "src/users/users.controller.ts",
    source: lines(
      `import { Controller, Get, Param } from "@nestjs/common";`,
      "",
      `@Controller("users")`,
      "export class UsersController {",
      `  // @klotho::persist { id = "users" }`,
      "  private readonly users = new Map<string, User>();",
      "",
      `  @Get(":id")`,
      `  findOne(@Param("id") id: string): User | undefined {`,
      "    return this.users.get(id);",
      "  }",
      "}",
    ),
    expected: [{ capability: "persist", id: "users", directives: { id: "users" }, at: [5, 6], boundTo: ["ClassProperty", 6], topLevel: false }],
  },
  {
    name: "TypeScript: a decorated method binds to the method, from its decorator",
    file: "src/users/users.controller.ts",
    source: lines(
      "export class UsersController {",
      `  // @klotho::pubsub { id = "user-events" }`,
      `  @Get()`,
      "  findAll(): User[] {",
      "    return [];",
      "  }",
      "}",
    ),
    expected: [
      { capability: "pubsub", id: "user-events", directives: { id: "user-events" }, at: [2, 6], boundTo: ["ClassMethod", 3], topLevel: false },
    ],
  },
  {
    name: "TypeScript: a decorated exported class binds to the export, from its decorator",
    file: "src/app.module.ts",
    source: lines(`import { Module } from "@nestjs/common";`, `// @klotho::execution_unit { id = "nest" }`, "@Module({})", "export class AppModule {}"),
    expected: [{ capability: "execution_unit", id: "nest", directives: { id: "nest" }, at: [2, 4], boundTo: ["ExportNamedDeclaration", 3], topLevel: true }],
  },
  {
    name: "TypeScript: await app.listen in a NestJS bootstrap function",
    file: "src/main.ts",
    source: lines(
      `import { NestFactory } from "@nestjs/core";`,
      `import { AppModule } from "./app.module";`,
      "",
      "async function bootstrap(): Promise<void> {",
      "  const app = await NestFactory.create(AppModule);",
      `  // @klotho::expose { id = "api", target = "public" }`,
      "  await app.listen(3000);",
      "}",
      "void bootstrap();",
    ),
    expected: [
      { capability: "expose", id: "api", directives: { id: "api", target: "public" }, at: [6, 6], boundTo: ["ExpressionStatement", 7], topLevel: false },
    ],
  },
  {
    name: "TypeScript: an annotated import and typed declaration",
    file: "src/store.mts",
    source: lines(
      `// @klotho::persist { id = "files" }`,
      `import * as fs from "node:fs/promises";`,
      `import type { User } from "./user.js";`,
      `// @klotho::persist { id = "users" }`,
      "export const users: Map<string, User> = new Map();",
    ),
    expected: [
      { capability: "persist", id: "files", directives: { id: "files" }, at: [1, 4], boundTo: ["ImportDeclaration", 2], topLevel: true },
      { capability: "persist", id: "users", directives: { id: "users" }, at: [4, 4], boundTo: ["ExportNamedDeclaration", 5], topLevel: true },
    ],
  },
  {
    name: "ESM: top-level await",
    file: "src/server.mjs",
    source: lines(
      `// @klotho::execution_unit { id = "main" }`,
      `import express from "express";`,
      `import { createClient } from "redis";`,
      "",
      "const app = express();",
      `// @klotho::persist { id = "sessions" }`,
      "const redis = await createClient().connect();",
      `// @klotho::expose { id = "api", target = "public" }`,
      "await app.listen(3000);",
    ),
    expected: [
      { capability: "execution_unit", id: "main", directives: { id: "main" }, at: [1, 4], boundTo: ["ImportDeclaration", 2], topLevel: true },
      { capability: "persist", id: "sessions", directives: { id: "sessions" }, at: [6, 4], boundTo: ["VariableDeclaration", 7], topLevel: true },
      { capability: "expose", id: "api", directives: { id: "api", target: "public" }, at: [8, 4], boundTo: ["ExpressionStatement", 9], topLevel: true },
    ],
  },
  {
    name: "ESM: a .js file of a type: module package",
    file: "src/server.js",
    source: lines(`import { EventEmitter } from "node:events";`, `// @klotho::pubsub { id = "events" }`, "export const events = new EventEmitter();", "await events.emit('ready');"),
    expected: [
      { capability: "pubsub", id: "events", directives: { id: "events" }, at: [2, 4], boundTo: ["ExportNamedDeclaration", 3], topLevel: true },
    ],
  },
];

describe("what an annotation binds to", () => {
  it.each(bindingCases)("$name", ({ file, source, expected }) => {
    const moduleKind = file === "src/server.js" ? "esm" : undefined;
    const result = annotate(file, source, moduleKind);
    expect(result.diagnostics).toEqual([]);
    expect(result.annotations.map(summarizeAnnotation)).toEqual(expected);
  });
});

interface FileLevelCase {
  readonly name: string;
  readonly source: string;
  readonly annotations: readonly AnnotationSummary[];
  readonly diagnostics: readonly DiagnosticSummary[];
}

const notFileLevel = (capability: string): string =>
  `${capability} annotations must be at file level (outside any function or class); this one is ignored.`;

const fileLevelCases: FileLevelCase[] = [
  {
    name: "execution_unit at the top of the file is fine",
    source: lines(`// @klotho::execution_unit { id = "main" }`, `const express = require("express");`),
    annotations: [{ capability: "execution_unit", id: "main", directives: { id: "main" }, at: [1, 4], boundTo: ["VariableDeclaration", 2], topLevel: true }],
    diagnostics: [],
  },
  {
    name: "execution_unit after 'use strict' is fine",
    source: lines(`"use strict";`, `// @klotho::execution_unit { id = "main" }`, `const express = require("express");`),
    annotations: [{ capability: "execution_unit", id: "main", directives: { id: "main" }, at: [2, 4], boundTo: ["VariableDeclaration", 3], topLevel: true }],
    diagnostics: [],
  },
  {
    name: "execution_unit after a #! line is fine",
    source: lines("#!/usr/bin/env node", `// @klotho::execution_unit { id = "main" }`, `const express = require("express");`),
    annotations: [{ capability: "execution_unit", id: "main", directives: { id: "main" }, at: [2, 4], boundTo: ["VariableDeclaration", 3], topLevel: true }],
    diagnostics: [],
  },
  {
    name: "execution_unit between top-level functions is fine",
    source: lines("function a() {}", `// @klotho::execution_unit { id = "main" }`, "function b() {}"),
    annotations: [{ capability: "execution_unit", id: "main", directives: { id: "main" }, at: [2, 4], boundTo: ["FunctionDeclaration", 3], topLevel: true }],
    diagnostics: [],
  },
  {
    name: "execution_unit inside a function is ignored with a warning",
    source: lines("function handler() {", `  // @klotho::execution_unit { id = "main" }`, "  return 1;", "}"),
    annotations: [],
    diagnostics: [
      { code: "annotation/not-file-level", severity: "warning", message: notFileLevel("execution_unit"), at: [2, 6], annotationAt: [2, 6] },
    ],
  },
  {
    name: "static_unit inside a class is ignored with a warning",
    source: lines("class Site {", `  /** @klotho::static_unit { id = "site" } */`, "  serve() {}", "}"),
    annotations: [],
    diagnostics: [{ code: "annotation/not-file-level", severity: "warning", message: notFileLevel("static_unit"), at: [2, 7], annotationAt: [2, 7] }],
  },
  {
    name: "embed_assets inside a block is ignored with a warning",
    source: lines("{", `  // @klotho::embed_assets { include = ["public/**"] }`, "  serve();", "}"),
    annotations: [],
    diagnostics: [{ code: "annotation/not-file-level", severity: "warning", message: notFileLevel("embed_assets"), at: [2, 6], annotationAt: [2, 6] }],
  },
  {
    name: "only the file-level annotation of a comment inside a function is ignored",
    source: lines("function handler() {", `  // @klotho::execution_unit { id = "main" } @klotho::persist { id = "cache" }`, "  const cache = new Map();", "}"),
    annotations: [{ capability: "persist", id: "cache", directives: { id: "cache" }, at: [2, 46], boundTo: ["VariableDeclaration", 3], topLevel: false }],
    diagnostics: [
      { code: "annotation/not-file-level", severity: "warning", message: notFileLevel("execution_unit"), at: [2, 6], annotationAt: [2, 6] },
    ],
  },
];

describe("file-level capabilities", () => {
  it.each(fileLevelCases)("$name", ({ source, annotations, diagnostics }) => {
    const result = annotate("src/app.js", source);
    expect(result.diagnostics.map(summarizeDiagnostic)).toEqual(diagnostics);
    expect(result.annotations.map(summarizeAnnotation)).toEqual(annotations);
  });
});
