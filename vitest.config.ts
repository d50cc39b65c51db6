import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

// Test files that change what a process shares: environment variables the runtime reads and its
// modules' state (test/runtime, test/e2e, which also start servers), or a mocked node:fs. Each runs in
// a process of its own. The others share their worker's processes and modules (isolate: false): a
// fresh process and module graph for each of them cost most of the suite's time (56 files of
// analysis tests: 78 s isolated, 21 s shared).
const ISOLATED = ["test/runtime/**/*.test.ts", "test/e2e/**/*.test.ts", "test/cli/output-write-failure.test.ts"];

// Test files run at once: Vitest's default, one fewer than the cores, but at least two. On the 2-core
// machines CI runs on the default is one, and many files mostly wait, on child processes (the CLI,
// Pulumi programs, servers) or on I/O, which a second file fills.
const TEST_FILES_AT_ONCE = Math.max(2, availableParallelism() - 1);

export default defineConfig({
  test: {
    pool: "forks",
    maxWorkers: TEST_FILES_AT_ONCE,
    // A limit for a test that hangs, not a measure of speed (that is `npm run bench`): with two files
    // at a time on two cores a test may take twice as long as alone.
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "isolated", include: ISOLATED, isolate: true } },
      { extends: true, test: { name: "shared", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, ...ISOLATED], isolate: false } },
    ],
  },
});
