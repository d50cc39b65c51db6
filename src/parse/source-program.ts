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
  /** The source file at `path` when it was asked for and the parser ran out of stack on it (parseFile): valid code klotho does not read. */
  unread(path: string): SourceFile | undefined;
  /**
   * Runs `work` (the interpreter, which parses modules as it imports them, hundreds deep in a long
   * chain) with files the parser runs out of stack on left unparsed and undecided, not unread: the
   * stack may have been short because of where the parse ran. `deferred` gives them to parse again
   * from a short stack.
   */
  deferringDeepParses<T>(work: () => T): T;
  /** The files left undecided so far (see deferringDeepParses), each once; they are parsed again when next asked for. */
  deferred(): string[];
}

/** A program over `files` that has parsed nothing yet. */
export function createSourceProgram(files: readonly SourceFile[]): SourceProgram {
  const sources = new Map(files.map((file) => [file.path, file]));
  const results = new Map<string, ParsedFile | undefined>();
  const diagnostics: Diagnostic[] = [];
  const tooDeep = new Set<string>();
  const undecided = new Set<string>();
  let deferring = false;
  return {
    get(path) {
      if (results.has(path)) return results.get(path);
      const file = sources.get(path);
      if (!file) return undefined;
      const result = parseFile(file);
      if (result.tooDeep && deferring) {
        undecided.add(path);
        return undefined;
      }
      diagnostics.push(...result.diagnostics);
      results.set(path, result.parsed);
      if (result.tooDeep) tooDeep.add(path);
      return result.parsed;
    },
    unread: (path) => (tooDeep.has(path) ? sources.get(path) : undefined),
    deferringDeepParses(work) {
      const before = deferring;
      deferring = true;
      try {
        return work();
      } finally {
        deferring = before;
      }
    },
    deferred() {
      if (undecided.size === 0) return [];
      const paths = [...undecided];
      undecided.clear();
      return paths;
    },
    parsed: () => [...results.values()].filter((parsed) => parsed !== undefined).sort((a, b) => compareStrings(a.file.path, b.file.path)),
    diagnostics,
  };
}
