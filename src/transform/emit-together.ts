import type * as TypeScriptModule from "typescript";
import type { TypeScriptApi } from "./typescript.js";
import { javascriptPath } from "./typescript-paths.js";
type CompilerOptions = TypeScriptModule.CompilerOptions;
type SourceFile = TypeScriptModule.SourceFile;

/** What one file emitted together came out as: its JavaScript and source map text. */
export interface TogetherOutput {
  readonly text: string;
  readonly map: string | undefined;
}

/**
 * The helpers `ts.transpileModule` prepares its one-file program with. They are TypeScript's own
 * (exported by its runtime, not its typings); without any of them nothing is emitted together.
 */
interface TranspileHelpers {
  fixupCompilerOptions(options: CompilerOptions, diagnostics: unknown[]): CompilerOptions;
  transpileOptionValueCompilerOptions: readonly { readonly name: string; readonly transpileOptionValue: unknown }[];
  getSetExternalModuleIndicator(options: CompilerOptions): (file: SourceFile) => void;
  getEmitScriptTarget(options: CompilerOptions): TypeScriptModule.ScriptTarget;
  getNewLineCharacter(options: CompilerOptions): string;
  toPath(fileName: string, basePath: string, getCanonicalFileName: (name: string) => string): TypeScriptModule.Path;
}

function helpersOf(ts: TypeScriptApi): TranspileHelpers | undefined {
  const candidate = ts as unknown as Partial<TranspileHelpers>;
  const functions = [candidate.fixupCompilerOptions, candidate.getSetExternalModuleIndicator, candidate.getEmitScriptTarget, candidate.getNewLineCharacter, candidate.toPath];
  if (functions.some((f) => typeof f !== "function") || !Array.isArray(candidate.transpileOptionValueCompilerOptions)) return undefined;
  return candidate as TranspileHelpers;
}

/**
 * Emits many files in one program, each exactly as `ts.transpileModule` emits it alone: the same
 * option fix-ups, source files made the same way, and module resolution that sees only the importing
 * file, so no file learns another's types (decorator metadata would change). Only ES modules without
 * `declare global`, ambient modules or `///` references go in, so no file can put a name into the
 * global scope the others share; a file left out (not in the result) is for the caller to emit alone.
 * Returns outputs by request; of several files with one path (rewritten apart by two units) only one goes in.
 */
export function emitTogether<File extends { readonly path: string; readonly text: string }>(ts: TypeScriptApi, requested: CompilerOptions, files: readonly File[]): Map<File, TogetherOutput> {
  const outputs = new Map<File, TogetherOutput>();
  const helpers = helpersOf(ts);
  if (!helpers || files.length < 2) return outputs;
  const options = transpileOptions(ts, helpers, requested);
  const canonical = (name: string): string => name;
  const sourceFiles = new Map<string, SourceFile>();
  const requests = new Map<string, File>();
  const outputNames = new Set<string>();
  for (const file of files) {
    const sourceFile = ts.createSourceFile(file.path, file.text, {
      languageVersion: helpers.getEmitScriptTarget(options),
      impliedNodeFormat: ts.getImpliedNodeFormatForFile(helpers.toPath(file.path, "", canonical), undefined, isolatedHost(file.path), options),
      setExternalModuleIndicator: helpers.getSetExternalModuleIndicator(options),
      jsDocParsingMode: ts.JSDocParsingMode.ParseAll,
    });
    const output = javascriptPath(file.path);
    if (!isolatedModule(ts, sourceFile) || sourceFiles.has(file.path) || outputNames.has(output)) continue;
    sourceFiles.set(file.path, sourceFile);
    requests.set(file.path, file);
    outputNames.add(output);
  }
  if (sourceFiles.size < 2) return outputs;
  const written = new Map<string, string>();
  const newLine = helpers.getNewLineCharacter(options);
  const host: TypeScriptModule.CompilerHost = {
    getSourceFile: (name) => sourceFiles.get(name),
    writeFile: (name, text) => written.set(name, text),
    getDefaultLibFileName: () => "lib.d.ts",
    useCaseSensitiveFileNames: () => false,
    getCanonicalFileName: canonical,
    getCurrentDirectory: () => "",
    getNewLine: () => newLine,
    fileExists: () => false,
    readFile: () => "",
    directoryExists: () => true,
    getDirectories: () => [],
    // Each import is resolved as transpileModule's host would: in a world holding only the importing file.
    resolveModuleNameLiterals: (literals, containingFile, _redirect, resolutionOptions) =>
      literals.map((literal) => ts.resolveModuleName(literal.text, containingFile, resolutionOptions, isolatedHost(containingFile))),
  };
  ts.createProgram([...sourceFiles.keys()], options, host).emit();
  for (const [path, file] of requests) {
    const text = written.get(javascriptPath(path));
    if (text !== undefined) outputs.set(file, { text, map: written.get(`${javascriptPath(path)}.map`) });
  }
  return outputs;
}

/** transpileModule's options: the requested ones fixed up, TypeScript's defaults, then the values transpiling forces. */
function transpileOptions(ts: TypeScriptApi, helpers: TranspileHelpers, requested: CompilerOptions): CompilerOptions {
  const options = helpers.fixupCompilerOptions(requested, []);
  const defaults = ts.getDefaultCompilerOptions();
  for (const key of Object.keys(defaults)) if (options[key] === undefined) options[key] = defaults[key];
  for (const option of helpers.transpileOptionValueCompilerOptions) options[option.name] = option.transpileOptionValue as CompilerOptions[string];
  options["suppressOutputPathCheck"] = true;
  options.allowNonTsExtensions = true;
  options.declaration = false;
  options.declarationMap = false;
  return options;
}

/** The module resolution host of transpileModule: only `file` exists. */
function isolatedHost(file: string): TypeScriptModule.ModuleResolutionHost {
  return { fileExists: (name) => name === file, readFile: () => "", directoryExists: () => true, getDirectories: () => [], getCurrentDirectory: () => "", useCaseSensitiveFileNames: false };
}

/** A module that can neither see nor change another file's names: no global declarations, ambient modules or references. */
function isolatedModule(ts: TypeScriptApi, file: SourceFile): boolean {
  if (!ts.isExternalModule(file)) return false;
  if (file.referencedFiles.length > 0 || file.typeReferenceDirectives.length > 0 || file.libReferenceDirectives.length > 0) return false;
  return !file.statements.some((statement) => ts.isModuleDeclaration(statement) && ((statement.flags & ts.NodeFlags.GlobalAugmentation) !== 0 || ts.isStringLiteral(statement.name)));
}
