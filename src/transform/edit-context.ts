import path from "node:path";
import type { Node } from "@babel/types";
import type MagicString from "magic-string";
import type { ParsedFile } from "../parse/parse-file.js";
import { isTypeScriptFile } from "../util/typescript-files.js";

/** A shim module an fs import was pointed at: the S3 file system or the secrets reader of store `id`. */
export interface StoreShim {
  readonly kind: "fs" | "secrets";
  readonly id: string;
}

/** What rewritten code needs beside it in the unit folder: the runtime modules it loads, the store shims it imports. */
export interface RuntimeNeeds {
  /** Runtime module names (`keyvalue`, `emitter`, ...). */
  readonly modules: Set<string>;
  /** Store shims by id and kind (`fs:uploads`). */
  readonly shims: Map<string, StoreShim>;
  /** Ids of the persisted Maps the code constructs (their options go in unit.json). */
  readonly kvMaps: Set<string>;
}

/** Empty needs, to be filled by the edits of one file (or merged over a unit). */
export function emptyNeeds(): RuntimeNeeds {
  return { modules: new Set(), shims: new Map(), kvMaps: new Set() };
}

/** Which project files a unit's folder holds, asked one file at a time (so that what a rewrite asked can be recorded). */
export interface UnitMembership {
  has(file: string): boolean;
}

/** What an edit needs to rewrite one file of one unit. */
export interface EditContext {
  readonly parsed: ParsedFile;
  /** Whether a project file is in this unit's folder: the only thing about the unit the edits may ask, with `lambda`. */
  readonly unitFiles: UnitMembership;
  /** True for units that run on Lambda (their listen calls are replaced). */
  readonly lambda: boolean;
  /** An expression that evaluates to export `name` of `klotho_runtime/<module>.js`, imported as needed. */
  runtime(module: string, name: string): string;
  /** What the edits made so far need in the unit folder (`runtime()` records its modules here). */
  readonly needs: RuntimeNeeds;
  /** Replaces [start, end) unless an earlier edit already changed any of it (the outer edit wins). */
  replace(start: number, end: number, text: string): void;
  /** Inserts text at `offset` unless an earlier edit covers it. */
  insert(offset: number, text: string): void;
}

/** Edits that never overlap: magic-string refuses to edit inside a replaced range, and the first (outer) edit is the one that holds. */
export function guardedEdits(code: () => MagicString): Pick<EditContext, "replace" | "insert"> {
  const done = new EditedRanges();
  return {
    replace(start, end, text) {
      if (done.overlaps(start, end)) return;
      done.add(start, end);
      code().overwrite(start, end, text);
    },
    insert(offset, text) {
      if (done.overlaps(offset, offset)) return;
      code().appendLeft(offset, text);
    },
  };
}

/**
 * The [start, end) ranges a file's edits replaced, sorted, answering in O(log n) whether a new edit
 * touches one: a gateway's app file copied into each of 25 units has some 240 mounts and imports of
 * other units' routers to blank out in each copy, which a scan of every earlier edit made quadratic.
 * A range overlaps when it shares a character with one (`start < e && s < end`); an empty one (an
 * insertion point) when it lies strictly inside one. Ranges added never overlap each other that way,
 * so in the order of their starts (then ends) their ends never decrease: the last range starting
 * before a point is the one that reaches furthest past it.
 */
export class EditedRanges {
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];

  /** Whether [start, end) shares a character with a range added, or, empty, lies strictly inside one. */
  overlaps(start: number, end: number): boolean {
    // The ranges starting before `end` (none of those starting at `end` ends before it); of those, the last reaches furthest.
    const before = this.#countStartingBefore(end, end);
    return before > 0 && (this.#ends[before - 1] ?? 0) > start;
  }

  /** Adds [start, end), a range of one character or more that overlaps no range added before (see overlaps). */
  add(start: number, end: number): void {
    const at = this.#countStartingBefore(start, end + 1);
    this.#starts.splice(at, 0, start);
    this.#ends.splice(at, 0, end);
  }

  /** How many ranges start before `start`, or at `start` and end before `end`. */
  #countStartingBefore(start: number, end: number): number {
    let low = 0;
    let high = this.#starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const s = this.#starts[middle] ?? 0;
      if (s < start || (s === start && (this.#ends[middle] ?? 0) < end)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/**
 * Makes `runtime()` for a file. CommonJS JavaScript gets an inline `require(...)`, ES modules an
 * `import` appended at the end of the file (imports are hoisted), so no line of the user's code
 * moves; TypeScript gets the import at the start (after a `#!` line).
 */
export function runtimeReferences(parsed: ParsedFile, code: () => MagicString, needs: RuntimeNeeds): EditContext["runtime"] {
  const file = parsed.file.path;
  const typescript = isTypeScriptFile(file);
  const usesImports = parsed.file.moduleKind === "esm" || typescript;
  const imported = new Map<string, string>();
  // A `#!` line must stay first: the import then goes at the start of line 2.
  const shebang = parsed.file.text.startsWith("#!") ? parsed.file.text.indexOf("\n") + 1 : 0;
  // The runtime folder as this file reaches it: the same for every module (a copy of an app file in each unit asks once per mount).
  const fromFile = path.posix.relative(path.posix.dirname(file), "klotho_runtime");
  const runtimeFolder = fromFile.startsWith(".") ? fromFile : `./${fromFile}`;
  return (module, name) => {
    needs.modules.add(module);
    const specifier = `${runtimeFolder}/${module}.js`;
    if (!usesImports) return `require(${JSON.stringify(specifier)}).${name}`;
    // The runtime is CommonJS: in an ES module a default import gives its exports object. TypeScript
    // gets a namespace import, which is the exports object (or a copy) whether or not the project's
    // tsconfig.json sets esModuleInterop; its named exports are plain `module.exports = { a, b }`,
    // which Node finds for ES modules too.
    const local = `__klotho_${module.replace(/[^A-Za-z0-9]/g, "_")}`;
    if (!imported.has(local)) {
      imported.set(local, specifier);
      // An ES module's imports are hoisted, so one at the end moves no line. TypeScript may be
      // emitted as CommonJS, where an import becomes a require at its place: it goes first on
      // line 1 there (the emitted JavaScript has its own lines and a source map anyway).
      const statement = typescript ? `import * as ${local} from ${JSON.stringify(specifier)};` : `import ${local} from ${JSON.stringify(specifier)};`;
      if (!typescript) code().append(`\n${statement}`);
      else if (shebang > 0) code().appendLeft(shebang, `${statement} `);
      else code().prepend(`${statement} `);
    }
    return `${local}.${name}`;
  };
}

/** The source text of a node. */
export function sourceOf(parsed: ParsedFile, node: Node): string {
  return parsed.file.text.slice(node.start ?? 0, node.end ?? 0);
}

/** How many line breaks (`\n`) `text` holds. */
export function lineBreaks(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count += 1;
  return count;
}

/** `replacement` followed by a comment holding the line breaks of `original` it lacks, so the lines after it keep their numbers. */
export function keepLineBreaks(original: string, replacement: string): string {
  const missing = lineBreaks(original) - lineBreaks(replacement);
  return missing > 0 ? `${replacement} /*${"\n".repeat(missing)}*/` : replacement;
}

/** Replaces a statement with blank space that keeps its line breaks, so later lines keep their numbers. */
export function blankOut(context: EditContext, node: Node, note: string): void {
  const text = sourceOf(context.parsed, node);
  const breaks = lineBreaks(text);
  context.replace(node.start ?? 0, node.end ?? 0, `/* klotho: ${note} */${"\n".repeat(breaks)}`);
}
