import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { compareStrings } from "../util/compare.js";
import { klothoHome } from "./package-assets.js";

/** Runtime files copied into every unit's klotho_runtime/: the modules and their package.json. */
function isShipped(name: string): boolean {
  return name.endsWith(".js") || name === "package.json";
}

/** klotho's runtime (`runtime/*.js` and its package.json), name → text, sorted by name. */
export function readRuntimeFiles(home: string = klothoHome): ReadonlyMap<string, string> {
  const dir = path.join(home, "runtime");
  if (!existsSync(dir)) return new Map();
  const names = readdirSync(dir).filter(isShipped).sort(compareStrings);
  return new Map(names.map((name) => [name, readFileSync(path.join(dir, name), "utf8")]));
}
