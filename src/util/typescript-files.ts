/** The extension of a TypeScript source or declaration file: `.ts`, `.tsx`, `.mts`, `.cts` (`.mtsx`, `.ctsx` too). */
export const TYPESCRIPT_EXTENSION = /\.[cm]?tsx?$/;

/** The ending of a TypeScript declaration file: `.d.ts`, `.d.mts`, `.d.cts`. */
const DECLARATION_ENDING = /\.d\.[cm]?ts$/;

/** True for a TypeScript file by its name (a declaration file too: callers that must tell them apart ask {@link isDeclarationFile}). */
export function isTypeScriptFile(file: string): boolean {
  return TYPESCRIPT_EXTENSION.test(file);
}

/** True for a TypeScript declaration file (`x.d.ts`, `x.d.mts`, `x.d.cts`): types only, no code that runs. */
export function isDeclarationFile(file: string): boolean {
  return DECLARATION_ENDING.test(file);
}
