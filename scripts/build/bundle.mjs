// Bundles the compiled CLI (dist/cli/main.js) and its workers (the diagram's, TypeScript's emit) into dist/bundle/: one module
// graph of a few chunks instead of some 300 files and their packages, which Node loads about 0.15 s
// faster on every run. Commands stay separate chunks, loaded on demand (`klotho --help` loads no
// compiler). Packages with native code (sharp), or loaded only for some projects or messages
// (typescript, elkjs, ajv, yaml), stay outside and are required from node_modules at run time.
// The chunks are CommonJS (.cjs), so that bin/klotho.js can compile them with V8 code caches
// (useBundleCodeCache in src/load/code-cache.ts): Node 20 offers no code cache for ES modules. They
// are strict mode code, as the ES modules they are made from were. They are ASCII only (non-ASCII
// characters escaped, comments other than licences left out, as the source maps point into the
// sources): Node decodes an ASCII file about 40 times faster than one with a `→` in it (15 ms for the
// largest chunk), and V8 keeps its text one byte a character; a compile started about 25 ms sooner.
// json-rules-engine's deep copy of each evaluated rule (the `clone` package) is klotho's own
// (dist/engine/result-copy.js), which makes the same copy in linear time.
import path from "node:path";
import { build } from "rolldown";

/** @param {string} dist the dist/ folder tsc compiled into */
export async function bundleCli(dist) {
  await build({
    // code-cache: what bin/klotho.js loads first, to compile the other chunks with their caches.
    input: { main: path.join(dist, "cli/main.js"), worker: path.join(dist, "diagram/worker.js"), "emit-worker": path.join(dist, "transform/emit-worker.js"), "code-cache": path.join(dist, "load/code-cache.js") },
    platform: "node",
    resolve: { alias: { clone: path.join(dist, "engine/result-copy.js") } },
    external: ["sharp", /^elkjs\//, "typescript", "ajv", /^ajv\//, "yaml"],
    logLevel: "warn",
    output: { dir: path.join(dist, "bundle"), format: "cjs", strict: true, entryFileNames: "[name].cjs", chunkFileNames: "[name].cjs", sourcemap: true, charset: "ascii", comments: { legal: true, annotation: false, jsdoc: false } },
  });
}
