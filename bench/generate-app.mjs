// Writes a synthetic Express app of `files` source files, deterministically (same size → same bytes):
// an exposed server, routers with routes (a few of them execution units of their own, a few
// persisting a Map), and a majority of ordinary modules importing each other, as real code bases do.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Every 10th file is a router; every 20th router is its own execution unit; every 7th router persists a Map. */
const ROUTER_EVERY = 10;
const UNIT_EVERY = 20;
const STORE_EVERY = 7;

/**
 * @param {string} dir target folder (replaced)
 * @param {number} files number of source files
 * @param {"js" | "ts"} variant CommonJS JavaScript or TypeScript ESM
 */
export function generateApp(dir, files, variant = "js") {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "src/routes"), { recursive: true });
  mkdirSync(path.join(dir, "src/lib"), { recursive: true });
  const ts = variant === "ts";
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
  for (let r = 0; r < routers; r++) write(`src/routes/r${r}.${ext}`, routerModule(r, modules, ts));
  write(`src/index.${ext}`, indexModule(routers, ts));
  return { dir, files: modules + routers + 1, routers, units: Math.ceil(routers / UNIT_EVERY), stores: Math.ceil(routers / STORE_EVERY) };
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

function routerModule(r, modules, ts) {
  const unit = r % UNIT_EVERY === 1 ? `/* @klotho::execution_unit { id = "unit${r}" } */\n` : "";
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
