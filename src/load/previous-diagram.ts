import { readFileSync } from "node:fs";
import path from "node:path";

/** The topology diagram an earlier compile wrote to the output folder: its SVG and its PNG. */
export interface PreviousDiagram {
  readonly svg: string;
  readonly png: Uint8Array;
}

/**
 * `<app>.svg` and `<app>.png` of the output folder, when an earlier compile left both there: a
 * recompile whose drawing comes out the same keeps that PNG instead of rasterising it again (see
 * renderTopology). Anything missing or unreadable is no previous diagram.
 */
export function readPreviousDiagram(outDir: string, app: string): PreviousDiagram | undefined {
  try {
    return { svg: readFileSync(path.join(outDir, `${app}.svg`), "utf8"), png: readFileSync(path.join(outDir, `${app}.png`)) };
  } catch {
    return undefined;
  }
}
