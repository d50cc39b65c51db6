#!/usr/bin/env node
// `npm run bench`: compile speed and memory at scale against the parse-only floor.
// For the bundled example (examples/pugs) and each synthetic app (100, 1,000 and 5,000 files, and a
// TypeScript variant of 1,000) it measures,
// as separate processes on this machine: the full compile into an empty folder (CLI, Pulumi program and
// PNG included), a rebuild (the same compile again over that output, as after an edit that leaves the
// architecture as it was), the `klotho explain` of one resource, and the floor (read + parse every file
// with @babel/parser); the peak RSS and page faults of each, the time per pipeline stage (the CLI's
// --timings); `klotho --version`/`--help` beside Node's own start (also without NODE_EXTRA_CA_CERTS,
// when it is set); and what a page fault costs on this machine (a process touching fresh memory),
// which sets much of the distance between a compile and its floor. Medians over --runs (default 3;
// at least 11 for the startup figures), the commands of an app taking turns; a ratio is the median of
// each round's compile (rebuild, explain) / floor. Prints a table and writes bench/results.json.
// Usage: npm run bench [-- --runs 3 --sizes 100,1000,5000 --no-ts --no-example --scratch <folder>
//                          --node-options "<options>" --shapes units,nest]
// --scratch puts the apps and outputs somewhere else than the system's temporary folder, e.g. on a
// RAM disk (/dev/shm) to measure the compiler without the disk's own variance.
// --node-options puts Node options on the command line of klotho's processes (not the floor's), e.g.
// "--v8-pool-size=1" to see what fewer V8 background threads do on a machine with few cores.
// --shapes adds apps of shapes the sizes do not grow, each measured as the others (off by default:
// they take minutes): `units` (4,000 files whose every router is its own execution unit: 400 units,
// each with its own copy of the server file) and `nest` (a NestJS app of 1,600 features, 4,802
// files, whose TypeScript TypeScript itself emits); `units=2000` or `nest=500` (features) sets the size.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateApp, generateNestApp } from "./generate-app.mjs";
import { measure as measureProcess, withoutVariable } from "./measure.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = args[index + 1];
  if (value === undefined) throw new Error(`bench: --${name} needs a value`);
  return value;
};
const runs = Number(option("runs", "3"));
const sizes = option("sizes", "100,1000,5000").split(",").map(Number);
const withTs = !args.includes("--no-ts");
// The extra shapes, by name, with their size: files for `units`, features for `nest`.
const SHAPE_SIZES = { units: 4000, nest: 1600 };
const shapes = option("shapes", "")
  .split(",")
  .filter(Boolean)
  .map((shape) => {
    const [name, size] = shape.split("=");
    if (!(name in SHAPE_SIZES)) throw new Error(`bench: --shapes knows ${Object.keys(SHAPE_SIZES).join(" and ")}, not ${name}`);
    return { name, size: size === undefined ? SHAPE_SIZES[name] : Number(size) };
  });
const nodeOptions = option("node-options", "").split(/\s+/).filter(Boolean);
// klotho as a command line for measure: its Node options, then the bin.
const klotho = [...nodeOptions, path.join(root, "bin/klotho.js")];
const scratch = mkdtempSync(path.join(option("scratch", os.tmpdir()), "klotho-bench-"));

/** `node <argv>` measured (bench/measure.mjs), in this process's environment or `env`. */
function measure(argv, cwd, env = process.env) {
  return measureProcess(argv, { cwd, env, home: scratch });
}

/** The JavaScript and TypeScript files of a folder, as the floor parses them. */
function countSources(dir) {
  return readdirSync(dir, { recursive: true }).filter((file) => /\.[cm]?[jt]sx?$/.test(String(file)) && !String(file).includes("node_modules")).length;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** Median wall time and peak RSS of runs, and the stage timings of the median run. */
function summarise(results) {
  const ms = median(results.map((r) => r.ms));
  const middle = results.find((r) => r.ms === ms) ?? results[0];
  const stages = Object.fromEntries([...middle.stderr.matchAll(/^timing (\w+): ([\d.]+) ms$/gm)].map((m) => [m[1], Number(m[2])]));
  return { ms: Math.round(ms), rssMb: Math.round(median(results.map((r) => r.rss))), pageFaults: median(results.map((r) => r.faults)), stages, runs: results.map((r) => Math.round(r.ms)) };
}

/**
 * `times` rounds of the given commands (each `{ argv, before, env }`: `before` runs first, unmeasured;
 * `env` replaces this process's environment), one run of each per round, so that a compile and its
 * floor are never measured minutes apart: this machine's speed drifts by a fifth from one minute to
 * the next, and the ratio within each round is steadier than the ratio of two medians. `ratios` names
 * the commands measured against the floor.
 */
function rounds(commands, cwd, ratios, times = runs) {
  const results = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = 0; round < times; round++) {
    for (const [name, { argv, before, env }] of Object.entries(commands)) {
      before?.();
      results[name].push(measure(argv, cwd, env));
    }
  }
  const summaries = Object.fromEntries(Object.entries(results).map(([name, list]) => [name, summarise(list)]));
  const ratioOf = (name) => Number(median(results[name].map((run, round) => run.ms / results.floor[round].ms)).toFixed(2));
  return { ...summaries, ...Object.fromEntries(ratios.map((name) => [`${name}Ratio`, ratioOf(name)])) };
}

// The bundled example first: the fixed costs (Node, loading, the diagram's thread) a small app sees.
const example = { name: "pugs", dir: path.join(root, "examples/pugs"), explain: "persist_kv:dogs" };
const cases = [
  ...(args.includes("--no-example") ? [] : [{ example }]),
  ...sizes.map((files) => ({ files, variant: "js" })),
  ...(withTs ? [{ files: 1000, variant: "ts" }] : []),
  ...shapes.map(({ name, size }) => ({ files: size, variant: name })),
];
/**
 * What touching a page of fresh memory costs here, in µs: a process fills 64 MB it just allocated and
 * then fills it again; the difference over its pages is the cost of a page fault (the kernel's, and on
 * a virtual machine the hypervisor's), the median of 5 processes.
 */
function pageFaultMicros() {
  const probe = `const b = Buffer.allocUnsafe(64 * 2 ** 20); let t = performance.now(); b.fill(1); const first = performance.now() - t;
    t = performance.now(); b.fill(2); const again = performance.now() - t; process.stdout.write(String(((first - again) * 1000) / (b.length / 4096)));`;
  const costs = Array.from({ length: 5 }, () => Number(spawnSync(process.execPath, ["-e", probe], { encoding: "utf8" }).stdout));
  return Number(median(costs).toFixed(2));
}

// Starting takes a few tenths of a second and this machine's speed drifts: the startup figures are medians of more rounds.
const STARTUP_ROUNDS = 11;

/**
 * How long Node itself takes to start and exit (an empty CommonJS file, with klotho's Node options),
 * and `klotho --version` and `--help`, taking turns. Node's share is no part of klotho's to change, and
 * it is not the same on every machine: with NODE_EXTRA_CA_CERTS set, Node reads and parses that
 * certificate file as it starts, before any script runs (a whole system bundle took 0.12-0.2 s on this
 * project's machine), so when it is set the three are also measured without it, in the same rounds.
 */
function startup(extraCaCerts) {
  const commands = { node: [...nodeOptions, path.join(root, "bench/node-start.cjs")], version: [...klotho, "--version"], help: [...klotho, "--help"] };
  const without = withoutVariable(process.env, "NODE_EXTRA_CA_CERTS");
  const measured = rounds(
    Object.fromEntries(Object.entries(commands).flatMap(([name, argv]) => [[name, { argv }], ...(extraCaCerts ? [[`${name}WithoutExtraCaCerts`, { argv, env: without }]] : [])])),
    root,
    [],
    Math.max(runs, STARTUP_ROUNDS),
  );
  const figures = (suffix) => Object.fromEntries(Object.keys(commands).map((name) => [name, measured[`${name}${suffix}`]]));
  return { ...figures(""), ...(extraCaCerts ? { withoutExtraCaCerts: figures("WithoutExtraCaCerts") } : {}) };
}

const extraCaCerts = Boolean(process.env.NODE_EXTRA_CA_CERTS);
const results = {
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", node: process.version, memoryGb: Math.round(os.totalmem() / 2 ** 30), scratch: path.dirname(scratch), pageFaultMicros: pageFaultMicros(), extraCaCerts },
  nodeOptions,
  runs,
  startup: startup(extraCaCerts),
  apps: [],
};
for (const { files, variant, example: bundled } of cases) {
  const name = bundled ? `example-${bundled.name}` : `${files}-${variant}`;
  const dir = bundled ? bundled.dir : path.join(scratch, `app-${name}`);
  const app = bundled ? { files: countSources(dir) } : variant === "nest" ? generateNestApp(dir, files) : generateApp(dir, files, variant);
  const out = path.join(scratch, `out-${name}`);
  const compileArgv = [...klotho, dir, "--app", "bench", "--provider", "aws", "-o", out, "--timings"];
  // `compile` into an empty folder; `rebuild` recompiles the unchanged app over the output `compile`
  // just wrote, as a build run after every change does (it keeps the PNG of an unchanged diagram).
  const { floor, compile, rebuild, explain, compileRatio, rebuildRatio, explainRatio } = rounds(
    {
      floor: { argv: [path.join(root, "bench/parse-floor.mjs"), dir] },
      compile: { argv: compileArgv, before: () => rmSync(out, { recursive: true, force: true }) },
      rebuild: { argv: compileArgv },
      explain: { argv: [...klotho, "explain", bundled ? bundled.explain : "persist_kv:store0", dir, "--app", "bench", "--provider", "aws", "--timings"] },
    },
    root,
    ["compile", "rebuild", "explain"],
  );
  const figures = { floor, compile, rebuild, explain, ratio: compileRatio, rebuildRatio, explainRatio };
  results.apps.push({ ...(bundled ? { example: bundled.name } : {}), files: app.files, variant: variant ?? "js", routers: app.routers, units: app.units, stores: app.stores, ...figures });
  rmSync(out, { recursive: true, force: true });
  if (!bundled) rmSync(dir, { recursive: true, force: true });
}
rmSync(scratch, { recursive: true, force: true });
writeFileSync(path.join(root, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);

const pad = (value, width) => String(value).padStart(width);
console.log(`klotho bench: ${results.machine.cpus} × ${results.machine.cpu}, Node ${results.machine.node}${nodeOptions.length > 0 ? ` (klotho with ${nodeOptions.join(" ")})` : ""}, median of ${runs} runs, in ${results.machine.scratch}`);
const startupLine = ({ node, version, help }) => `--version ${version.ms} ms, --help ${help.ms} ms (Node alone: ${node.ms} ms)`;
console.log(`${startupLine(results.startup)}, medians of ${Math.max(runs, STARTUP_ROUNDS)} rounds`);
if (results.startup.withoutExtraCaCerts) {
  console.log(`  NODE_EXTRA_CA_CERTS is set: Node reads that file as it starts. Without it: ${startupLine(results.startup.withoutExtraCaCerts)}`);
}
console.log(`${"app".padEnd(12)}${pad("floor ms", 10)}${pad("compile ms", 12)}${pad("ratio", 7)}${pad("rebuild ms", 12)}${pad("ratio", 7)}${pad("explain ms", 12)}${pad("ratio", 7)}${pad("floor MB", 10)}${pad("compile MB", 12)}${pad("explain MB", 12)}`);
const label = (app) => (app.example ? `${app.example} ex.` : `${app.files} ${app.variant}`);
for (const app of results.apps) {
  console.log(
    `${label(app).padEnd(12)}${pad(app.floor.ms, 10)}${pad(app.compile.ms, 12)}${pad(`${app.ratio}×`, 7)}${pad(app.rebuild.ms, 12)}${pad(`${app.rebuildRatio}×`, 7)}${pad(app.explain.ms, 12)}${pad(`${app.explainRatio}×`, 7)}${pad(app.floor.rssMb, 10)}${pad(app.compile.rssMb, 12)}${pad(app.explain.rssMb, 12)}`,
  );
}
const cost = results.machine.pageFaultMicros;
console.log(`\npage faults (thousands), and what they cost at ${cost} µs each (ms), medians:`);
console.log(`${"app".padEnd(12)}${pad("floor", 14)}${pad("compile", 16)}${pad("rebuild", 16)}${pad("explain", 16)}`);
const faultCell = (figures, width) => pad(`${(figures.pageFaults / 1000).toFixed(1)}k ${Math.round((figures.pageFaults * cost) / 1000)} ms`, width);
for (const app of results.apps) console.log(`${label(app).padEnd(12)}${faultCell(app.floor, 14)}${faultCell(app.compile, 16)}${faultCell(app.rebuild, 16)}${faultCell(app.explain, 16)}`);
for (const run of ["compile", "rebuild"]) {
  console.log(`\nstages of the median ${run} (ms):`);
  for (const app of results.apps) console.log(`${label(app).padEnd(12)}${Object.entries(app[run].stages).map(([stage, ms]) => `${stage} ${Math.round(ms)}`).join(", ")}`);
}
const byFiles = new Map(results.apps.filter((a) => a.variant === "js" && !a.example).map((a) => [a.files, a.compile.ms]));
if (byFiles.has(1000) && byFiles.has(5000)) console.log(`\n5,000 files / 1,000 files: ${(byFiles.get(5000) / byFiles.get(1000)).toFixed(2)}×`);
console.log("wrote bench/results.json");
