import { rewriteFile, type RewriteInput, type RewriteResult } from "./rewrite-file.js";

/** One rewrite of a file, with everything it asked about its unit. */
interface Remembered {
  readonly lambda: boolean;
  /** The unit hearing the file's listeners, when not the rewritten unit. */
  readonly listenersElsewhere: string | undefined;
  /** Each file the edits asked about, and whether the unit held it. */
  readonly asked: ReadonlyMap<string, boolean>;
  readonly result: RewriteResult;
}

/**
 * `rewriteFile` for the units of one compile, where most files are carried by many units (a helper
 * every router imports). A rewrite sees its unit only through `lambda` and `unitFiles.has`; each
 * rewrite records the answers it got, and a later unit that would get the same answers gets the
 * same result instead of a second rewrite. Every other input (facts, annotations, resolver) must be
 * the same for all calls: make one rewriter per compile.
 */
export function createUnitFileRewriter(): (input: RewriteInput) => RewriteResult {
  const byFile = new Map<string, Remembered[]>();
  return (input) => {
    const file = input.parsed.file.path;
    let remembered = byFile.get(file);
    if (!remembered) byFile.set(file, (remembered = []));
    const listenersElsewhere = input.listenersElsewhere?.(file)?.unit;
    const same = remembered.find((entry) => entry.lambda === input.lambda && entry.listenersElsewhere === listenersElsewhere && answersHold(entry.asked, input));
    if (same) return same.result;
    const asked = new Map<string, boolean>();
    const unitFiles = {
      has(other: string): boolean {
        const held = input.unitFiles.has(other);
        asked.set(other, held);
        return held;
      },
    };
    const result = rewriteFile({ ...input, unitFiles });
    remembered.push({ lambda: input.lambda, listenersElsewhere, asked, result });
    return result;
  };
}

function answersHold(asked: ReadonlyMap<string, boolean>, input: RewriteInput): boolean {
  for (const [file, held] of asked) if (input.unitFiles.has(file) !== held) return false;
  return true;
}
