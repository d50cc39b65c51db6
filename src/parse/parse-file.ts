import { parse, type ParserOptions, type ParserPlugin } from "@babel/parser";
import type { File } from "@babel/types";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceFile } from "../load/project.js";
import { LineIndex } from "../util/line-index.js";
import { isStackOverflow } from "../util/stack-overflow.js";
import { isTypeScriptFile } from "../util/typescript-files.js";

/** A source file with its Babel AST (comments included). */
export interface ParsedFile {
  readonly file: SourceFile;
  readonly ast: File;
  readonly lines: LineIndex;
}

/** The outcome of parsing one file: its AST when it parsed, and any syntax errors. */
export interface ParseResult {
  readonly parsed?: ParsedFile;
  readonly diagnostics: Diagnostic[];
  /** True when the parser ran out of stack: code nested deeper than it follows (see parseFile). */
  readonly tooDeep?: boolean;
}

/** Babel's syntax errors carry a position. */
interface BabelSyntaxError extends Error {
  readonly loc?: { line: number; column: number; index: number };
  readonly reasonCode?: string;
}

/**
 * Parses one file with @babel/parser. Decorators are tried in their legacy (TypeScript/NestJS)
 * form first and in their 2023 form when that fails; a file that parses neither way reports the
 * error of the attempt that got further.
 *
 * The parser descends once per level of nesting, so valid code nested deeper than the stack holds
 * (a generated file's `"a" +` chain of 5,000 strings, 3,000 `else if`s, 600 nested array literals)
 * makes it run out of stack. Such a file is not a syntax error: it is left unread (`tooDeep`), a
 * warning, or an error when it holds annotations klotho would then miss.
 */
export function parseFile(file: SourceFile): ParseResult {
  const lines = new LineIndex(file.text);
  let furthest: BabelSyntaxError | undefined;
  for (const decorators of decoratorVariants) {
    try {
      const ast = parse(file.text, parserOptions(file, decorators));
      const diagnostics = (ast.errors ?? []).map((error) => syntaxDiagnostic(file, lines, error as unknown as BabelSyntaxError));
      return { parsed: { file, ast, lines }, diagnostics };
    } catch (error) {
      if (isStackOverflow(error)) {
        const code = file.text.includes(ANNOTATION_MARKER) ? "parse/too-deep-annotated" : "parse/too-deep";
        return { diagnostics: [createDiagnostic(code, { range: lines.range(file.path, 0, 0) })], tooDeep: true };
      }
      const syntax = error as BabelSyntaxError;
      if (!furthest || (syntax.loc?.index ?? -1) > (furthest.loc?.index ?? -1)) furthest = syntax;
    }
  }
  return { diagnostics: furthest ? [syntaxDiagnostic(file, lines, furthest)] : [] };
}

/** What every annotation starts with: a file or comment without it has none. */
export const ANNOTATION_MARKER = "@klotho::";

const decoratorVariants: readonly ParserPlugin[][] = [
  ["decorators-legacy"],
  [["decorators", { allowCallParenthesized: true }], "decoratorAutoAccessors"],
];

function parserOptions(file: SourceFile, decorators: ParserPlugin[]): ParserOptions {
  const typescript = isTypeScriptFile(file.path);
  const jsx = /\.[jt]sx$/.test(file.path) || /\.[mc]?js$/.test(file.path);
  const plugins: ParserPlugin[] = [...decorators, "importAttributes", "explicitResourceManagement"];
  if (typescript) plugins.push("typescript");
  if (jsx) plugins.push("jsx");
  return {
    sourceType: sourceTypeOf(file, typescript),
    sourceFilename: file.path,
    errorRecovery: true,
    // Comments are attached to nodes only where an annotation will be bound to one (annotations/bind.ts):
    // attaching them costs a tenth of the parse, and nothing else reads them from nodes.
    attachComment: file.text.includes(ANNOTATION_MARKER),
    allowReturnOutsideFunction: file.moduleKind === "cjs" && !typescript,
    allowAwaitOutsideFunction: false,
    plugins,
  };
}

/** TypeScript and ES modules parse as modules; CommonJS JavaScript as a script unless it uses import/export. */
function sourceTypeOf(file: SourceFile, typescript: boolean): ParserOptions["sourceType"] {
  if (typescript || file.moduleKind === "esm") return "module";
  return file.path.endsWith(".cjs") ? "script" : "unambiguous";
}

function syntaxDiagnostic(file: SourceFile, lines: LineIndex, error: BabelSyntaxError): Diagnostic {
  const offset = error.loc?.index ?? 0;
  const message = error.message.replace(/\s*\(\d+:\d+\)$/, "");
  return createDiagnostic("parse/syntax-error", { range: lines.range(file.path, offset, offset) }, READABLE[error.reasonCode ?? ""] ?? message);
}

/** Babel's messages that speak of its own options, as the user can act on them. */
const READABLE: Readonly<Record<string, string>> = {
  ImportAttributesUseAssert:
    "Import attributes are written `with { type: \"json\" }`: Node 22, which execution units run on, no longer accepts `assert { ... }`.",
};
