// Preloaded with `node --require` by bench/measure.mjs: prints the process's peak RSS (kB) and its minor
// page faults (each page of memory it touched first) on stderr at exit. CommonJS, so that preloading it
// starts no ES module loader: klotho's bin is CommonJS and, run by a user, starts none either.
"use strict";
const { writeSync } = require("node:fs");
const { isMainThread } = require("node:worker_threads");

// A preload runs in worker threads too, and their figures are the whole process's so far: only the
// main thread's, at the process's end, are the peak.
if (isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeSync(2, `\nbench-maxrss-kb ${usage.maxRSS}\nbench-page-faults ${usage.minorPageFault}\n`);
  });
}
