import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

/** A template `npm run build` compiled to JavaScript: the text it was compiled from and Nunjucks' compiled object. */
interface PrecompiledTemplate {
  readonly text: string;
  readonly template: object;
}

// The templates scripts/build/templates.mjs compiled (dist/templates-cache.cjs); none beside the TypeScript sources.
const PRECOMPILED = fileURLToPath(new URL("../templates-cache.cjs", import.meta.url));

/** Nunjucks' compiled templates by their exact text: a template edited since the build is not among them and compiles as usual. */
export function readPrecompiledTemplates(): ReadonlyMap<string, object> {
  if (!existsSync(PRECOMPILED)) return new Map();
  const entries = createRequire(import.meta.url)(PRECOMPILED) as PrecompiledTemplate[];
  return new Map(entries.map((entry) => [entry.text, entry.template]));
}
