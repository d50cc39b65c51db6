/** The JavaScript file name Node runs for a TypeScript source: `.ts` → `.js`, `.mts` → `.mjs`, `.cts` → `.cjs`. */
export function javascriptPath(file: string): string {
  return file.replace(/\.tsx?$/, ".js").replace(/\.mts$/, ".mjs").replace(/\.cts$/, ".cjs");
}

/** True for TypeScript sources. */
export { isTypeScriptFile as isTypeScript } from "../util/typescript-files.js";
