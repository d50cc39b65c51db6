// How the bench runs and measures one process: `node` with the RSS reporter (rss-report.cjs) preloaded.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPORTER = path.join(path.dirname(fileURLToPath(import.meta.url)), "rss-report.cjs");

/**
 * Runs `node <argv>` in `cwd` with the RSS reporter preloaded through `--require` (as CommonJS, it
 * starts no ES module loader in a CommonJS program, as klotho's bin is), in `env` with NO_COLOR set and
 * HOME at `home`; returns wall ms, peak RSS MB, minor page faults, stdout and stderr. Throws when the
 * process cannot start, fails or reports no figures: every run measured must have done its work.
 */
export function measure(argv, { cwd, env = process.env, home }) {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--require", REPORTER, ...argv], {
    cwd,
    encoding: "utf8",
    env: { ...env, NO_COLOR: "1", HOME: home },
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (child.error) throw child.error;
  if (child.status !== 0) throw new Error(`${argv.join(" ")} exited ${String(child.status ?? child.signal)}:\n${child.stderr.slice(-2000)}`);
  const rss = Number(/bench-maxrss-kb (\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024;
  const faults = Number(/bench-page-faults (\d+)/.exec(child.stderr)?.[1] ?? NaN);
  if (Number.isNaN(rss) || Number.isNaN(faults)) throw new Error(`${argv.join(" ")} reported no peak RSS or page faults:\n${child.stderr.slice(-2000)}`);
  return { ms, rss, faults, stdout: child.stdout, stderr: child.stderr };
}

/** `env` without the variable `name`. */
export function withoutVariable(env, name) {
  return Object.fromEntries(Object.entries(env).filter(([key]) => key !== name));
}
