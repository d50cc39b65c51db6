// Writes a synthetic Express app of `files` source files, deterministically (same size → same bytes):
// an exposed server, routers with routes (a few of them execution units of their own, a few
// persisting a Map), and a majority of ordinary modules importing each other, as real code bases do.
// The `units` variant makes every router its own execution unit (an app split into many functions:
// each unit's copy of the server file stands in for the others' routers). generateNestApp writes a
// NestJS app, whose TypeScript (decorators, CommonJS) TypeScript itself must emit.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Every 10th file is a router; every 20th router is its own execution unit; every 7th router persists a Map. */
const ROUTER_EVERY = 10;
const UNIT_EVERY = 20;
const STORE_EVERY = 7;

/**
 * @param {string} dir target folder (replaced)
 * @param {number} files number of source files
 * @param {"js" | "ts" | "units"} variant CommonJS JavaScript, TypeScript ESM, or CommonJS JavaScript whose every router is a unit
 */
export function generateApp(dir, files, variant = "js") {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "src/routes"), { recursive: true });
  mkdirSync(path.join(dir, "src/lib"), { recursive: true });
  const ts = variant === "ts";
  const unitEvery = variant === "units" ? 1 : UNIT_EVERY;
  const ext = ts ? "ts" : "js";
  const routers = Math.max(1, Math.floor(files / ROUTER_EVERY));
  const modules = Math.max(1, files - routers - 1);
  const write = (relative, text) => writeFileSync(path.join(dir, relative), text);
  write(
    "package.json",
    `${JSON.stringify({ name: `bench-${files}-${variant}`, version: "1.0.0", main: `src/index.${ext}`, ...(ts ? { type: "module" } : {}), dependencies: { express: "^4.21.0" } }, null, 2)}\n`,
  );
  if (ts) write("tsconfig.json", `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true } }, null, 2)}\n`);
  for (let i = 0; i < modules; i++) write(`src/lib/m${i}.${ext}`, libraryModule(i, modules, ts));
  for (let r = 0; r < routers; r++) write(`src/routes/r${r}.${ext}`, routerModule(r, modules, ts, r % unitEvery === 1 % unitEvery));
  write(`src/index.${ext}`, indexModule(routers, ts));
  return { dir, files: modules + routers + 1, routers, units: Math.ceil(routers / unitEvery), stores: Math.ceil(routers / STORE_EVERY) };
}

function importLine(ts, name, from) {
  return ts ? `import { ${name} } from "${from}.js";` : `const { ${name} } = require("${from}");`;
}

function exportFn(ts, name, body) {
  return ts ? `export function ${name}(input: number): number {\n${body}\n}\n` : `function ${name}(input) {\n${body}\n}\nmodule.exports.${name} = ${name};\n`;
}

function libraryModule(i, modules, ts) {
  const deps = [(i * 7 + 3) % modules, (i * 13 + 5) % modules].filter((d) => d < i);
  const lines = deps.map((d) => importLine(ts, `f${d}`, `./m${d}`));
  const calls = deps.map((d) => `  total += f${d}(input - 1);`).join("\n");
  const body = `  let total = input * ${i + 1};\n  if (input <= 0) return total;\n${calls}\n  const parts = String(total).split("").map((c) => c.charCodeAt(0));\n  return parts.reduce((a, b) => a + b, total) % 1000003;`;
  return `${lines.join("\n")}\n\n/** Synthetic helper ${i}: ordinary code klotho reads but finds nothing in. */\n${exportFn(ts, `f${i}`, body)}`;
}

function routerModule(r, modules, ts, ownUnit) {
  const unit = ownUnit ? `/* @klotho::execution_unit { id = "unit${r}" } */\n` : "";
  const store = r % STORE_EVERY === 0;
  const helper = (r * 11) % modules;
  const header = ts
    ? `import express, { type Request, type Response } from "express";\n${importLine(ts, `f${helper}`, `../lib/m${helper}`)}`
    : `const express = require("express");\n${importLine(ts, `f${helper}`, `../lib/m${helper}`)}`;
  const req = ts ? "req: Request, res: Response" : "req, res";
  const persist = store ? `\n// @klotho::persist { id = "store${r}" }\nconst items${ts ? ": Map<string, number>" : ""} = new Map();\n` : "";
  const routes = [
    `router.get("/", (${req}) => { res.json({ router: ${r}, value: f${helper}(3) }); });`,
    `router.get("/:id", async (${req}) => { res.json({ id: req.params.id${store ? `, stored: await items.get(req.params.id)` : ""} }); });`,
    `router.post("/", async (${req}) => { ${store ? `await items.set(String(Date.now()), 1); ` : ""}res.status(201).end(); });`,
    `router.put("/:id", (${req}) => { res.json({ updated: req.params.id }); });`,
    `router.delete("/:id", (${req}) => { res.status(204).end(); });`,
  ];
  const exported = ts ? "export default router;" : "module.exports = router;";
  return `${unit}${header}\n${persist}\nconst router = express.Router();\n${routes.join("\n")}\n\n${exported}\n`;
}

function indexModule(routers, ts) {
  const imports = [];
  const mounts = [];
  for (let r = 0; r < routers; r++) {
    imports.push(ts ? `import r${r} from "./routes/r${r}.js";` : `const r${r} = require("./routes/r${r}");`);
    mounts.push(`app.use("/r${r}", r${r});`);
  }
  const header = ts ? `import express from "express";` : `const express = require("express");`;
  return `${header}\n${imports.join("\n")}\n\nconst app = express();\napp.use(express.json());\n${mounts.join("\n")}\n\n// @klotho::expose { id = "api", target = "public" }\napp.listen(3000);\n`;
}

/** About how many features of a NestJS app are execution units of their own (their controller and service), evenly spread: 8 or 9. */
const FEATURE_UNITS = 8;

/**
 * Writes a synthetic NestJS app of `features` feature modules, deterministically: each a controller,
 * a service holding a persisted Map and a module (three files), all imported by the app module, which
 * main.ts exposes; eight or nine features are execution units of their own (each unit of a NestJS app carries
 * every module and service, so more units multiply the output). TypeScript as `nest new` sets it up
 * (CommonJS, ES2021, decorators with metadata), which klotho leaves to TypeScript to emit.
 * @param {string} dir target folder (replaced)
 * @param {number} features number of feature modules (3 files each, plus main.ts and app.module.ts)
 */
export function generateNestApp(dir, features) {
  rmSync(dir, { recursive: true, force: true });
  const write = (relative, text) => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  };
  const nest = { "@nestjs/common": "^11.1.0", "@nestjs/core": "^11.1.0", "@nestjs/platform-express": "^11.1.0", "reflect-metadata": "^0.2.2", rxjs: "^7.8.1" };
  write("package.json", `${JSON.stringify({ name: `bench-nest-${features}`, version: "1.0.0", dependencies: nest }, null, 2)}\n`);
  write("tsconfig.json", `${JSON.stringify({ compilerOptions: { module: "commonjs", target: "ES2021", experimentalDecorators: true, emitDecoratorMetadata: true, outDir: "dist" } }, null, 2)}\n`);
  const every = Math.max(1, Math.floor(features / FEATURE_UNITS));
  let units = 0;
  for (let i = 0; i < features; i++) {
    const ownUnit = i % every === 1 % every;
    if (ownUnit) units++;
    const unit = ownUnit ? `// @klotho::execution_unit { id = "unit${i}" }\n` : "";
    write(`src/f${i}/f${i}.controller.ts`, nestController(i, unit));
    write(`src/f${i}/f${i}.service.ts`, nestService(i, unit));
    write(`src/f${i}/f${i}.module.ts`, `import { Module } from "@nestjs/common";\nimport { F${i}Controller } from "./f${i}.controller";\nimport { F${i}Service } from "./f${i}.service";\n\n@Module({ controllers: [F${i}Controller], providers: [F${i}Service] })\nexport class F${i}Module {}\n`);
  }
  const modules = Array.from({ length: features }, (_, i) => `F${i}Module`);
  write("src/app.module.ts", `import { Module } from "@nestjs/common";\n${modules.map((name, i) => `import { ${name} } from "./f${i}/f${i}.module";`).join("\n")}\n\n@Module({ imports: [${modules.join(", ")}] })\nexport class AppModule {}\n`);
  write("src/main.ts", `import { NestFactory } from "@nestjs/core";\nimport { AppModule } from "./app.module";\n\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  // @klotho::expose { id = "api", target = "public" }\n  await app.listen(3000);\n}\nbootstrap();\n`);
  return { dir, files: 3 * features + 2, routers: features, units, stores: features };
}

function nestController(i, unit) {
  return `${unit}import { Body, Controller, Get, Param, Post } from "@nestjs/common";
import { F${i}Service } from "./f${i}.service";

@Controller("f${i}")
export class F${i}Controller {
  constructor(private readonly service: F${i}Service) {}

  @Get(":id")
  find(@Param("id") id: string): Promise<{ id: string; value?: number }> {
    return this.service.find(id);
  }

  @Post()
  create(@Body() body: { id: string; value: number }): Promise<void> {
    return this.service.save(body.id, body.value);
  }
}
`;
}

function nestService(i, unit) {
  return `${unit}import { Injectable } from "@nestjs/common";

@Injectable()
export class F${i}Service {
  // @klotho::persist { id = "store${i}" }
  private readonly items = new Map<string, number>();

  async find(id: string): Promise<{ id: string; value?: number }> {
    return { id, value: await this.items.get(id) };
  }

  async save(id: string, value: number): Promise<void> {
    await this.items.set(id, value * ${i + 1});
  }
}
`;
}
