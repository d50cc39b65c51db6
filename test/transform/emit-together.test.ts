import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emitTogether } from "../../src/transform/emit-together.js";
import { emitAll, emitKey, loadTypeScript, type EmitRequest } from "../../src/transform/typescript.js";

const repo = path.resolve(import.meta.dirname, "../..");

/** Every TypeScript source of the fixtures and examples, as ES modules and as CommonJS. */
function typescriptSources(): EmitRequest[] {
  const files: EmitRequest[] = [];
  for (const folder of ["test/fixtures", "examples"]) {
    for (const entry of readdirSync(path.join(repo, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.[mc]?tsx?$/.test(entry.name) || entry.name.endsWith(".d.ts") || entry.parentPath.includes("node_modules")) continue;
      const full = path.join(entry.parentPath, entry.name);
      const text = readFileSync(full, "utf8");
      const relative = path.relative(repo, full).split(path.sep).join("/");
      files.push({ path: relative, text, moduleKind: "esm" }, { path: relative, text, moduleKind: "cjs" });
    }
  }
  return files;
}

// Files that must be emitted alone: a script, a global augmentation, an ambient module, a reference,
// a second text of one path; and two modules whose types would meet if they could see each other (decorator metadata).
const edgeCases: EmitRequest[] = [
  { path: "src/script.ts", text: "class Shared { x = 1 }\nconst y: number = 2;\n", moduleKind: "esm" },
  { path: "src/global.ts", text: "export {};\ndeclare global { class Shared { y: string } }\n", moduleKind: "esm" },
  { path: "src/ambient.ts", text: 'export {};\ndeclare module "lib" { export class Thing {} }\n', moduleKind: "esm" },
  { path: "src/ref.ts", text: '/// <reference path="./script.ts" />\nexport const z = 1;\n', moduleKind: "esm" },
  { path: "src/service.ts", text: "export class Service { run(): number { return 1; } }\nexport enum Mode { A = 1 }\n", moduleKind: "esm" },
  {
    path: "src/controller.ts",
    text: 'import { Service, Mode } from "./service.js";\nimport { Thing } from "lib";\nconst decorate = (): ClassDecorator => () => undefined;\n@decorate()\nexport class Controller { constructor(readonly service: Service, readonly thing: Thing, readonly shared: Shared, readonly mode: Mode) {} }\n',
    moduleKind: "esm",
  },
  { path: "src/self.ts", text: 'import type { Self } from "./self.js";\nconst d = (): PropertyDecorator => () => undefined;\nexport class Self { @d() next?: Self; }\n', moduleKind: "cjs" },
  { path: "src/view.tsx", text: "export const View = () => <div>hello</div>;\n", moduleKind: "esm" },
  // The same file as another unit rewrote it.
  { path: "src/service.ts", text: "export class Service { run(): number { return 2; } }\nexport enum Mode { A = 1 }\n", moduleKind: "esm" },
];

describe("TypeScript emitted together", () => {
  it("gives every file the same JavaScript and source map as emitting it alone with transpileModule", () => {
    const ts = loadTypeScript();
    const files = [...typescriptSources(), ...edgeCases];
    expect(files.length).toBeGreaterThan(60);
    const together = emitAll(ts, files);
    const alone = emitAll(ts, files, { together: false });
    for (const file of files) expect(together.get(emitKey(file)), `${file.moduleKind} ${file.path}`).toEqual(alone.get(emitKey(file)));
  });

  it("gives the same output emitted in batches: 501 decorated modules are 250, 250 and one emitted alone", () => {
    const ts = loadTypeScript();
    const files = Array.from({ length: 501 }, (_, index): EmitRequest => ({
      path: `src/m${index}/m${index}.controller.ts`,
      text: `import { Service } from "./m${index}.service";\nconst route = (): MethodDecorator => () => undefined;\nexport class Controller${index} {\n  constructor(private readonly service: Service) {}\n  @route() get(id: string): string { return id + ${index}; }\n}\n`,
      moduleKind: "cjs",
    }));
    const programs: number[] = [];
    const createProgram = (rootNames: readonly string[], options: Parameters<typeof ts.createProgram>[1], host?: Parameters<typeof ts.createProgram>[2]) => {
      programs.push(rootNames.length);
      return ts.createProgram(rootNames, options, host);
    };
    const counting: typeof ts = { ...ts, createProgram: createProgram as typeof ts.createProgram };
    const together = emitAll(counting, files);
    expect(programs).toEqual([250, 250]);
    const alone = emitAll(ts, files, { together: false });
    expect(together.size).toBe(501);
    for (const file of files) expect(together.get(emitKey(file)), file.path).toEqual(alone.get(emitKey(file)));
  });

  it("emits the rest of a batch when TypeScript runs out of stack on one of its files, which is left out", () => {
    const ts = loadTypeScript();
    const plain: EmitRequest = { path: "src/plain.ts", text: "export const one: number = 1;\n", moduleKind: "esm" };
    const other: EmitRequest = { path: "src/other.ts", text: "export const two: number = 2;\n", moduleKind: "esm" };
    const deep: EmitRequest = { path: "src/deep.ts", text: `export const d = ${"[".repeat(20_000)}1${"]".repeat(20_000)};\n`, moduleKind: "esm" };
    const emitted = emitAll(ts, [plain, deep, other]);
    expect([...emitted.keys()]).toEqual([emitKey(plain), emitKey(other)]);
    expect(emitted.get(emitKey(plain))).toEqual(emitAll(ts, [plain], { together: false }).get(emitKey(plain)));
  });

  it("really emits the modules together (the reference above would match a batch that silently fell back to one file at a time)", () => {
    const ts = loadTypeScript();
    const modules = typescriptSources().filter((file) => file.moduleKind === "esm");
    const together = emitTogether(ts, { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true, sourceMap: true }, modules);
    expect(together.size).toBeGreaterThan(modules.length / 2);
    // The script, the global augmentation, the ambient module and the reference are left to be emitted alone.
    const alone = emitTogether(ts, { module: ts.ModuleKind.ESNext, jsx: ts.JsxEmit.ReactJSX }, edgeCases.filter((file) => file.moduleKind === "esm"));
    expect([...alone.keys()].map((file) => file.path).sort()).toEqual(["src/controller.ts", "src/service.ts", "src/view.tsx"]);
  });

  it("emits decorator metadata for imported types as transpileModule does, not from the other file's declarations", () => {
    const emitted = emitAll(loadTypeScript(), edgeCases);
    const controller = emitted.get(emitKey(edgeCases[5] as EmitRequest))?.code.text ?? "";
    // Alone, `Service` and `Mode` are unresolved imports: metadata guards them with typeof instead of naming an enum's Number.
    expect(controller).toContain('typeof (_a = typeof Service !== "undefined" && Service) === "function" ? _a : Object');
    expect(controller).toContain('typeof (_d = typeof Mode !== "undefined" && Mode) === "function" ? _d : Object');
  });
});
