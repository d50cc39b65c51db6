// Makes V8 code caches of the large CommonJS packages klotho loads on every compile (ELK, on the
// diagram's thread): the file is compiled and run once, through a small layout, so the cache holds
// the functions a layout needs, then written to dist/code-cache/. A compile loads ELK from it in a
// fifth of the time (requireWithCodeCache); a cache V8 refuses (another Node) is simply not used.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** @param {string} dist the dist/ folder tsc compiled into */
export async function buildCodeCaches(dist) {
  const { codeCacheName, runCommonJs } = await import(pathToFileURL(path.join(dist, "load/code-cache.js")).href);
  const { ELK_MODULE } = await import(pathToFileURL(path.join(dist, "diagram/elk-layout.js")).href);
  const out = path.join(dist, "code-cache");
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const file = createRequire(path.join(dist, "diagram/elk-layout.js")).resolve(ELK_MODULE);
  const text = readFileSync(file, "utf8");
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
  writeFileSync(path.join(out, codeCacheName(ELK_MODULE, text)), script.createCachedData());
  return "1 code cache";
}
