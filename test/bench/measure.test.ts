import { describe, expect, it } from "vitest";
import { measure } from "../../bench/measure.mjs";
import { tempProject } from "../helpers/temp-project.js";

// What a CommonJS program loaded of Node's ES module loader, printed as JSON on stdout.
const ESM_LOADER_PROBE = `process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => m.includes("internal/modules/esm/"))));`;

describe("the bench's measure of one process", () => {
  it("reports the peak RSS and page faults of the process it ran, and its output", () => {
    const folder = tempProject({ "grow.cjs": `const kept = Buffer.alloc(64 * 2 ** 20, 1); process.stdout.write(String(kept.length));\n` });
    const small = measure(["-e", "0"], { cwd: folder.dir, home: folder.dir });
    const large = measure([folder.path("grow.cjs")], { cwd: folder.dir, home: folder.dir });
    expect(large.stdout).toBe(String(64 * 2 ** 20));
    // 64 MB touched: at least that much more resident memory, and more pages faulted in (one per 4 kB
    // page, fewer where the kernel backs the buffer with huge pages).
    expect(large.rss - small.rss).toBeGreaterThanOrEqual(60);
    expect(large.faults).toBeGreaterThan(small.faults);
    expect(large.ms).toBeGreaterThan(0);
  });

  it("starts no ES module loader in a CommonJS program (klotho's bin is one): the reporter is preloaded as CommonJS", () => {
    const folder = tempProject({ "probe.cjs": ESM_LOADER_PROBE });
    const loaded = JSON.parse(measure([folder.path("probe.cjs")], { cwd: folder.dir, home: folder.dir }).stdout) as string[];
    // Node loads a few of the loader's helpers at start; preloading with --import also loads the loader's resolution, translation and module map.
    expect(loaded.filter((m) => /esm\/(resolve|translators|module_map)$/.test(m))).toEqual([]);
  });

  it("runs in the environment it is given, with HOME where the bench says and NO_COLOR set", () => {
    const folder = tempProject();
    const env: NodeJS.ProcessEnv = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NODE_EXTRA_CA_CERTS")), BENCH_PROBE: "given" };
    const run = measure(["-e", "process.stdout.write(JSON.stringify([process.env.BENCH_PROBE, process.env.HOME, process.env.NO_COLOR, process.env.NODE_EXTRA_CA_CERTS ?? null]))"], { cwd: folder.dir, env, home: folder.path("home") });
    expect(JSON.parse(run.stdout)).toEqual(["given", folder.path("home"), "1", null]);
  });

  it("throws, with the process's error output, when the process fails", () => {
    const folder = tempProject();
    expect(() => measure(["-e", "process.stderr.write('no such target'); process.exit(3)"], { cwd: folder.dir, home: folder.dir })).toThrow(/exited 3:\nno such target/);
  });
});
