import { readFileSync } from "node:fs";

/**
 * The file the build writes into dist/ (scripts/build/drawing-code.mjs): one line, a digest of the
 * bundle's code and of ELK's version, which is what turns a topology into a drawing.
 */
export const DRAWING_CODE_FILE = "drawing-code.txt";

let read: string | null | undefined;

/**
 * The build's digest of the code that draws, read once; undefined when klotho runs from its
 * TypeScript sources (the tests), where no build made one and no drawing is taken for another's.
 */
export function readDrawingCode(): string | undefined {
  if (read === undefined) {
    try {
      // From dist/load/ or dist/bundle/, the file is in dist/; beside src/load/ there is none.
      read = readFileSync(new URL(`../${DRAWING_CODE_FILE}`, import.meta.url), "utf8").trim() || null;
    } catch {
      read = null;
    }
  }
  return read ?? undefined;
}
