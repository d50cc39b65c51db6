import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Document, Node } from "yaml";
import type { SourceRange } from "../util/source-range.js";
import { yamlLibrary as yaml } from "../util/yaml-library.js";

/** A parsed YAML (or JSON) file that can point at the line and column of any value in it. */
export interface LocatedYaml {
  readonly file: string;
  readonly text: string;
  readonly value: unknown;
  readonly syntaxErrors: readonly { message: string; range: SourceRange }[];
  /** The range of the value (or, with `atKey`, of the key) at `path`; the nearest existing ancestor otherwise. */
  locate(path: readonly (string | number)[], atKey?: boolean): SourceRange;
}

/**
 * Parses YAML text, keeping positions for error messages. Text identical to one of klotho's own YAML
 * files (built-in rules, provider types) takes its value from the cache `npm run build` wrote, and is
 * parsed only if a message needs a position in it.
 */
export function parseLocatedYaml(file: string, text: string): LocatedYaml {
  const cached = prebuiltValues().get(text);
  if (cached === undefined) return parseNow(file, text);
  let parsed: LocatedYaml | undefined;
  return { file, text, value: structuredClone(cached), syntaxErrors: [], locate: (path, atKey) => (parsed ??= parseNow(file, text)).locate(path, atKey) };
}

// The values of klotho's own YAML files, by their exact text (dist/yaml-cache.json, from scripts/build/yaml-cache.mjs); none beside the TypeScript sources.
const CACHE = fileURLToPath(new URL("../yaml-cache.json", import.meta.url));
let prebuilt: ReadonlyMap<string, unknown> | undefined;

function prebuiltValues(): ReadonlyMap<string, unknown> {
  prebuilt ??= new Map(existsSync(CACHE) ? (JSON.parse(readFileSync(CACHE, "utf8")) as [string, unknown][]) : []);
  return prebuilt;
}

function parseNow(file: string, text: string): LocatedYaml {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const toRange = (start: number, end: number): SourceRange => {
    const s = lines.linePos(start);
    const e = lines.linePos(end);
    return {
      file,
      start: { line: s.line, column: s.col - 1, offset: start },
      end: { line: e.line, column: e.col - 1, offset: end },
    };
  };
  const syntaxErrors = doc.errors.map((error) => ({
    message: error.message.split("\n")[0] ?? error.message,
    range: toRange(error.pos[0], Math.max(error.pos[1], error.pos[0])),
  }));
  return {
    file,
    text,
    value: syntaxErrors.length > 0 ? undefined : (doc.toJS() as unknown),
    syntaxErrors,
    locate: (path, atKey = false) => locateIn(doc, path, atKey, toRange),
  };
}

function locateIn(
  doc: Document,
  path: readonly (string | number)[],
  atKey: boolean,
  toRange: (start: number, end: number) => SourceRange,
): SourceRange {
  const { isMap, isPair, isScalar, isSeq } = yaml();
  let node: Node | null | undefined = doc.contents;
  let best: [number, number] = rangeOf(node) ?? [0, 0];
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const keyRange = rangeOf(pair.key as Node);
      if (last && atKey && keyRange) return toRange(keyRange[0], keyRange[1]);
      node = pair.value as Node | null;
      best = rangeOf(node) ?? keyRange ?? best;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment] as Node | undefined;
      best = rangeOf(node) ?? best;
    } else {
      break;
    }
  }
  return toRange(best[0], best[1]);
}

function rangeOf(node: Node | null | undefined): [number, number] | undefined {
  const range = node?.range;
  return range ? [range[0], range[1]] : undefined;
}
