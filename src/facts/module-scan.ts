/**
 * What a module's text says without parsing it: the specifiers it may import, and whether it holds
 * something the analysis reacts to on sight. Both err on the side of saying more (a specifier in a
 * comment or a string counts too): they only decide which modules run first (roots.ts), and a module
 * left out there still runs as soon as running code imports it.
 */

// Comments a specifier may be written after: `import(/* webpackChunkName: "x" */ "./x")`. A comment's
// body is matched one way only (no `*` followed by `/` inside), so a line of many never backtracks.
const GAP = String.raw`\s*(?:/\*[^*]*\*+(?:[^/*][^*]*\*+)*/\s*)*`;
// What a specifier is made of: no quote, space, bracket or punctuation that ends a statement, so a
// `from` or `import` at the end of a string (`log("loaded from"); require("./db")`) reads no specifier
// up to the next quote and the scan goes on to the real one.
const NAME = String.raw`[^"'\x60\s;,(){}\[\]<>=]+`;
// `import x from "s"`, `export { x } from "s"`, `import "s"`, `require("s")`, `import("s")`,
// TypeScript's `import x = require("s")` and `typeof import("s")`, in any spacing.
const SPECIFIER = new RegExp(String.raw`\bfrom${GAP}(["'])(${NAME})\1|\bimport${GAP}(["'])(${NAME})\3|\b(?:require|import)${GAP}\(${GAP}(["'\x60])(${NAME})\5`, "g");
// A `require(` or `import(` whose argument is not one plain string: a specifier only running code computes.
const LOAD_CALL = /\b(?:require|import)\s*\(/g;
const PLAIN_ARGUMENT = new RegExp(String.raw`^${GAP}(["'\x60])[^"'\x60$\n]*\1${GAP}[,)]`);

/**
 * What the extractors react to without a value from a package or an annotation: an annotation (or
 * one written almost right), a `Map` (`new Map()` is a store candidate, annotated or not) and the
 * response methods that send a file (`res.sendFile`, `res.download`, recognised on any object);
 * the annotation in any case, as near misses are, the names as written (`xs.map()` is not a Map). A
 * change to an extractor that reacts to something new on sight belongs here too
 * (test/facts/roots.test.ts runs every fixture both ways).
 */
const ANNOTATION = /klotho\s*:/i;
const ON_SIGHT = /\bMap\b|\bsendFile\b|\bdownload\b/;

/** The import specifiers written in `text`, in order, each once. */
export function importSpecifiers(text: string): string[] {
  const found = new Set<string>();
  SPECIFIER.lastIndex = 0;
  for (let match = SPECIFIER.exec(text); match; match = SPECIFIER.exec(text)) {
    const specifier = match[2] ?? match[4] ?? match[6];
    if (specifier !== undefined) found.add(specifier);
  }
  return [...found];
}

/** True when `text` loads a module by a specifier it computes: `require(\`./stores/${driver}\`)`, `import(name)`. */
export function loadsComputedSpecifier(text: string): boolean {
  LOAD_CALL.lastIndex = 0;
  for (let match = LOAD_CALL.exec(text); match; match = LOAD_CALL.exec(text)) {
    if (!PLAIN_ARGUMENT.test(text.slice(LOAD_CALL.lastIndex, LOAD_CALL.lastIndex + 400))) return true;
  }
  return false;
}

/** True when `text` holds something an extractor reacts to on sight (see ON_SIGHT). */
export function reactsOnSight(text: string): boolean {
  return ANNOTATION.test(text) || ON_SIGHT.test(text);
}
