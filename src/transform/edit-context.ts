import path from "node:path";
import type { Node } from "@babel/types";
import type MagicString from "magic-string";
import type { ParsedFile } from "../parse/parse-file.js";

/** What an edit needs to rewrite one file of one unit. */
export interface EditContext {
  readonly parsed: ParsedFile;
  readonly code: MagicString;
  /** The unit whose folder the file is written to. */
  readonly unit: string;
  /** Files in this unit's folder. */
  readonly unitFiles: ReadonlySet<string>;
  /** True for units that run on Lambda (their listen calls are replaced). */
  readonly lambda: boolean;
  /** An expression that evaluates to export `name` of `klotho_runtime/<module>.js`, imported as needed. */
  runtime(module: string, name: string): string;
  /** Replaces [start, end) unless an earlier edit already changed any of it (the outer edit wins). */
  replace(start: number, end: number, text: string): void;
  /** Inserts text at `offset` unless an earlier edit covers it. */
  insert(offset: number, text: string): void;
}

/** Edits that never overlap: magic-string refuses to edit inside a replaced range, and the first (outer) edit is the one that holds. */
export function guardedEdits(code: MagicString): Pick<EditContext, "replace" | "insert"> {
  const done: [number, number][] = [];
  const overlaps = (start: number, end: number): boolean => done.some(([s, e]) => start < e && s < end) || done.some(([s, e]) => start === end && s < start && start < e);
  return {
    replace(start, end, text) {
      if (overlaps(start, end)) return;
      done.push([start, end]);
      code.overwrite(start, end, text);
    },
    insert(offset, text) {
      if (overlaps(offset, offset)) return;
      code.appendLeft(offset, text);
    },
  };
}

/**
 * Makes `runtime()` for a file. CommonJS JavaScript gets an inline `require(...)`, ES modules an
 * `import` appended at the end of the file (imports are hoisted), so no line of the user's code
 * moves; TypeScript gets the import at the start.
 */
export function runtimeReferences(parsed: ParsedFile, code: MagicString): EditContext["runtime"] {
  const file = parsed.file.path;
  const typescript = /\.[mc]?tsx?$/.test(file);
  const usesImports = parsed.file.moduleKind === "esm" || typescript;
  const imported = new Map<string, string>();
  let relative = path.posix.relative(path.posix.dirname(file), "klotho_runtime");
  if (!relative.startsWith(".")) relative = `./${relative}`;
  return (module, name) => {
    const specifier = `${relative}/${module}.js`;
    if (!usesImports) return `require(${JSON.stringify(specifier)}).${name}`;
    // The runtime is CommonJS: a default import gives its exports object in ESM and in TypeScript alike.
    const local = `__klotho_${module.replace(/[^A-Za-z0-9]/g, "_")}`;
    if (!imported.has(local)) {
      imported.set(local, specifier);
      // An ES module's imports are hoisted, so one at the end moves no line. TypeScript may be
      // emitted as CommonJS, where an import becomes a require at its place: it goes first on
      // line 1 there (the emitted JavaScript has its own lines and a source map anyway).
      if (typescript) code.prepend(`import ${local} from ${JSON.stringify(specifier)}; `);
      else code.append(`\nimport ${local} from ${JSON.stringify(specifier)};`);
    }
    return `${local}.${name}`;
  };
}

/** The source text of a node. */
export function sourceOf(parsed: ParsedFile, node: Node): string {
  return parsed.file.text.slice(node.start ?? 0, node.end ?? 0);
}

/** Replaces a statement with blank space that keeps its line breaks, so later lines keep their numbers. */
export function blankOut(context: EditContext, node: Node, note: string): void {
  const text = sourceOf(context.parsed, node);
  const breaks = text.split("\n").length - 1;
  context.replace(node.start ?? 0, node.end ?? 0, `/* klotho: ${note} */${"\n".repeat(breaks)}`);
}
