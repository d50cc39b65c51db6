/**
 * What a module's text says without parsing it: the specifiers it may import, and whether it holds
 * something the analysis reacts to on sight. Both err on the side of saying more (a specifier in a
 * comment or a string counts too): they only decide which modules run first (roots.ts), and a module
 * left out there still runs as soon as running code imports it.
 */

// `import x from "s"`, `export { x } from "s"`, `import "s"`, `require("s")`, `import("s")`,
// TypeScript's `import x = require("s")` and `typeof import("s")`, in any spacing.
const SPECIFIER = /\bfrom\s*(["'])([^"'\n]+)\1|\bimport\s*(["'])([^"'\n]+)\3|\b(?:require|import)\s*\(\s*(["'`])([^"'`$\n]+)\5/g;

/**
 * What the extractors react to without a value from a package or an annotation: an annotation (or
 * one written almost right), `new Map()` (a store candidate, annotated or not) and the response
 * methods that send a file (`res.sendFile`, `res.download`, recognised on any object). A change to
 * an extractor that reacts to something new on sight belongs here too (test/facts/roots.test.ts
 * runs every fixture both ways).
 */
const ON_SIGHT = /klotho\s*:|\bnew\s+Map\b|\bsendFile\b|\bdownload\b/i;

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

/** True when `text` holds something an extractor reacts to on sight (see ON_SIGHT). */
export function reactsOnSight(text: string): boolean {
  return ON_SIGHT.test(text);
}
