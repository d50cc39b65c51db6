// Re-exports and imports of names that are only types, through barrels: each TypeScript file is
// emitted on its own, so `export { Todo } from "./types.js"` of an interface would stay a value
// re-export, and an ES module unit would fail to load ("does not provide an export named 'Todo'").
// What tsc's whole program drops, klotho makes type-only in the text the emitter gets, following
// re-exports (`export { A as B } from`, `export *`, `export * as ns`, an import exported again) from
// barrel to barrel, circular ones included; a class, an enum, or a `const` with a type of its name stay values.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lines } from "../helpers/program.js";
import { runCli } from "../helpers/run-cli.js";
import { createTempFolder, type TempFolder } from "../helpers/temp-project.js";

const SOURCES = {
  "src/types.ts": lines(
    "export interface Todo { id: string; title: string }",
    'export type TodoId = Todo["id"];',
    'export const DEFAULT_TITLE = "untitled";',
    "export class Tag { constructor(readonly name: string) {} }",
    "export enum Priority { Low, High }",
    'export const Status = { Open: "open" } as const;',
    "export type Status = (typeof Status)[keyof typeof Status];",
  ),
  "src/more.ts": lines("export interface Page { size: number }", "export const PAGE_SIZE = 10;", 'export * from "./models.js";'),
  "src/shapes.ts": "export interface Shape { sides: number }\n",
  "src/dto.d.ts": lines("export interface CreateTodo { title: string }", "export declare const enum Level { Low = 1, High = 2 }", "export declare const Missing: number;"),
  // A barrel: type-only names alone, with a rename, beside values, from a .d.ts; and more.ts, which re-exports this one.
  "src/models.ts": lines(
    'export { Todo } from "./types.js";',
    'export { TodoId as Id, DEFAULT_TITLE } from "./types.js";',
    'export { Tag, Priority, Status } from "./types.js";',
    'export { CreateTodo, Level, Missing } from "./dto.js";',
    'export * from "./more.js";',
    'export * as shapes from "./shapes.js";',
  ),
  // A barrel of the barrel: a renamed type-only name, one reached through `export *`, and an import exported again.
  "src/index.ts": lines(
    'import { Todo, Page } from "./models.js";',
    'export { Todo as Item, Page as Paging } from "./models.js";',
    'export * from "./models.js";',
    "export { Todo, Page };",
  ),
  "src/settings.ts": "export default interface Settings { verbose: boolean }\n",
  "src/server.ts": lines(
    'import express from "express";',
    'import { Item, Paging, PAGE_SIZE, Id, DEFAULT_TITLE, Tag, Priority, Status, CreateTodo, Level, Missing, shapes } from "./index.js";',
    'import Settings from "./settings.js";',
    "",
    "function logged(): MethodDecorator { return () => undefined; }",
    "class Todos {",
    "  @logged()",
    "  create(todo: Item, body: CreateTodo, settings: Settings, page: Paging): Id { return todo.id; }",
    "}",
    "const app = express();",
    'app.get("/", (_req, res) => {',
    "  const shape: shapes.Shape = { sides: 4 };",
    "  res.json({ title: DEFAULT_TITLE, size: PAGE_SIZE, tag: new Tag(\"a\").name, high: Priority.High, open: Status.Open, level: Level.High, shape, todos: typeof Todos });",
    "});",
    'app.get("/missing", (_req, res) => { res.json({ missing: Missing }); });',
    '/** @klotho::expose { id = "api", target = "public" } */',
    "app.listen(3000);",
  ),
};

interface Compiled {
  readonly folder: TempFolder;
  readonly stderr: string;
  js(file: string): string;
}

async function compile(moduleKind: "esm" | "cjs"): Promise<Compiled> {
  const esm = moduleKind === "esm";
  const folder = createTempFolder({
    ...SOURCES,
    "package.json": JSON.stringify({ name: "todos", ...(esm ? { type: "module" } : {}), main: "src/server.ts", dependencies: { express: "^4.21.0" } }),
    "tsconfig.json": JSON.stringify({ compilerOptions: { module: esm ? "NodeNext" : "commonjs", target: "ES2022", strict: true, experimentalDecorators: true, emitDecoratorMetadata: true } }),
  });
  const result = await runCli([folder.dir, "--app", "todos", "--provider", "aws", "-o", "compiled"], { cwd: folder.dir });
  expect(result.code, result.stderr).toBe(0);
  return { folder, stderr: result.stderr, js: (file) => folder.read(path.posix.join("compiled", "main", "src", file)) };
}

describe("type-only names re-exported by ES module barrels", () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compile("esm");
  }, 60_000);
  afterAll(() => {
    compiled.folder.remove();
  });

  it("drops the type-only names of a barrel's re-exports and keeps its values (class, enum, const with a type of its name)", () => {
    expect(compiled.js("models.js").split("\n").slice(0, 4)).toEqual([
      'export { DEFAULT_TITLE } from "./types.js";',
      'export { Tag, Priority, Status } from "./types.js";',
      'export * from "./more.js";',
      'export * as shapes from "./shapes.js";',
    ]);
  });

  it("follows barrels of barrels, through renames, `export *` (a circular one) and an import exported again", () => {
    const index = compiled.js("index.js");
    expect(index).not.toMatch(/\b(Todo|Page|Item|Paging)\b/);
    expect(index).toContain('export * from "./models.js";');
  });

  it("imports type-only names from a barrel as types, a default-exported interface too: decorator metadata says Object", () => {
    const server = compiled.js("server.js");
    expect(server).toContain('import { PAGE_SIZE, DEFAULT_TITLE, Tag, Priority, Status, Missing } from "./index.js";');
    expect(server).not.toContain("./settings.js");
    expect(server).toContain('__metadata("design:paramtypes", [Object, Object, Object, Object])');
  });

  it("inlines a .d.ts const enum reached through barrels, and warns at the use of another value only a .d.ts declares", () => {
    expect(compiled.js("server.js")).toContain("level: 2 /* Level.High */");
    expect(compiled.stderr).toContain("src/server.ts:15:58: warning: 'Missing' is used as a value, but './index.js' has only a declaration file for it (src/dto.d.ts)");
  });
});

describe("type-only names re-exported by barrels in a CommonJS unit", () => {
  let compiled: Compiled;
  beforeAll(async () => {
    compiled = await compile("cjs");
  }, 60_000);
  afterAll(() => {
    compiled.folder.remove();
  });

  it("defines the barrel's values and no getter for its type-only names", () => {
    const models = compiled.js("models.js");
    expect(models).toContain('Object.defineProperty(exports, "DEFAULT_TITLE", { enumerable: true, get: function () { return types_js_1.DEFAULT_TITLE; } });');
    expect(models).toContain('Object.defineProperty(exports, "Status", { enumerable: true, get: function () { return types_js_2.Status; } });');
    expect(models).not.toMatch(/"(Todo|Id|CreateTodo|Level|Missing)"/);
    expect(compiled.js("index.js")).not.toMatch(/\b(Todo|Page|Item|Paging)\b/);
  });

  it("emits Object in decorator metadata for type-only names imported from a barrel", () => {
    expect(compiled.js("server.js")).toContain('__metadata("design:paramtypes", [Object, Object, Object, Object])');
  });
});
