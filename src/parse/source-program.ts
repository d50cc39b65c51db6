import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/project.js";
import { compareStrings } from "../util/compare.js";
import { parseFile, type ParsedFile } from "./parse-file.js";

/** The project's source files, each parsed the first time a stage asks for it. */
export interface SourceProgram {
  /** The file's AST, parsed on first request; undefined for a path that is not a source file, or a file that does not parse. */
  get(path: string): ParsedFile | undefined;
  /** The files parsed so far, by path. */
  parsed(): ParsedFile[];
  /** The syntax errors of the files parsed so far, in the order they were parsed. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A program over `files` that has parsed nothing yet. */
export function createSourceProgram(files: readonly SourceFile[]): SourceProgram {
  const sources = new Map(files.map((file) => [file.path, file]));
  const results = new Map<string, ParsedFile | undefined>();
  const diagnostics: Diagnostic[] = [];
  return {
    get(path) {
      if (results.has(path)) return results.get(path);
      const file = sources.get(path);
      if (!file) return undefined;
      const result = parseFile(file);
      diagnostics.push(...result.diagnostics);
      results.set(path, result.parsed);
      return result.parsed;
    },
    parsed: () => [...results.values()].filter((parsed) => parsed !== undefined).sort((a, b) => compareStrings(a.file.path, b.file.path)),
    diagnostics,
  };
}
