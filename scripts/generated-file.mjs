// One rule for the files scripts/generate-*.mjs write into src/: with --check, a file whose text is not
// what its generator makes now is reported as stale (exit code 1); otherwise it is written.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Writes `source` to `target`, or with `--check` reports it stale when it differs; `command` regenerates it. */
export function writeGenerated(root, target, source, command) {
  let current;
  try {
    current = readFileSync(target, "utf8");
  } catch {
    current = undefined;
  }
  if (current === source) return;
  if (process.argv.includes("--check")) {
    console.error(`stale: ${path.relative(root, target)} (run ${command})`);
    process.exitCode = 1;
    return;
  }
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, source);
  console.log(`wrote ${path.relative(root, target)}`);
}
