import type { Environment, ILoader, LoaderSource } from "nunjucks";
import { assertIdentifier, commentText, isIdentifier, tsString, tsValue } from "./code.js";

/**
 * The Nunjucks environment that renders the program, loaded only when a program is rendered (so
 * `klotho --help` and `explain` never load Nunjucks). Autoescape is off: the program is
 * TypeScript, not HTML, and every value goes through one of the filters below, which a test
 * checks for every `{{ }}` of every template:
 *
 * - `ts`: a TypeScript literal of the value (strings escaped, objects and arrays as literals), or
 *   the text of a `Code` made by klotho;
 * - `key`: an object key, bare when it is an identifier, else a string literal;
 * - `ident`: a variable klotho made (checked to be an identifier);
 * - `comment`: text for a `//` comment, on one line, printable ASCII;
 * - `verbatim`: a block rendered by these templates (program.njk only).
 */
export type TemplateFilter = "ts" | "key" | "ident" | "comment" | "verbatim";

/** The filters a template may end a `{{ }}` with. */
export const TEMPLATE_FILTERS: readonly TemplateFilter[] = ["ts", "key", "ident", "comment", "verbatim"];

/** Renders named templates with a context. */
export interface TemplateRenderer {
  render(name: string, context: object): string;
}

/** The environment's options; scripts/build/templates.mjs precompiles with the same ones. */
export const ENVIRONMENT_OPTIONS = { autoescape: false, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true } as const;

/**
 * A Nunjucks environment over the template texts (name → text), with klotho's filters. A template
 * whose text is among `precompiled` (text → Nunjucks' compiled object, from the build) is not compiled again.
 */
export async function createTemplateRenderer(templates: ReadonlyMap<string, string>, precompiled: ReadonlyMap<string, object> = new Map()): Promise<TemplateRenderer> {
  const nunjucks = (await import("nunjucks")).default;
  const loader: ILoader = {
    getSource(name: string): LoaderSource {
      const src = templates.get(name);
      if (src === undefined) throw new Error(`internal: no template ${name} (templates: ${[...templates.keys()].join(", ")})`);
      const compiled = precompiled.get(src);
      // Nunjucks takes `{ type: "code", obj }` as source for a precompiled template; its typings know only text.
      if (compiled) return { src: { type: "code", obj: compiled } as unknown as string, path: name, noCache: false };
      return { src, path: name, noCache: false };
    },
  };
  const environment: Environment = new nunjucks.Environment(loader, ENVIRONMENT_OPTIONS);
  environment.addFilter("ts", (value: unknown) => tsValue(value));
  environment.addFilter("key", (value: unknown) => (typeof value === "string" && isIdentifier(value) ? value : tsString(String(value))));
  environment.addFilter("ident", (value: unknown) => assertIdentifier(String(value)));
  environment.addFilter("comment", (value: unknown) => commentText(value));
  environment.addFilter("verbatim", (value: unknown) => {
    if (typeof value !== "string") throw new Error("internal: verbatim takes a rendered block");
    return value;
  });
  return { render: (name, context) => environment.render(name, context) };
}
