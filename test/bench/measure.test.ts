import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { measure, withoutVariable } from "../../bench/measure.mjs";
import { tempProject } from "../helpers/temp-project.js";

// The modules of Node's ES module loader a program has loaded, printed as JSON on stdout.
const ESM_LOADER_PROBE = `process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => /esm\\/(resolve|translators|module_map)$/.test(m))));`;

describe("the bench's measure of one process", () => {
  it("reports the peak RSS and page faults of the process it ran, and its output", () => {
    const folder = tempProject({ "empty.cjs": "", "grow.cjs": `const kept = Buffer.alloc(64 * 2 ** 20, 1); process.stdout.write(String(kept.length));\n` });
    const small = measure([folder.path("empty.cjs")], { cwd: folder.dir, home: folder.dir });
    const large = measure([folder.path("grow.cjs")], { cwd: folder.dir, home: folder.dir });
    expect(large.stdout).toBe(String(64 * 2 ** 20));
    // 64 MB touched: at least that much more resident memory, and more pages faulted in (one per 4 kB
    // page, fewer where the kernel backs the buffer with huge pages).
    expect(large.rss - small.rss).toBeGreaterThanOrEqual(60);
    expect(large.faults).toBeGreaterThan(small.faults);
  });

  // getrusage's maxrss counts the parent's image the child's exec replaced; Linux's VmHWM is the child's own.
  it.runIf(existsSync("/proc/self/status"))("reports the process's own peak, not the peak of the process that spawned it", () => {
    const folder = tempProject({ "empty.cjs": "" });
    const held = Buffer.alloc(300 * 2 ** 20, 1);
    const run = measure([folder.path("empty.cjs")], { cwd: folder.dir, home: folder.dir });
    expect(held.length).toBe(300 * 2 ** 20);
    // Node alone peaks at about 40 MB; this test's own process now holds more than 300 MB.
    expect(run.rss).toBeLessThan(150);
  });

  it("reports the main thread's figures at the process's end, not a worker's", () => {
    const folder = tempProject({
      "worker.cjs": [
        `const { Worker } = require("node:worker_threads");`,
        `new Worker("", { eval: true }).once("exit", () => { globalThis.kept = Buffer.alloc(64 * 2 ** 20, 1); });`,
      ].join("\n"),
    });
    const run = measure([folder.path("worker.cjs")], { cwd: folder.dir, home: folder.dir });
    // One report, taken after the worker ended and the main thread filled 64 MB.
    expect(run.stderr.match(/bench-maxrss-kb/g)).toHaveLength(1);
    expect(run.rss).toBeGreaterThanOrEqual(64);
  });

  it("starts no ES module loader in a CommonJS program (klotho's bin is one): the reporter is preloaded as CommonJS", () => {
    const folder = tempProject({ "probe.cjs": ESM_LOADER_PROBE, "empty.mjs": "" });
    expect(JSON.parse(measure([folder.path("probe.cjs")], { cwd: folder.dir, home: folder.dir }).stdout)).toEqual([]);
    // What the probe sees when a preload does start the loader, as `--import` did.
    expect(JSON.parse(measure(["--import", folder.path("empty.mjs"), folder.path("probe.cjs")], { cwd: folder.dir, home: folder.dir }).stdout)).not.toEqual([]);
  });

  it("runs in the environment it is given, with HOME where the bench says and NO_COLOR set", () => {
    const folder = tempProject();
    const env = withoutVariable({ ...process.env, BENCH_PROBE: "given", NODE_EXTRA_CA_CERTS: "/nowhere/certificates.pem" }, "NODE_EXTRA_CA_CERTS");
    const run = measure(["-e", "process.stdout.write(JSON.stringify([process.env.BENCH_PROBE, process.env.HOME, process.env.NO_COLOR, process.env.NODE_EXTRA_CA_CERTS ?? null]))"], { cwd: folder.dir, env, home: folder.path("home") });
    expect(JSON.parse(run.stdout)).toEqual(["given", folder.path("home"), "1", null]);
  });

  it("throws, with the process's error output, when the process fails or is killed", () => {
    const folder = tempProject();
    expect(() => measure(["-e", "process.stderr.write('no such target'); process.exit(3)"], { cwd: folder.dir, home: folder.dir })).toThrow(/exited 3:\nno such target/);
    expect(() => measure(["-e", "process.kill(process.pid, 'SIGKILL')"], { cwd: folder.dir, home: folder.dir })).toThrow(/exited SIGKILL/);
  });
});
