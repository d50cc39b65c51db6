// Preloaded with `node --import` by bench/run.mjs: prints the process's peak RSS (kB) on stderr at exit.
import { writeSync } from "node:fs";

process.on("exit", () => {
  writeSync(2, `\nbench-maxrss-kb ${process.resourceUsage().maxRSS}\n`);
});
