// A TypeScript file is emitted on its own, so what only other files say is given to the emitter in the
// file's text: an import that only a `.d.ts` file answers, or of names a project file exports only as
// types, becomes type-only (decorator metadata says `Object`, as tsc's whole program emits, and no
// `require` of a module without JavaScript is left); a `.d.ts` const enum's members are inlined; any
// other value a `.d.ts` file alone declares is a located warning.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.js";
import { tempProject } from "../helpers/temp-project.js";

const CONTROLLER = [
  'import { Body, Controller, Post } from "@nestjs/common";',
  'import { CreatePug, Level } from "./dto";',
  'import * as dto from "./dto";',
  'import { Shape, helper } from "./shapes";',
  'import { Missing } from "./ambient";',
  "",
  '@Controller("pugs")',
  "export class PugsController {",
  "  @Post()",
  "  create(@Body() body: CreatePug, @Body() shape: Shape): unknown {",
  '    return { body, shape, level: Level.High, name: dto.Level["Name"], helper };',
  "  }",
  "  get missing(): unknown { return Missing; }",
  "}",
  'export { CreatePug } from "./dto";',
  "export type { Shape };",
  "",
].join("\n");

const MAIN = [
  'import { NestFactory } from "@nestjs/core";',
  'import { Module } from "@nestjs/common";',
  'import { PugsController } from "./pugs.controller";',
  "",
  "@Module({ controllers: [PugsController] })",
  "class AppModule {}",
  "",
  "async function bootstrap() {",
  "  const app = await NestFactory.create(AppModule);",
  "  /** @klotho::expose { id = \"api\", target = \"public\" } */",
  "  await app.listen(3000);",
  "}",
  "void bootstrap();",
  "",
].join("\n");

async function compiled(): Promise<{ code: string; stderr: string }> {
  const project = tempProject({
    "package.json": JSON.stringify({ name: "pugs", dependencies: { "@nestjs/common": "^11.0.0", "@nestjs/core": "^11.0.0" } }),
    "tsconfig.json": JSON.stringify({ compilerOptions: { module: "commonjs", target: "ES2021", experimentalDecorators: true, emitDecoratorMetadata: true } }),
    "src/main.ts": MAIN,
    "src/pugs.controller.ts": CONTROLLER,
    "src/dto.d.ts": 'export interface CreatePug { name: string }\nexport declare const enum Level { Low = 1, High = Low << 2, Name = "n" }\n',
    "src/ambient.d.ts": "export declare const Missing: number;\n",
    "src/shapes.ts": "export interface Shape { id: string }\nexport const helper = 1;\n",
  });
  const result = await runCli([project.dir, "--app", "pugs", "--provider", "aws", "-o", "compiled"], { cwd: project.dir });
  expect(result.code, result.stderr).toBe(0);
  return { code: project.read(path.posix.join("compiled", "main", "src", "pugs.controller.js")), stderr: result.stderr };
}

describe("imports of types only, as a file emitted alone cannot know them", () => {
  it("emits Object in decorator metadata and no require of a .d.ts-only module, as tsc does", async () => {
    const { code } = await compiled();
    expect(code).toContain('__metadata("design:paramtypes", [Object, Object])');
    expect(code).not.toContain('require("./dto")');
    expect(code).toContain('require("./shapes")');
    expect(code).not.toContain("shapes_1.Shape");
  });

  it("inlines a .d.ts const enum's members, through a named or a namespace import, on their lines", async () => {
    const { code } = await compiled();
    expect(code).toContain('level: 4 /* Level.High */, name: "n" /* dto.Level["Name"] */');
  });

  it("warns, at the use, of any other value only a .d.ts file declares", async () => {
    const { code, stderr } = await compiled();
    expect(stderr).toContain("src/pugs.controller.ts:13:35: warning: 'Missing' is used as a value, but './ambient' has only a declaration file for it (src/ambient.d.ts)");
    expect(code).toContain('require("./ambient")');
  });
});
