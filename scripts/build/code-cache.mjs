// Makes V8 code caches of what klotho loads on every compile, written to dist/code-cache/:
// - ELK (on the diagram's thread): the file is compiled and run once, through a small layout, so the
//   cache holds the functions a layout needs; a compile loads it in a fifth of the time
//   (requireWithCodeCache);
// - TypeScript (when a unit holds TypeScript): the same, through an emit of a few typical files, ES
//   modules and CommonJS, with decorators; it loads in under half the time and emits faster;
// - the CLI's bundle (dist/bundle/*.cjs): a child process loads it through useBundleCodeCache,
//   compiles the example app and explains one of its resources, then writes each chunk's cache, which
//   then holds every function that run compiled.
// A cache V8 refuses (another Node) is simply not used.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** @param {string} dist the dist/ folder tsc compiled into and the bundle was written to */
export async function buildCodeCaches(dist) {
  const { codeCacheName, readCommonJs, runCommonJs } = await import(pathToFileURL(path.join(dist, "load/code-cache.js")).href);
  const { ELK_MODULE } = await import(pathToFileURL(path.join(dist, "diagram/elk-layout.js")).href);
  const out = path.join(dist, "code-cache");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const file = createRequire(path.join(dist, "diagram/elk-layout.js")).resolve(ELK_MODULE);
  const { bytes, text } = readCommonJs(file);
  const { module, script } = runCommonJs(file, text);
  const ELK = module.exports;
  await new ELK().layout({
    id: "root",
    layoutOptions: { "elk.algorithm": "layered", "elk.partitioning.activate": "true" },
    children: [
      { id: "a", width: 40, height: 20, layoutOptions: { "elk.partitioning.partition": "1" } },
      { id: "b", width: 40, height: 20, layoutOptions: { "elk.partitioning.partition": "2" } },
    ],
    edges: [{ id: "e", sources: ["a"], targets: ["b"], labels: [{ id: "l", text: "x", width: 10, height: 10 }] }],
  });
  writeFileSync(path.join(out, codeCacheName(ELK_MODULE, bytes)), script.createCachedData());
  await recordTypeScriptCache(dist, out);
  return `${2 + recordBundleCaches(dist)} code caches`;
}

/** Typical TypeScript of an app klotho compiles: a decorated NestJS controller, an Express router, types and enums. */
const TYPESCRIPT_SAMPLE = [
  `import { Controller, Get, Param, Post, Body } from "@nestjs/common";
import { UsersService } from "./users.service";
import type { User } from "./user";
@Controller("users")
export class UsersController {
  private readonly cache = new Map<string, User>();
  constructor(private readonly users: UsersService) {}
  @Get(":id")
  async find(@Param("id") id: string): Promise<User | undefined> {
    return this.cache.get(id) ?? (await this.users.find(id));
  }
  @Post()
  create(@Body() body: Partial<User>): User {
    const user = { id: String(this.cache.size), ...body } as User;
    this.cache.set(user.id, user);
    return user;
  }
}
`,
  `import express, { type Request, type Response } from "express";
export enum Kind { Small = "small", Large = "large" }
export interface Pug { readonly name: string; kind?: Kind }
const pugs: Pug[] = [];
export const router = express.Router();
router.get("/pugs", (_req: Request, res: Response) => { res.json(pugs.map(({ name, kind = Kind.Small }) => ({ name, kind }))); });
export default async function listen(port = 3000): Promise<void> {
  const app = express();
  app.use(router);
  await new Promise<void>((resolve) => app.listen(port, () => resolve()));
}
`,
  `import { Injectable } from "@nestjs/common";
import type { User } from "./user";
@Injectable()
export class UsersService {
  #calls = 0;
  static create<T extends object>(value: T): T & { created: Date } { return { ...value, created: new Date() }; }
  async find(id: string): Promise<User | undefined> { this.#calls++; return id === "0" ? undefined : { id, name: \`user \${id}\` }; }
}
`,
];

/** Records TypeScript's code cache after emitting TYPESCRIPT_SAMPLE as klotho does (together and alone, ES modules and CommonJS). */
async function recordTypeScriptCache(dist, out) {
  const { codeCacheName, readCommonJs, runCommonJs } = await import(pathToFileURL(path.join(dist, "load/code-cache.js")).href);
  const { emitAll, TYPESCRIPT_MODULE } = await import(pathToFileURL(path.join(dist, "transform/typescript.js")).href);
  const file = createRequire(path.join(dist, "transform/typescript.js")).resolve(TYPESCRIPT_MODULE);
  const { bytes, text } = readCommonJs(file);
  const { module, script } = runCommonJs(file, text);
  const files = ["esm", "cjs"].flatMap((moduleKind) => TYPESCRIPT_SAMPLE.map((source, i) => ({ path: `src/${moduleKind}/file${i}.ts`, text: source, moduleKind })));
  for (const together of [true, false]) if (emitAll(module.exports, files, { together }).size !== files.length) throw new Error("recording TypeScript's code cache: the sample did not emit");
  writeFileSync(path.join(out, codeCacheName(TYPESCRIPT_MODULE, bytes)), script.createCachedData());
}

/** Runs the bundled CLI on examples/pugs in a child process that writes the chunks' code caches; returns how many. */
function recordBundleCaches(dist) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), "klotho-build-"));
  const codeCache = pathToFileURL(path.join(dist, "load/code-cache.js")).href;
  const bundle = path.join(dist, "bundle");
  const example = path.join(root, "examples", "pugs");
  const run = `
    const { useBundleCodeCache } = await import(${JSON.stringify(codeCache)});
    const report = useBundleCodeCache(${JSON.stringify(bundle)});
    const { main } = (await import("node:module")).createRequire(${JSON.stringify(path.join(bundle, "main.cjs"))})(${JSON.stringify(path.join(bundle, "main.cjs"))});
    const common = ["--app", "pugs", "--provider", "aws"];
    const codes = [await main([${JSON.stringify(example)}, ...common, "-o", ${JSON.stringify(path.join(scratch, "compiled"))}]),
      await main(["explain", "persist_kv:dogs", ${JSON.stringify(example)}, ...common])];
    if (codes.some((code) => code !== 0)) { process.stderr.write("exit codes " + codes + "\\n"); process.exit(1); }
    const written = report.writeCaches();
    process.stdout.write("\\nrecorded " + JSON.stringify({ written, chunks: report.compiled }) + "\\n");`;
  try {
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", run], { cwd: scratch, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    if (child.status !== 0) throw new Error(`recording the bundle's code caches failed:\n${child.stderr}`);
    const recorded = JSON.parse(/^recorded (.*)$/m.exec(child.stdout)?.[1] ?? "{}");
    // The run must have gone through the hook: a bundle it never saw would ship without caches, silently slower.
    if (!recorded.chunks?.includes("main.cjs") || !recorded.chunks.includes("compile.cjs") || recorded.written !== recorded.chunks.length) {
      throw new Error(`recording the bundle's code caches saw no chunk of ${bundle}: ${child.stdout.slice(-500)}`);
    }
    return recorded.written;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
