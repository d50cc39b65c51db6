// A unit's JavaScript is what `tsc` would emit with the project's tsconfig.json: the options that change
// a file's JavaScript are honoured (load/tsconfig.ts EMIT_OPTIONS), TypeScript's defaults where it is silent.
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { readTsconfigFile } from "../../src/load/tsconfig.js";
import { emitAll, emitKey, loadTypeScript, type EmitRequest, type ProjectEmitOptions } from "../../src/transform/typescript.js";
import { tempProject } from "../helpers/temp-project.js";

const ts = loadTypeScript();

/** The JavaScript of one CommonJS file, emitted alone and together, which must agree. */
function emitted(text: string, project: ProjectEmitOptions, path = "src/app.ts"): string {
  const request: EmitRequest = { path, text, moduleKind: "cjs", project };
  const outputs = [true, false].map((together) => emitAll(ts, [request], { together }).get(emitKey(request))?.code.text);
  expect(outputs[0]).toBe(outputs[1]);
  return outputs[0] ?? "";
}

/** Runs CommonJS code (which requires nothing) and returns its exports. */
function run(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const wrapped = vm.runInThisContext(`(function (module, exports) {${code}\n})`) as (module: unknown, exports: unknown) => void;
  wrapped(module, module.exports);
  return module.exports;
}

const CLASS_FIELDS = "class Base { constructor() { this.init(); } init() {} }\nexport class Counter extends Base { label?: string; init() { this.label = 'from-init'; } }\nexport const label = new Counter().label;\n";

describe("the emit follows the project's tsconfig.json", () => {
  it("without esModuleInterop, a namespace import is the module itself (express is callable)", () => {
    expect(emitted('import * as express from "express";\nexport const app = express();\n', { tsconfig: true, emit: { module: "commonjs" } })).toContain('const express = require("express");');
    expect(emitted('import * as express from "express";\nexport const app = express();\n', { tsconfig: true, emit: { esModuleInterop: true } })).toContain('__importStar(require("express"))');
  });

  it("below ES2022 (or with tsc's default target) class fields are assigned, so a field a base constructor sets survives", () => {
    expect(run(emitted(CLASS_FIELDS, { tsconfig: true, emit: { target: "ES2019" } }))["label"]).toBe("from-init");
    expect(run(emitted(CLASS_FIELDS, { tsconfig: true, emit: {} }))["label"]).toBe("from-init");
    expect(run(emitted(CLASS_FIELDS, { tsconfig: true, emit: { target: "ES2022" } }))["label"]).toBeUndefined();
  });

  it("decorators are TypeScript 5's standard ones unless experimentalDecorators is set; metadata only with emitDecoratorMetadata", () => {
    const text = "function logged(value: any, context: ClassMethodDecoratorContext) { return function (this: any, ...a: any[]) { return `[${String(context.name)}] ` + value.apply(this, a); }; }\nexport class Service { @logged hello(w: string) { return `hello ${w}`; } }\nexport const said = new Service().hello('x');\n";
    expect(run(emitted(text, { tsconfig: true, emit: { target: "ES2022" } }))["said"]).toBe("[hello] hello x");
    const legacy = emitted("const d = (): MethodDecorator => () => undefined;\nexport class S { @d() m(a: string) {} }\n", { tsconfig: true, emit: { experimentalDecorators: true } });
    expect(legacy).toContain("__decorate(");
    expect(legacy).not.toContain("__metadata(");
  });

  it("verbatimModuleSyntax keeps an import used only as a type, so the module's side effects happen", () => {
    const text = 'import { marker } from "./extras.js";\ntype Marker = typeof marker;\nexport const m: Marker | undefined = undefined;\n';
    expect(emitted(text, { tsconfig: true, emit: { verbatimModuleSyntax: false } })).not.toContain("./extras.js");
    expect(emitted(text, { tsconfig: true, emit: { verbatimModuleSyntax: true, module: "commonjs" } }, "src/app.cts")).toContain('require("./extras.js")');
  });

  it("the classic JSX transform with the project's factory", () => {
    const text = 'import { h, Fragment } from "./h";\nexport const view = (n: string) => <><b>{n}</b></>;\n';
    const code = emitted(text, { tsconfig: true, emit: { jsx: "react", jsxFactory: "h", jsxFragmentFactory: "Fragment" } }, "src/view.tsx");
    expect(code).toContain("(0, h_1.h)(h_1.Fragment, null");
    expect(code).not.toContain("react/jsx-runtime");
  });

  it("without a tsconfig.json: ES2022, interop, legacy decorators with metadata (what NestJS needs)", () => {
    const code = emitted("const d = (): MethodDecorator => () => undefined;\nexport class S { @d() m(a: string) {} }\n", { tsconfig: false });
    expect(code).toContain('__metadata("design:paramtypes", [String])');
  });

  it("reads the options through extends, the project's own winning", () => {
    const project = tempProject({ "tsconfig.base.json": '{ "compilerOptions": { "target": "ES2019", "esModuleInterop": true, "strict": true } }', "tsconfig.json": '{ "extends": "./tsconfig.base.json", "compilerOptions": { "esModuleInterop": false, "jsx": "react" } }' });
    const read = readTsconfigFile(project.path("tsconfig.json"), project.dir);
    expect("info" in read ? read.info.emit : undefined).toEqual({ target: "ES2019", esModuleInterop: false, jsx: "react" });
  });
});
