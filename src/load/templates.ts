import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { compareStrings } from "../util/compare.js";
import { klothoHome } from "./package-assets.js";

/** The Nunjucks templates of a provider's infrastructure program (`templates/<provider>/*.njk`), name → text, sorted by name. */
export function readTemplates(provider: string, home: string = klothoHome): ReadonlyMap<string, string> {
  const dir = path.join(home, "templates", provider);
  if (!existsSync(dir)) return new Map();
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".njk"))
    .sort(compareStrings);
  return new Map(names.map((name) => [name, readFileSync(path.join(dir, name), "utf8")]));
}
