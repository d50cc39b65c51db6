// An ES module's types deleted is the program `tsc` emits for it: each case is stripped and emitted by
// TypeScript, and the two are parsed as JavaScript and compared node for node (positions, comments and
// the empty statements a deletion may leave aside). A file that needs TypeScript's emit is not stripped.
import { pathToFileURL } from "node:url";
import { parse } from "@babel/parser";
import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/parse/parse-file.js";
import { stripTypes, type StripRequest } from "../../src/transform/strip-types.js";
import { emitJavaScript } from "../../src/transform/emit.js";
import { emitAll, emitKey, loadTypeScript, type ProjectEmitOptions } from "../../src/transform/typescript.js";
import { tempProject } from "../helpers/temp-project.js";

const ts = loadTypeScript();

/** The program a JavaScript text parses to, without positions, comments or empty statements. */
function programShape(code: string): unknown {
  const ast = parse(code, { sourceType: "module", plugins: ["importAttributes"] });
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((item) => !(isObject(item) && item["type"] === "EmptyStatement")).map(strip);
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (["start", "end", "loc", "range", "extra", "comments", "leadingComments", "trailingComments", "innerComments", "errors", "tokens"].includes(key)) continue;
      out[key] = strip(child);
    }
    return out;
  };
  return strip(ast.program);
}

/** The TypeScript line and column (0-based) a source map's segment starting at `line`:`column` of the JavaScript comes from. */
function originalPosition(mappings: string, line: number, column: number): [number, number] | undefined {
  const digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const state = [0, 0, 0, 0];
  const lines = mappings.split(";");
  for (let l = 0; l < lines.length; l++) {
    state[0] = 0;
    for (const segment of (lines[l] ?? "").split(",").filter(Boolean)) {
      const values: number[] = [];
      let shift = 0;
      let value = 0;
      for (const char of segment) {
        const digit = digits.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          shift = 0;
          value = 0;
        }
      }
      values.forEach((v, i) => (state[i] = (state[i] ?? 0) + v));
      if (l === line && state[0] === column) return [state[2] ?? 0, state[3] ?? 0];
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** TypeScript's JavaScript for the file, as a unit would get it without stripping. */
function tscEmit(request: StripRequest): string {
  const emitted = emitAll(ts, [request], { together: false }).get(emitKey(request));
  if (!emitted) throw new Error("TypeScript emitted nothing");
  return emitted.code.text;
}

/** What stripTypes gives for a file parsed here and for the analysis's syntax tree of it (parseFile: legacy decorators), which must agree. */
function strip(request: StripRequest): ReturnType<typeof stripTypes> {
  const own = stripTypes(request);
  const analysed = parseFile({ path: request.path, text: request.text, moduleKind: request.moduleKind }).parsed;
  expect(analysed ? stripTypes(request, analysed.ast) : undefined).toEqual(own);
  return own;
}

/** Strips `text` and expects the program tsc emits. */
function expectStrippedLikeTsc(text: string, project?: ProjectEmitOptions, path = "src/app.ts"): string {
  const request: StripRequest = { path, text, moduleKind: "esm", ...(project ? { project } : {}) };
  const stripped = strip(request);
  expect(stripped, "stripped").toBeDefined();
  expect(programShape(stripped?.text ?? "")).toEqual(programShape(tscEmit(request)));
  return stripped?.text ?? "";
}

function notStripped(text: string, project?: ProjectEmitOptions, moduleKind: "esm" | "cjs" = "esm", path = "src/app.ts"): void {
  expect(strip({ path, text, moduleKind, ...(project ? { project } : {}) })).toBeUndefined();
}

describe("stripTypes gives tsc's program", () => {
  it("annotations, generics, assertions, non-null and satisfies", () => {
    const text = [
      'import express, { type Request, type Response, Router } from "express";',
      "const router: Router = express.Router();",
      "function pick<T extends object, K extends keyof T>(o: T, k: K): T[K] { return o[k]; }",
      "const f = async <T,>(x: T, y?: number, ...rest: string[]): Promise<T> => x;",
      "let a = (router as unknown as { x: number }).x!;",
      "const b = { n: 1 } satisfies Record<string, number>;",
      "const c = pick<{ n: number }, 'n'>(b, 'n');",
      "const d = new Map<string, number>();",
      "const g = f<number>;",
      "let e!: number;",
      "e = 1;",
      "const { p, q }: { p: number; q: string } = { p: 1, q: 'x' };",
      "const [r1, r2]: [number, string] = [1, 'y'];",
      "function h({ a = 1 }: { a?: number } = {}, [z]: number[] = []): void {}",
      "try { h(); } catch (err: unknown) { console.log(err as Error); }",
      "router.get('/', (req: Request, res: Response) => { res.json({ a, b, c, d, g, e, p, q, r1, r2 }); });",
      "export default router;",
    ].join("\n");
    expectStrippedLikeTsc(text);
  });

  it("classes: modifiers, fields, overloads, index signatures, implements, abstract, declare", () => {
    const text = [
      "interface Shape { area(): number }",
      "export abstract class Base<T> implements Shape {",
      "  [key: string]: unknown;",
      "  declare readonly kind: string;",
      "  protected static readonly count: number = 0;",
      "  private label?: string;",
      "  public value!: T;",
      "  #secret: number = 1;",
      "  abstract describe(): string;",
      "  area(): number;",
      "  area(scale?: number): number { return (scale ?? 1) * this.#secret; }",
      "  public constructor(readonlyValue: T) { this.value = readonlyValue; }",
      "  protected get size(): number { return 1; }",
      "  private static async *gen<U>(u: U): AsyncGenerator<U> { yield u; }",
      "  ['computed' + 'Key']: number = 2;",
      "}",
      "export class Child extends Base<number> implements Shape, Iterable<number> {",
      "  describe() { return 'child'; }",
      "  override toString(): string { return `${this.value}`; }",
      "  *[Symbol.iterator](): Iterator<number> { yield 1; }",
      "}",
    ].join("\n");
    expectStrippedLikeTsc(text);
  });

  it("parameter properties: a field of each name first in the class, assigned first in the constructor (after super() and directives)", () => {
    expectStrippedLikeTsc("export class A { constructor(private readonly x: number, public z?: string) {} }\n");
    expectStrippedLikeTsc("class B { constructor(public n: number) {} }\nexport class A extends B {\n  y = 1;\n  static s = 2;\n  constructor(private readonly x: number, q: number, protected w = 3) {\n    super(q)\n    console.log(this.x)\n  }\n  m() {}\n}\n");
    expectStrippedLikeTsc("export class A {\n  #p = 1;\n  constructor(private x: number) {\n    'use strict'\n    console.log(x)\n  }\n}\n");
    expectStrippedLikeTsc("export const K = class { constructor(override readonly x: number) {} };\n".replace("override ", ""));
    notStripped("export class A { constructor(private x: number) {} }\n", { tsconfig: true, emit: { target: "ES2022", useDefineForClassFields: false } });
  });

  it("enums of literal members, their values folded as tsc folds them", () => {
    expectStrippedLikeTsc("export enum Level { Low, High = 5, Next, 'a-b' = -2, Neg, Name = \"x\", Hex = 0x10, F = 1.5, G }\nenum Local {\n  A, // first\n  B,\n}\nconsole.log(Local.A, Level.Low);\n");
    expectStrippedLikeTsc("const a = 1\nenum E { X }\nexport const b = a + E.X\n");
    // A const enum is one too when each file is emitted on its own (isolated modules): its uses are not inlined.
    expectStrippedLikeTsc("export const enum B { X, Y = 'y' }\nexport const b = B.X;\n");
    // A `{` in a comment before the body is not the body's.
    expectStrippedLikeTsc("export enum E /* { */ { A }\nexport enum F // {\n{ B }\n");
  });

  it("runs: a stripped module with parameter properties, an enum and elided imports loads in Node and behaves as written", async () => {
    const text = [
      'import type { Options } from "./options.js";',
      'import { helper, type Helper } from "./helper.js";',
      "export enum Level {",
      "  Low, // the least",
      "  High = 5,",
      '  Name = "x",',
      "}",
      "class Base { constructor(protected readonly id: string) {} }",
      "export class Service extends Base {",
      "  count: number = 1;",
      "  constructor(id: string, private readonly level: Level = Level.High, public options?: Options) {",
      "    super(id)",
      "  }",
      "  describe(): string { return `${this.id}:${Level[this.level]}:${this.count}:${helper() satisfies Helper}`; }",
      "}",
    ].join("\n");
    const folder = tempProject({ "helper.mjs": "export function helper() { return 'h'; }\n" });
    folder.write({ "service.mjs": strip({ path: "service.mts", text, moduleKind: "esm" })?.text.replaceAll("./helper.js", "./helper.mjs") ?? "" });
    const loaded = (await import(pathToFileURL(folder.path("service.mjs")).href)) as { Level: Record<string, unknown>; Service: new (id: string, level?: number) => { describe(): string; options?: unknown } };
    expect(loaded.Level).toEqual({ 0: "Low", Low: 0, 5: "High", High: 5, Name: "x" });
    expect(new loaded.Service("s").describe()).toBe("s:High:1:h");
    expect(new loaded.Service("t", 0).describe()).toBe("t:Low:1:h");
    expect(Object.keys(new loaded.Service("u"))).toEqual(["id", "level", "options", "count"]);
  });

  it("type-only statements and exports, and the imports tsc elides", () => {
    const text = [
      'import type { Options } from "./options.js";',
      'import { helper, type Helper, TypeOnlyUse } from "./helper.js";',
      'import * as unused from "./unused.js";',
      'import DefaultUsed, { namedUnused } from "./both.js";',
      'import "./side-effect.js";',
      'import json from "./data.json" with { type: "json" };',
      "export type Alias = Options | Helper;",
      "export interface Thing { x: TypeOnlyUse; n: typeof namedUnused }",
      "type Local = string;",
      "declare const injected: number;",
      "declare global { interface Window { x: number } }",
      'declare module "virtual" { export const v: number; }',
      "export declare function declared(): void;",
      "export function overloaded(a: string): string;",
      "export function overloaded(a: number): number;",
      "export function overloaded(a: unknown) { return a; }",
      "export { type Alias as Renamed, helper };",
      "export type { Thing as T2 };",
      'export type * from "./types.js";',
      'export { reexported } from "./other.js";',
      'export * as ns from "./ns.js";',
      "const local: Local = 'v';",
      "export { local, Local as LocalType };",
      "export default DefaultUsed(json, injected, local);",
    ].join("\n");
    expectStrippedLikeTsc(text);
  });

  it("a module whose imports and exports all go gets tsc's `export {}`", () => {
    const text = expectStrippedLikeTsc('import { T } from "./t.js";\nexport interface A { t: T }\nconst x: T | undefined = undefined;\nconsole.log(x);\n');
    expect(text).toMatch(/export \{\};\n$/);
  });

  it("no statement joins the next where its last tokens or the statement before were deleted", () => {
    const text = ["const a = 1 as number", "(globalThis as any).x = a", "let b: string", "[1, 2].forEach((n) => console.log(n))", "const c = a", "interface I { n: number }", "(async () => c)()", "class K { f = a as number", "  ['g']() {} }", "export { b, K }"].join("\n");
    expectStrippedLikeTsc(text);
  });

  it("keeps the imports tsc keeps: a computed key of a type reads a value; a type-only re-export does not", () => {
    expectStrippedLikeTsc('import { k } from "./k.js";\nexport interface I { [k]: number }\n');
    expectStrippedLikeTsc('import { k, m } from "./k.js";\nexport const o = {} as { [k]: number; [m](): void };\n');
    expectStrippedLikeTsc('import { A } from "./a.js";\nexport type { A };\n');
    expectStrippedLikeTsc('import { A, b } from "./a.js";\nexport { type A as B, b };\n');
    expectStrippedLikeTsc('import { k } from "./k.js";\ndeclare const o: { [k]: number };\nexport const n = o;\n');
  });

  it("finds an import's reads however deep, in a word of its own, and written with escapes", () => {
    // Read deep in nested functions and blocks: kept.
    expectStrippedLikeTsc('import { deep } from "./d.js";\nexport function f(x: boolean) { return () => { if (x) { for (const n of [1]) { return [deep(n)]; } } }; }\n');
    // Inside longer words, as a property name, in a type: not reads, so elided.
    expect(expectStrippedLikeTsc('import { on } from "./on.js";\nexport const once = 1;\nexport const x = { on: 1 }.on;\nexport type T = typeof on;\n')).not.toContain("import");
    // Written with an escape (`\u0065sc` is `esc`): kept, as tsc keeps it.
    expect(expectStrippedLikeTsc('import { esc } from "./e.js";\nexport const v = \\u0065sc();\n')).toContain('import { esc } from "./e.js";');
    // Bound again deep inside: left to TypeScript, which follows scopes.
    notStripped('import { a } from "./a.js";\nexport function g() { return [1].map((n) => { const a = n; return a; }); }\n');
  });

  it("no statement joins a directive, a `for` loop's body, or a word the next token", () => {
    expectStrippedLikeTsc("'use client'\nimport type { X } from './x'\n(globalThis as any).x = 1\nexport const y: X | 1 = 1\n");
    expectStrippedLikeTsc("export function f() {\n  'use strict'\n  type T = 1\n  ;(globalThis as any).x = 1 as T\n}\n");
    expectStrippedLikeTsc("export function f(xs: number[], g: any) {\n  for (const x of xs) return x as number\n  (g)()\n}\n");
    expectStrippedLikeTsc("export function f(xs: number[], a: any) {\n  for (let i: number = 0; i < 1; i++) a = xs as number[]\n  [1, 2].forEach(a)\n}\n");
    expectStrippedLikeTsc("const a: any = {}, o = {};\nexport const b = a!in o, c = a!instanceof Object;\n");
    expectStrippedLikeTsc("class B {}\ninterface implementsX {}\nexport class A<T>extends B implements implementsX {}\n");
  });

  it("loads TypeScript only for the files it must emit, and gives every file its JavaScript", async () => {
    let loads = 0;
    const typescript = (): typeof ts => {
      loads++;
      return ts;
    };
    const plain = { path: "src/a.ts", text: "export const a: number = 1;\n", moduleKind: "esm" as const };
    const namespace = { path: "src/b.ts", text: "export namespace B { export const x = 1; }\n", moduleKind: "esm" as const };
    expect((await emitJavaScript([plain], { typescript })).get(emitKey(plain))?.code.text).toBe("export const a = 1;\n//# sourceMappingURL=../klotho_runtime/source-maps/src/a.js.map\n");
    expect(loads).toBe(0);
    const both = await emitJavaScript([plain, namespace], { typescript });
    expect(loads).toBe(1);
    expect(both.get(emitKey(namespace))?.code.text).toContain("(function (B) {");
  });

  it("keeps the user's formatting and maps every token back to the TypeScript", () => {
    const text = "// a comment tsc keeps\nexport function add(a: number, b: number): number {\n\n  return a + b; // sum\n}\n";
    const request: StripRequest = { path: "src/add.ts", text, moduleKind: "esm" };
    const stripped = stripTypes(request);
    expect(stripped?.text).toBe("// a comment tsc keeps\nexport function add(a, b) {\n\n  return a + b; // sum\n}\n");
    const map = JSON.parse(stripped?.map ?? "{}") as { sources: string[]; sourcesContent: string[]; mappings: string };
    expect(map.sources).toEqual(["add.ts"]);
    expect(map.sourcesContent).toEqual([text]);
    // Each word of the JavaScript maps to where it is in the TypeScript: `b` of `a, b` on line 2, `return` and `sum` on line 4.
    const source = (line: number, column: number): [number, number] | undefined => originalPosition(map.mappings, line, column);
    expect(source(1, "export function add(a, ".length)).toEqual([1, "export function add(a: number, ".length]);
    expect(source(1, "export function add(a, b) ".length)).toEqual([1, "export function add(a: number, b: number): number ".length]);
    expect(source(3, 2)).toEqual([3, 2]);
    expect(source(3, "  return a + b; // ".length)).toEqual([3, "  return a + b; // ".length]);
  });

  it("honours the tsconfig: a target of ES2022 or later; defined class fields; import elision", () => {
    expectStrippedLikeTsc("export class A { x: number = 1; y?: string }\n", { tsconfig: true, emit: { target: "ES2023" } });
    expectStrippedLikeTsc("export const f = (n: number) => n;\n", { tsconfig: true, emit: { target: "esnext", module: "nodenext" } });
    // tsc's default target is older: fields are assigned in the constructor, which deleting types does not do.
    notStripped("export class A { x: number = 1 }\n", { tsconfig: true, emit: {} });
    expectStrippedLikeTsc("export const f = (n: number) => n;\n", { tsconfig: true, emit: {} });
    notStripped("export const f = (n: number) => n;\n", { tsconfig: true, emit: { target: "ES2020" } });
    notStripped("export class A { x = 1 }\n", { tsconfig: true, emit: { target: "ES2022", useDefineForClassFields: false } });
    notStripped('import { a } from "./a.js";\nexport const n: typeof a = 1;\n', { tsconfig: true, emit: { verbatimModuleSyntax: true } });
    notStripped("export const n = 1;\n", { tsconfig: true, emit: { preserveValueImports: true } });
  });

  it("leaves to TypeScript what makes JavaScript, and CommonJS, JSX and declaration files", () => {
    for (const text of [
      // Enums tsc folds values of, merges, or emits inside a function: TypeScript's.
      "export enum Level { Low = 1 << 2 }\n",
      "export enum Level { Low = 'a', High }\n",
      "export enum Level { Low }\nexport enum Level { High = 1 }\n",
      "export function f() { enum Local { A } return Local.A; }\n",
      "export class A { 'constructor'(public x: number) {} }\n",
      "export namespace N { export const x = 1; }\n",
      // Parameter properties where tsc's placement is not certain: a `super()` inside a block; fields assigned; decorated.
      "class B {}\nexport class A extends B { constructor(private x: number) { if (x) { super(); } else { super(); } } }\n",
      "const D = (): any => undefined;\nexport class A { constructor(@D() private x: number) {} }\n",
      "import fs = require('fs');\nexport const f = fs;\n",
      "const x = 1;\nexport = x;\n",
      "const d = (t: any) => t;\n@d export class A {}\n",
      "export const n = <number>(1 as unknown);\n",
      "export function f(this: Window) { return this; }\n",
      "export class A { accessor x = 1 }\n",
      "export class A { m?() {} }\n",
      "export class A { x?; }\n",
      "{ using r = { [Symbol.dispose]() {} }; }\nexport {};\n",
      'import {} from "./x.js";\nexport const n = 1;\n',
      'import { a } from "./a.js";\nexport function f(a: number) { return a; }\n',
      "export const bad = ;\n",
      // Decorators on fields and parameters (the analysis's syntax tree has them: legacy decorators).
      'import { IsString } from "class-validator";\nexport class Dto { @IsString() name: string = ""; @IsString({ message: "public name" }) readonly nick?: string }\n',
      "const D = (): any => undefined;\nexport class S { constructor(@D() x: string) {} m(@D() y: number) {} }\n",
      "declare namespace NS { type T = string }\nexport { NS };\n",
      "export function f() { return <T,>\n(x: T) => x; }\n",
      "console.log(import.meta.url as string);\n",
    ]) {
      notStripped(text);
    }
    // Nested deeper than Babel's parser follows: TypeScript's (which reports it if it cannot follow either).
    notStripped(`export const sum: string = ${Array.from({ length: 5000 }, (_, i) => `"s${String(i)}"`).join(" +\n")};\n`);
    notStripped("export const n: number = 1;\n", undefined, "cjs");
    notStripped("export const n: number = 1;\n", undefined, "esm", "src/view.tsx");
    notStripped("export declare const n: number;\n", undefined, "esm", "src/types.d.ts");
  });
});
