// Preloaded with `node --import` by bench/run.mjs: prints the process's peak RSS (kB) and its minor page
// faults (each page of memory it touched first) on stderr at exit.
import { writeSync } from "node:fs";

process.on("exit", () => {
  const usage = process.resourceUsage();
  writeSync(2, `\nbench-maxrss-kb ${usage.maxRSS}\nbench-page-faults ${usage.minorPageFault}\n`);
});
