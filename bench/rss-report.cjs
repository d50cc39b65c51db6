// Preloaded with `node --require` by bench/measure.mjs: prints the process's peak RSS (kB) and its minor
// page faults (each page of memory it touched first) on stderr at exit. CommonJS, so that preloading it
// starts no ES module loader: klotho's bin is CommonJS and, run by a user, starts none either.
"use strict";
const { readFileSync, writeSync } = require("node:fs");
const { isMainThread } = require("node:worker_threads");

/**
 * The peak RSS of this process's own image, in kB. getrusage's maxrss (process.resourceUsage) also
 * counts the image `exec` replaced, the parent's copy: a small program spawned by a process of 400 MB
 * reports 400 MB. Linux keeps each image's own peak as VmHWM; elsewhere maxrss is what there is.
 */
function peakRssKb() {
  try {
    const peak = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (peak) return Number(peak[1]);
  } catch {
    // No /proc: not Linux.
  }
  return process.resourceUsage().maxRSS;
}

// A preload runs in worker threads too, and their figures are the whole process's so far: only the
// main thread's, at the process's end, are the peak.
if (isMainThread) {
  process.on("exit", () => {
    writeSync(2, `\nbench-maxrss-kb ${peakRssKb()}\nbench-page-faults ${process.resourceUsage().minorPageFault}\n`);
  });
}
