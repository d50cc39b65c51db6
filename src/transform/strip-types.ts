import { parse } from "@babel/parser";
import type { ExportNamedDeclaration, File, ImportDeclaration, Node, Statement } from "@babel/types";
import MagicString from "magic-string";
import { VISITOR_KEYS } from "../generated/visitor-keys.js";
import type { ModuleKind } from "../load/project.js";
import { patternNames } from "../parse/bindings.js";
import { isNode } from "../parse/walk.js";
import { firstAtLeast } from "../util/lists.js";
import { outOfStack } from "../util/stack-overflow.js";
import { NAME_KEYS } from "./edits/value-references.js";
import type { ProjectEmitOptions } from "./typescript.js";

/** A TypeScript file's JavaScript made by removing its types, and the source map back to the TypeScript. */
export interface StrippedFile {
  readonly text: string;
  readonly map: string;
}

/** What stripTypes needs of a file: its (rewritten) text, module kind and tsconfig, as the emit gets them. */
export interface StripRequest {
  readonly path: string;
  readonly text: string;
  readonly moduleKind: ModuleKind;
  readonly project?: ProjectEmitOptions;
}

/**
 * The JavaScript of an ES module written in TypeScript, made by deleting its types, where that is
 * exactly what `tsc` would emit for it (the same statements, expressions and bindings; the user's
 * formatting and comments kept): an ES module emitted as one, for ES2022 or later (nothing to lower),
 * with none of the TypeScript that makes JavaScript but two written as tsc writes them (parameter
 * properties, top-level enums of literal members) and none of the rest (other enums, namespaces,
 * decorators, `import =`, `export =`, JSX, `<T>x` assertions). Imports are elided as tsc
 * elides them (a binding read nowhere as a value; `type` imports), and a module left without import
 * or export gets tsc's `export {};`. Undefined for any other file: the caller has TypeScript emit it.
 * Deleting costs about a fifth of TypeScript's emit of a file (0.5 against 2.5 ms for the bench app's)
 * and needs no compiler loaded (0.3-0.45 s). `parsed`: the text's syntax tree when the analysis has it
 * (parsed as a TypeScript module), else it is parsed here.
 */
export function stripTypes(request: StripRequest, parsed?: SyntaxTree): StrippedFile | undefined {
  if (request.moduleKind !== "esm" || !/\.m?ts$/.test(request.path) || request.path.endsWith(".d.ts") || request.path.endsWith(".d.mts")) return undefined;
  const settings = stripSettings(request.project);
  if (!settings) return undefined;
  const ast = parsed ?? parseModule(request);
  // A syntax error, or too deep to parse: TypeScript emits it (and reports what it finds).
  if (!ast || (ast.errors ?? []).length > 0) return undefined;
  const program = ast.program;
  const stripper = new Stripper(request.text, settings);
  // Code nested deeper than the walks follow is TypeScript's (its emitter reports it if it cannot follow it either).
  if (outOfStack(() => stripper.strip(program)) !== true) return undefined;
  const code = stripper.code;
  const output = `${code.toString()}${stripper.needsEmptyExport ? "\nexport {};\n" : ""}`;
  const map = code.generateMap({ source: request.path, file: request.path.replace(/\.(m?)ts$/, ".$1js"), includeContent: true, hires: "boundary" });
  return { text: output, map: map.toString() };
}

/** A file's syntax tree, with the errors Babel recovered from (a tree with any is TypeScript's to emit). */
type SyntaxTree = File & { readonly errors?: readonly unknown[] | null };

/** The file's syntax tree, or undefined where it does not parse. */
function parseModule(request: StripRequest): SyntaxTree | undefined {
  try {
    return parse(request.text, { sourceType: "module", sourceFilename: request.path, plugins: ["typescript", "importAttributes", "explicitResourceManagement"] });
  } catch {
    return undefined;
  }
}

/** How the file's tsconfig has classes' fields emitted: defined (as JavaScript does) or assigned. */
interface StripSettings {
  readonly defineClassFields: boolean;
}

/**
 * The settings under which deleting types is tsc's emit, or undefined: an ES2022 or later target
 * (none: ES2022), and imports elided by use (no `verbatimModuleSyntax`, `preserveValueImports` or
 * `importsNotUsedAsValues` other than `remove`). Class fields are defined unless the tsconfig says
 * otherwise or names no target (then TypeScript's own default target is older than ES2022).
 */
function stripSettings(project: ProjectEmitOptions | undefined): StripSettings | undefined {
  if (!project?.tsconfig) return { defineClassFields: true };
  const written = project.emit ?? {};
  const target = written["target"];
  if (target !== undefined && !(typeof target === "string" && modernTarget(target))) return undefined;
  if (written["verbatimModuleSyntax"] === true || written["preserveValueImports"] === true) return undefined;
  const unused = written["importsNotUsedAsValues"];
  if (unused !== undefined && !(typeof unused === "string" && unused.toLowerCase() === "remove")) return undefined;
  const define = written["useDefineForClassFields"];
  return { defineClassFields: typeof define === "boolean" ? define : target !== undefined };
}

/** ES2022 or later (`esnext` included). */
function modernTarget(target: string): boolean {
  const lower = target.toLowerCase();
  if (lower === "esnext") return true;
  const year = /^es(\d{4})$/.exec(lower)?.[1];
  return year !== undefined && Number(year) >= 2022;
}

/** Nodes whose JavaScript TypeScript makes (or changes): a file holding any is left to it. */
const EMITTING = new Set([
  "TSImportEqualsDeclaration",
  "TSExportAssignment",
  "TSNamespaceExportDeclaration",
  "TSTypeAssertion",
  "Decorator",
  "JSXElement",
  "JSXFragment",
  "ClassAccessorProperty",
]);

/** A character of an identifier or keyword. */
const WORD = /[\p{ID_Continue}$\u200c\u200d]/u;

/** Statements that are only types: deleted whole. */
const TYPE_STATEMENTS = new Set(["TSInterfaceDeclaration", "TSTypeAliasDeclaration", "TSDeclareFunction"]);

/** Statements that may end with an expression: one whose end was deleted gets a `;` (keepEndApart). */
const ENDS_WITH_EXPRESSION = new Set(["ExpressionStatement", "VariableDeclaration", "ReturnStatement", "ThrowStatement", "ExportDefaultDeclaration"]);

/** A `for` loop's declaration (`for (let i: number = 0; ...)`, `for (const x of xs)`): no statement of its own. */
function isForHead(node: Node, parent: Node | undefined): boolean {
  if (parent?.type === "ForStatement") return parent.init === node;
  return (parent?.type === "ForInStatement" || parent?.type === "ForOfStatement") && parent.left === node;
}

/** Statement lists: a deleted statement must not join its neighbours (deleteStatement). */
const STATEMENT_LISTS: Readonly<Record<string, string>> = { Program: "body", BlockStatement: "body", StaticBlock: "body", SwitchCase: "consequent" };

/** Keys of function-like nodes and calls that hold only types. */
const TYPE_KEYS = ["typeParameters", "returnType", "superTypeParameters", "typeAnnotation"] as const;
const TYPE_KEY_NAMES: ReadonlySet<string> = new Set(TYPE_KEYS);

class Stripper {
  readonly code: MagicString;
  /** True when the module's imports and exports were all deleted: tsc then ends it with `export {};`. */
  needsEmptyExport = false;
  private bailed = false;
  /** Names the module declares only as types (interfaces, type aliases, `type` imports): an `export { Name }` of one is deleted. */
  private readonly typeOnlyNames = new Set<string>();
  /** Names of namespaces (`declare namespace N`): whether one is a value is TypeScript's to say, so exporting one is left to it. */
  private readonly namespaceNames = new Set<string>();
  /** How many times each name is bound in the module (moduleNames). */
  private bindingCounts = new Map<string, number>();
  /** Statements deleted whole. */
  private readonly deleted = new Set<Node>();
  /** Where deletions end: a statement whose last tokens were deleted gets a `;` (keepEndApart). */
  private readonly removedEnds = new Set<number>();
  /** Where a `;` was added. */
  private readonly semicolons = new Set<number>();
  /** The constructor parameters that are properties (`private readonly x: T`), their modifiers deleted (parameterProperties). */
  private readonly propertyParameters = new Set<Node>();

  /** Whether `export { name }` exports only a type (deleted); a namespace's name is left to TypeScript. */
  private exportsType(name: string): boolean {
    if (this.namespaceNames.has(name)) this.bail();
    return this.typeOnlyNames.has(name);
  }

  constructor(
    private readonly text: string,
    private readonly settings: StripSettings,
  ) {
    this.code = new MagicString(text);
  }

  /** Deletes the program's types; false when the file is for TypeScript to emit. */
  strip(program: Node & { body: Statement[] }): boolean {
    this.collectTypeOnlyNames(program.body);
    this.elideImports(program.body, moduleNames(program, this.text), directivesOf(program));
    if (this.bailed) return false;
    this.visit(program);
    if (this.bailed) return false;
    // A file without import or export is a script to TypeScript unless it reads `import.meta`: left to it.
    if (!program.body.some(isModuleSyntax)) return false;
    this.needsEmptyExport = !program.body.some((statement) => isModuleSyntax(statement) && !this.deleted.has(statement));
    return true;
  }

  private remove(start: number, end: number): void {
    if (end <= start) return;
    // Between two words a space stays: `a!in b`, `class A<T>extends B`.
    if (WORD.test(this.text[start - 1] ?? "") && WORD.test(this.text[end] ?? "")) this.code.overwrite(start, end, " ");
    else this.code.remove(start, end);
    this.removedEnds.add(end);
  }

  private bail(): void {
    this.bailed = true;
  }

  /** Interfaces, type aliases and `type` imports, unless a value of the same name is declared too. */
  private collectTypeOnlyNames(body: readonly Statement[]): void {
    const values = new Set<string>();
    for (const statement of body) {
      if (statement.type === "ImportDeclaration") {
        for (const specifier of statement.specifiers) {
          const typeOnly = statement.importKind === "type" || statement.importKind === "typeof" || (specifier.type === "ImportSpecifier" && (specifier.importKind === "type" || specifier.importKind === "typeof"));
          if (typeOnly) this.typeOnlyNames.add(specifier.local.name);
        }
        continue;
      }
      const declaration = statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" ? statement.declaration : statement;
      if (!declaration) continue;
      if ((declaration.type === "TSInterfaceDeclaration" || declaration.type === "TSTypeAliasDeclaration") && declaration.id.type === "Identifier") this.typeOnlyNames.add(declaration.id.name);
      else if (declaration.type === "TSModuleDeclaration" && declaration.id.type === "Identifier") this.namespaceNames.add(declaration.id.name);
      else for (const name of declaredValueNames(declaration)) values.add(name);
    }
    for (const name of values) this.typeOnlyNames.delete(name);
  }

  /**
   * Deletes the import bindings tsc elides: `type` ones and those no value reads; a declaration left
   * with none is deleted whole (a side-effect import `import "x"` stays). A binding whose name the
   * module also declares elsewhere is left for TypeScript, which follows scopes.
   */
  private elideImports(body: readonly Statement[], names: ModuleNames, directives: readonly Node[]): void {
    this.bindingCounts = names.bindings;
    for (const statement of body) {
      if (statement.type !== "ImportDeclaration") continue;
      if (statement.importKind === "type" || statement.importKind === "typeof") {
        this.deleteStatement(statement, body, directives);
        continue;
      }
      if (statement.specifiers.length === 0) {
        // `import "x"` runs the module and stays; `import {} from "x"` is left to TypeScript.
        if (this.text.slice(statement.start ?? 0, statement.source.start ?? 0).includes("{")) this.bail();
        continue;
      }
      if (statement.phase) this.bail();
      const kept = statement.specifiers.filter((specifier) => {
        if (specifier.type === "ImportSpecifier" && (specifier.importKind === "type" || specifier.importKind === "typeof")) return false;
        const name = specifier.local.name;
        if ((names.bindings.get(name) ?? 0) > 1) this.bail();
        return names.reads.has(name);
      });
      if (kept.length === statement.specifiers.length) continue;
      if (kept.length === 0) this.deleteStatement(statement, body, directives);
      else this.rewriteImportClause(statement, kept);
    }
  }

  /** `import a, { b as c } from "x"` with only `kept` of its bindings (the rest of the statement as written). */
  private rewriteImportClause(statement: ImportDeclaration, kept: ImportDeclaration["specifiers"]): void {
    const slice = (node: Node): string => this.text.slice(node.start ?? 0, node.end ?? 0);
    const first = kept.find((s) => s.type !== "ImportSpecifier");
    const named = kept.filter((s) => s.type === "ImportSpecifier");
    const parts = [...(first ? [slice(first)] : []), ...(named.length > 0 ? [`{ ${named.map(slice).join(", ")} }`] : [])];
    this.code.overwrite(statement.start ?? 0, statement.source.start ?? 0, `import ${parts.join(", ")} from `);
  }

  /** `export { a, type B }` and `export { B }` of a type-only name, without them; deleted whole when none is left. */
  private stripExportSpecifiers(statement: ExportNamedDeclaration, body: readonly Statement[], directives: readonly Node[]): void {
    if (statement.specifiers.length === 0) {
      // `export {}` is left to TypeScript.
      this.bail();
      return;
    }
    const kept = statement.specifiers.filter((specifier) => {
      if (specifier.type !== "ExportSpecifier") return true;
      if (specifier.exportKind === "type") return false;
      return statement.source || specifier.local.type !== "Identifier" || !this.exportsType(specifier.local.name);
    });
    if (kept.length === statement.specifiers.length) return;
    if (kept.length === 0) {
      this.deleteStatement(statement, body, directives);
      return;
    }
    if (kept.some((s) => s.type !== "ExportSpecifier")) {
      this.bail();
      return;
    }
    const end = statement.source ? (statement.source.start ?? 0) : (statement.end ?? 0);
    const tail = statement.source ? " from " : /;\s*$/.test(this.text.slice(statement.start ?? 0, statement.end ?? 0)) ? ";" : "";
    this.code.overwrite(statement.start ?? 0, end, `export { ${kept.map((s) => this.text.slice(s.start ?? 0, s.end ?? 0)).join(", ")} }${tail}`);
  }

  /** Deletes a statement of `list`, leaving `;` where the statement before it has none (the next could join it). */
  private deleteStatement(statement: Node, list: readonly Node[], directives: readonly Node[] = []): void {
    this.deleted.add(statement);
    const index = list.indexOf(statement);
    // A first statement follows the directives (`'use client'`), which end without `;` as often as not.
    const before = index > 0 ? list[index - 1] : directives[directives.length - 1];
    const joinable = before !== undefined && !this.deleted.has(before) && !this.text.slice(before.start ?? 0, before.end ?? 0).trimEnd().endsWith(";");
    if (joinable) this.code.overwrite(statement.start ?? 0, statement.end ?? 0, ";");
    else this.code.remove(...this.wholeLines(statement.start ?? 0, statement.end ?? 0));
  }

  /** [start, end), with its indentation and line break when it fills its lines: a deleted statement leaves no blank line. */
  private wholeLines(start: number, end: number): [number, number] {
    let from = start;
    while (from > 0 && (this.text[from - 1] === " " || this.text[from - 1] === "\t")) from--;
    let to = end;
    while (this.text[to] === " " || this.text[to] === "\t") to++;
    if (this.text[to] === "\r") to++;
    const fills = (from === 0 || this.text[from - 1] === "\n") && this.text[to] === "\n";
    return fills ? [from, to + 1] : [start, end];
  }

  private visit(node: Node, parent?: Node): void {
    if (this.bailed) return;
    if (EMITTING.has(node.type) || hasDecorators(node) || (node.type === "VariableDeclaration" && (node.kind === "using" || node.kind === "await using"))) {
      this.bail();
      return;
    }
    switch (node.type) {
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
        this.visit(node.expression, node);
        this.removeAfter(node.expression, node.end ?? 0, node.type === "TSAsExpression" ? "as" : node.type === "TSSatisfiesExpression" ? "satisfies" : "!");
        return;
      case "TSInstantiationExpression":
        this.visit(node.expression, node);
        if (node.typeParameters) this.remove(node.typeParameters.start ?? 0, node.typeParameters.end ?? 0);
        return;
      case "Identifier":
        this.stripIdentifier(node, parent);
        return;
      case "ObjectPattern":
      case "ArrayPattern":
      case "RestElement":
        if (node.optional) this.bail();
        break;
      case "ClassBody":
        if (parent && (parent.type === "ClassDeclaration" || parent.type === "ClassExpression")) this.parameterProperties(node, parent.superClass !== null && parent.superClass !== undefined);
        this.classBody(node.body);
        return;
      case "TSEnumDeclaration":
        this.enumDeclaration(node, parent);
        return;
      case "TSParameterProperty":
        // Its modifiers went with parameterProperties; anywhere else it is TypeScript's.
        if (!this.propertyParameters.has(node)) this.bail();
        else this.visit(node.parameter, node);
        return;
      case "ClassMethod":
      case "ClassPrivateMethod":
        if (node.optional || (node.type === "ClassMethod" && node.abstract)) this.bail();
        this.stripMemberModifiers(node, node.key);
        break;
      case "ClassDeclaration":
      case "ClassExpression":
        if (node.type === "ClassDeclaration" && node.abstract) this.removeKeyword(node.start ?? 0, "abstract");
        if (node.implements && node.implements.length > 0) {
          // Before the first type, whose name may start with `implements` too.
          const keyword = this.text.lastIndexOf("implements", (node.implements[0]?.start ?? 0) - 1);
          this.remove(keyword, node.implements[node.implements.length - 1]?.end ?? 0);
        }
        break;
      case "ArrowFunctionExpression":
        if (node.returnType) this.checkArrowReturnType(node.returnType, node.body);
        // `return <T,>\n(x: T) => x` would return nothing once `<T,>` is gone.
        if (node.typeParameters && this.text.slice(node.typeParameters.end ?? 0, this.text.indexOf("(", node.typeParameters.end ?? 0)).includes("\n")) this.bail();
        break;
      default:
        break;
    }
    for (const key of TYPE_KEYS) {
      const value = (node as unknown as Record<string, Node | null | undefined>)[key];
      if (value) this.remove(value.start ?? 0, value.end ?? 0);
    }
    const listKey = STATEMENT_LISTS[node.type];
    for (const key of VISITOR_KEYS[node.type] ?? []) {
      if (TYPE_KEY_NAMES.has(key) || key === "implements") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (key === "decorators") {
        if (Array.isArray(value) && value.length > 0) this.bail();
        continue;
      }
      if (key === listKey && Array.isArray(value)) this.statementList(value as Node[], node);
      else if (Array.isArray(value)) for (const item of value) this.visitChild(item, node);
      else this.visitChild(value, node);
    }
    if (ENDS_WITH_EXPRESSION.has(node.type) && !isForHead(node, parent)) this.keepEndApart(node);
  }

  private visitChild(value: unknown, parent: Node): void {
    if (isNode(value)) this.visit(value, parent);
  }

  /**
   * Deletes from the end of `expression` (after the parentheses around it, which Babel's node leaves
   * out: `(a || b) as T`) to `end`, where `keyword` follows; anything else between (a comment) is left to TypeScript.
   */
  private removeAfter(expression: Node, end: number, keyword: string): void {
    let at = expression.end ?? 0;
    let from = at;
    while (at < end && /[\s)]/.test(this.text[at] ?? "")) {
      if (this.text[at] === ")") from = at + 1;
      at++;
    }
    if (!this.text.startsWith(keyword, at)) this.bail();
    else this.remove(from, end);
  }

  /** `name?: T` → `name` (a parameter's, a variable's, a catch clause's); a `this` parameter is left to TypeScript. */
  private stripIdentifier(node: Extract<Node, { type: "Identifier" }>, parent: Node | undefined): void {
    if (node.name === "this" && parent && isFunctionLike(parent)) {
      this.bail();
      return;
    }
    if (!node.typeAnnotation && !node.optional) return;
    const start = node.start ?? 0;
    // A name written with escapes (`\u0061`) is longer in the text than its name.
    if (this.text.slice(start, start + node.name.length) !== node.name) this.bail();
    else this.remove(start + node.name.length, node.end ?? 0);
  }

  /** `(a)\n: T => a` would leave a line break before `=>`, which JavaScript does not allow. */
  private checkArrowReturnType(returnType: Node, body: Node): void {
    const arrow = this.text.indexOf("=>", returnType.end ?? 0);
    const close = this.text.lastIndexOf(")", returnType.start ?? 0);
    const between = this.text.slice(close, returnType.start ?? 0) + this.text.slice(returnType.end ?? 0, arrow);
    if (arrow < 0 || arrow > (body.start ?? 0) || between.includes("\n")) this.bail();
  }

  /** A list of statements: type-only ones deleted, the rest visited. */
  private statementList(list: readonly Node[], parent: Node): void {
    const directives = directivesOf(parent);
    for (const statement of list) {
      if (this.deleted.has(statement)) continue;
      if (this.isTypeOnlyStatement(statement)) {
        this.deleteStatement(statement, list, directives);
        continue;
      }
      if (statement.type === "ExportNamedDeclaration" && !statement.declaration) {
        this.stripExportSpecifiers(statement, list as Statement[], directives);
        continue;
      }
      if (statement.type === "ExportDefaultDeclaration" && statement.declaration.type === "Identifier" && this.exportsType(statement.declaration.name)) {
        this.deleteStatement(statement, list, directives);
        continue;
      }
      if (statement.type === "ImportDeclaration") continue;
      this.visit(statement, parent);
    }
  }

  /**
   * A top-level enum of literal members as tsc emits it, on the enum's own lines: `var Level; (function
   * (Level) { Level[Level["Low"] = 0] = "Low"; Level["Name"] = "x"; })(Level || (Level = {}));` with
   * each member's value folded (the one before it plus one, when it has none). A `const` enum too:
   * emitting one file on its own (isolated modules, as klotho's emit does), tsc writes it so and does
   * not inline its uses. One declared twice (merged), one inside a function, or a member whose value
   * is not a number or string literal is left to TypeScript.
   */
  private enumDeclaration(node: Extract<Node, { type: "TSEnumDeclaration" }>, parent: Node | undefined): void {
    const name = node.id.name;
    const topLevel = parent?.type === "Program" || (parent?.type === "ExportNamedDeclaration" && parent.declaration === node);
    if (!topLevel || (this.bindingCounts.get(name) ?? 0) !== 1) {
      this.bail();
      return;
    }
    // The body's brace, past any comment after the name (which may hold a `{` of its own).
    const open = this.skipTrivia(node.id.end ?? 0);
    if (this.text[open] !== "{") {
      this.bail();
      return;
    }
    const edits: [number, number, string][] = [[node.start ?? 0, open + 1, `var ${name}; (function (${name}) {`]];
    let next: number | undefined = 0;
    for (const member of node.members) {
      const key = member.id.type === "Identifier" ? member.id.name : member.id.value;
      const value: number | string | undefined = member.initializer ? literalValue(member.initializer) : next;
      if (value === undefined) {
        this.bail();
        return;
      }
      const quoted = JSON.stringify(key);
      edits.push([member.start ?? 0, member.end ?? 0, typeof value === "number" ? `${name}[${name}[${quoted}] = ${String(value)}] = ${quoted};` : `${name}[${quoted}] = ${JSON.stringify(value)};`]);
      next = typeof value === "number" ? value + 1 : undefined;
      // The comma after the member (past any comments) goes.
      const comma = this.skipTrivia(member.end ?? 0);
      if (this.text[comma] === ",") edits.push([comma, comma + 1, ""]);
    }
    edits.push([(node.end ?? 0) - 1, node.end ?? 0, `})(${name} || (${name} = {}));`]);
    for (const [start, end, text] of edits) {
      if (text === "") this.code.remove(start, end);
      else this.code.overwrite(start, end, text);
    }
  }

  /** The offset of the first character at or after `from` that is neither white space nor in a comment. */
  private skipTrivia(from: number): number {
    let at = from;
    for (;;) {
      while (/\s/.test(this.text[at] ?? "")) at++;
      if (this.text.startsWith("//", at)) at = this.text.indexOf("\n", at) < 0 ? this.text.length : this.text.indexOf("\n", at);
      else if (this.text.startsWith("/*", at)) at = this.text.indexOf("*/", at) < 0 ? this.text.length : this.text.indexOf("*/", at) + 2;
      else return at;
    }
  }

  /**
   * A constructor's parameter properties as tsc emits them for defined fields: a field of each name
   * first in the class (`x;`), and `this.x = x;` first in the constructor, after its directives, or,
   * in a class that extends another, after its `super(...)` statement (one nested in a block or an
   * expression is left to TypeScript).
   */
  private parameterProperties(body: Extract<Node, { type: "ClassBody" }>, extendsAnother: boolean): void {
    const constructor = body.body.find((member) => member.type === "ClassMethod" && member.kind === "constructor" && member.params.some((param) => param.type === "TSParameterProperty"));
    if (constructor?.type !== "ClassMethod") return;
    // `'constructor'(...)`: tsc writes the name as an identifier; left to it.
    if (!this.settings.defineClassFields || constructor.key.type !== "Identifier") {
      this.bail();
      return;
    }
    const names: string[] = [];
    for (const param of constructor.params) {
      if (param.type !== "TSParameterProperty") continue;
      const binding = param.parameter.type === "AssignmentPattern" ? param.parameter.left : param.parameter;
      if (binding.type !== "Identifier" || hasDecorators(param)) {
        this.bail();
        return;
      }
      names.push(binding.name);
      this.propertyParameters.add(param);
      this.remove(param.start ?? 0, param.parameter.start ?? 0);
    }
    const block = constructor.body;
    const statements: readonly Node[] = block.body;
    const superCall = statements.find((statement) => statement.type === "ExpressionStatement" && statement.expression.type === "CallExpression" && statement.expression.callee.type === "Super");
    if (extendsAnother && !superCall) {
      // A `super()` inside a condition or an expression: where tsc puts the assignments is its to say.
      this.bail();
      return;
    }
    const after = superCall ?? block.directives[block.directives.length - 1];
    const at = after ? (after.end ?? 0) : (block.start ?? 0) + 1;
    const semicolon = after && !this.text.slice(after.start ?? 0, after.end ?? 0).trimEnd().endsWith(";") ? ";" : "";
    this.code.appendLeft((body.start ?? 0) + 1, names.map((name) => ` ${name};`).join(""));
    const closes = this.text[at] === "}" ? " " : "";
    this.code.appendLeft(at, `${semicolon}${names.map((name) => ` this.${name} = ${name};`).join("")}${closes}`);
  }

  /** A class's members: declarations without JavaScript deleted (`declare`, `abstract`, overloads, index signatures), the rest stripped. */
  private classBody(members: readonly Node[]): void {
    for (const member of members) {
      if (member.type === "TSDeclareMethod" || member.type === "TSIndexSignature" || (member.type === "ClassProperty" && (member.declare === true || member.abstract === true))) {
        this.deleteStatement(member, members);
        continue;
      }
      if (member.type === "ClassProperty" || member.type === "ClassPrivateProperty") this.classField(member);
      else this.visit(member);
    }
  }

  /** A field: its modifiers and type deleted, its initializer stripped; a field ends with `;` where its type ended it. */
  private classField(field: Extract<Node, { type: "ClassProperty" | "ClassPrivateProperty" }>): void {
    if (!this.settings.defineClassFields || hasDecorators(field)) {
      // Assigned in the constructor as tsc emits fields then; decorated, with tsc's calls.
      this.bail();
      return;
    }
    this.stripMemberModifiers(field, field.key);
    const computed = field.type === "ClassProperty" && field.computed;
    if (computed) this.visit(field.key, field);
    if ((field.type === "ClassProperty" && (field.optional || field.definite)) && !field.typeAnnotation) {
      this.bail();
      return;
    }
    if (field.typeAnnotation) {
      const nameEnd = computed ? this.text.indexOf("]", field.key.end ?? 0) + 1 : (field.key.end ?? 0);
      this.remove(nameEnd, field.typeAnnotation.end ?? 0);
    }
    if (field.value) this.visit(field.value, field);
    this.keepEndApart(field);
  }

  /** A statement or field whose last tokens were deleted (`let a: T`, `b as T`) and has no `;` gets one, so the next line cannot join it. */
  private keepEndApart(statement: Node): void {
    const end = statement.end ?? 0;
    if (!this.removedEnds.has(end) || this.semicolons.has(end)) return;
    if (this.text.slice(statement.start ?? 0, end).trimEnd().endsWith(";")) return;
    this.code.appendLeft(end, ";");
    this.semicolons.add(end);
  }

  private isTypeOnlyStatement(statement: Node): boolean {
    if (TYPE_STATEMENTS.has(statement.type)) return true;
    if ("declare" in statement && statement.declare === true) return true;
    if (statement.type === "TSModuleDeclaration") {
      // `namespace A {}` has JavaScript (or may have): TypeScript emits it.
      if (!statement.declare) this.bail();
      return true;
    }
    if (statement.type === "ExportNamedDeclaration") {
      if (statement.exportKind === "type" && !statement.declaration) return true;
      return statement.declaration ? this.isTypeOnlyStatement(statement.declaration) : false;
    }
    if (statement.type === "ExportDefaultDeclaration") return TYPE_STATEMENTS.has((statement.declaration as Node).type);
    if (statement.type === "ExportAllDeclaration") return statement.exportKind === "type";
    return false;
  }

  /** `public`, `private`, `protected`, `readonly`, `override` before a member's name deleted (`static`, `async`, `get`, `set`, `*` kept). */
  private stripMemberModifiers(member: Node, key: Node): void {
    const start = member.start ?? 0;
    const keyStart = (member.type === "ClassMethod" || member.type === "ClassProperty") && member.computed ? this.text.lastIndexOf("[", key.start ?? 0) : (key.start ?? 0);
    const prefix = this.text.slice(start, keyStart);
    if (/\/[/*]/.test(prefix)) {
      this.bail();
      return;
    }
    const modifier = /\b(public|private|protected|readonly|override)\b\s*/g;
    for (let match = modifier.exec(prefix); match; match = modifier.exec(prefix)) this.remove(start + match.index, start + match.index + match[0].length);
  }

  /** Deletes `keyword` and the space after it where it starts at or after `from` (`abstract class`). */
  private removeKeyword(from: number, keyword: string): void {
    const at = this.text.indexOf(keyword, from);
    const space = /^\s*/.exec(this.text.slice(at + keyword.length))?.[0].length ?? 0;
    this.remove(at, at + keyword.length + space);
  }
}

/** An enum member's value when its initializer is a number (`5`, `-1`, `0x10`) or string literal; undefined for any other. */
function literalValue(initializer: Node): number | string | undefined {
  if (initializer.type === "StringLiteral") return initializer.value;
  const negative = initializer.type === "UnaryExpression" && initializer.operator === "-";
  const literal = negative ? initializer.argument : initializer;
  if (literal.type !== "NumericLiteral") return undefined;
  const value = negative ? -literal.value : literal.value;
  // A value tsc would print otherwise (`1e+21`, `-0`) is left to it.
  return Number.isFinite(value) && !/e/i.test(String(value)) && !Object.is(value, -0) ? value : undefined;
}

/** Decorators on a class, member or parameter: TypeScript emits their calls. */
function hasDecorators(node: Node): boolean {
  const decorators = (node as { decorators?: unknown }).decorators;
  return Array.isArray(decorators) && decorators.length > 0;
}

/** The directives (`"use strict"`) before a program's or function body's statements. */
function directivesOf(node: Node): readonly Node[] {
  return node.type === "Program" || node.type === "BlockStatement" ? node.directives : [];
}

function isModuleSyntax(statement: Node): boolean {
  return statement.type === "ImportDeclaration" || statement.type === "ExportNamedDeclaration" || statement.type === "ExportDefaultDeclaration" || statement.type === "ExportAllDeclaration";
}

function isFunctionLike(node: Node): node is Extract<Node, { params: unknown }> & { returnType?: Node | null; body: Node } {
  return ["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression", "ObjectMethod", "ClassMethod", "ClassPrivateMethod"].includes(node.type);
}

/** The names a declaration binds as values (a class, function or variable). */
function declaredValueNames(declaration: Node): string[] {
  if ((declaration.type === "ClassDeclaration" || declaration.type === "FunctionDeclaration" || declaration.type === "TSDeclareFunction" || declaration.type === "TSEnumDeclaration") && declaration.id?.type === "Identifier") return [declaration.id.name];
  if (declaration.type === "VariableDeclaration") return declaration.declarations.flatMap((d) => patternNames(d.id));
  return [];
}

function visitIfNode(value: unknown, visit: (node: Node) => void): void {
  if (isNode(value)) visit(value);
}

/** Subtrees that hold only types: nothing in them reads a value. */
const TYPE_ONLY = new Set(["TSTypeAnnotation", "TSTypeParameterDeclaration", "TSTypeParameterInstantiation", "TSInterfaceDeclaration", "TSTypeAliasDeclaration", "TSDeclareFunction", "TSIndexSignature", "TSClassImplements", "TSExpressionWithTypeArguments", "ImportDeclaration"]);

/** The keys of the computed members of types (`{ [k]: T }`, `[Symbol.iterator](): T`) in a type's subtree. */
function computedTypeKeys(root: Node): Node[] {
  const keys: Node[] = [];
  const visit = (node: Node): void => {
    if ((node.type === "TSPropertySignature" || node.type === "TSMethodSignature") && node.computed) keys.push(node.key);
    for (const child of VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[child];
      if (Array.isArray(value)) for (const item of value) visitIfNode(item, visit);
      else visitIfNode(value, visit);
    }
  };
  visit(root);
  return keys;
}

/**
 * computedTypeKeys for the types of a text, walking only a type whose text holds a `[`: a computed
 * key is written in brackets, and most types (`: string`, `<T>`) have none.
 */
function computedKeysIn(text: string): (type: Node) => readonly Node[] {
  const brackets: number[] = [];
  for (let at = text.indexOf("["); at >= 0; at = text.indexOf("[", at + 1)) brackets.push(at);
  const holdsBracket = spansAny(brackets);
  return (type) => (holdsBracket(type) ? computedTypeKeys(type) : []);
}

/** Whether a node's range holds one of the sorted `offsets`: a binary search for the first at or after its start. */
function spansAny(offsets: readonly number[]): (node: Node) => boolean {
  return (node) => {
    const offset = offsets[firstAtLeast(offsets, node.start ?? 0)];
    return offset !== undefined && offset < (node.end ?? 0);
  };
}

/** What one walk over a module finds of its names (moduleNames). */
interface ModuleNames {
  /** The names it reads as values: an import binding none of them names is one tsc elides. */
  readonly reads: Set<string>;
  /** How many times each name is bound (imports, declarations, parameters, catch clauses). */
  readonly bindings: Map<string, number>;
}

/**
 * The names a module reads as values and binds, of those the stripper asks about: its imports' (is each
 * read, and bound again?) and its top-level enums' (bound once?). Reads: outside types and imports;
 * `export { a }` reads `a` (tsc, seeing one file, keeps its import); a type's computed key
 * (`{ [k]: number }`) reads `k` (tsc keeps its import too). Names bound here count as reads too, and an
 * import whose name is bound again is left to TypeScript, which follows scopes (elideImports).
 * Declarations TypeScript drops (`declare`) neither read nor bind.
 *
 * The stripper's own walk visits every node; this one goes only into the nodes whose text holds one of
 * those names as a word (namedIn), where any read or binding of them is. A text that writes a name with
 * escapes (`\u0061`) could hide one, so there it walks the whole module.
 */
function moduleNames(program: Node & { body: Statement[] }, text: string): ModuleNames {
  const reads = new Set<string>();
  const bindings = new Map<string, number>();
  const holdsName = text.includes("\\u") ? () => true : namedIn(text, askedNames(program.body));
  const computedKeys = computedKeysIn(text);
  const bind = (names: readonly string[]): void => {
    for (const name of names) bindings.set(name, (bindings.get(name) ?? 0) + 1);
  };
  const visitKeys = (type: Node): void => {
    for (const computed of computedKeys(type)) visit(computed, undefined, undefined);
  };
  // A child under a type key (`typeAnnotation`, `implements`...) is a type: only its computed keys are read.
  const visitChild = (value: unknown, parent: Node, key: string, type: boolean): void => {
    if (!isNode(value)) return;
    if (type) visitKeys(value);
    else visit(value, parent, key);
  };
  const visit = (node: Node, parent: Node | undefined, key: string | undefined): void => {
    if (("declare" in node && node.declare === true) || !holdsName(node)) return;
    if (node.type === "ImportDeclaration") {
      bind(node.specifiers.map((specifier) => specifier.local.name));
      return;
    }
    // `export { a } from "./x"` names another module's export, not a binding of this one; `export type { A }` and `export { type A }` read no value.
    if ((node.type === "ExportNamedDeclaration" || node.type === "ExportAllDeclaration") && (node.source || (node.exportKind === "type" && !("declaration" in node && node.declaration)))) return;
    if (node.type === "ExportSpecifier" && node.exportKind === "type") return;
    // A type reads no value, but for its computed keys.
    if (TYPE_ONLY.has(node.type)) {
      visitKeys(node);
      return;
    }
    bind(boundNames(node));
    if (node.type === "Identifier") {
      const skipped = parent && !("computed" in parent && parent.computed === true) ? NAME_KEYS[parent.type] : undefined;
      const exportedName = parent?.type === "ExportSpecifier" && key === "exported";
      const shorthandValue = parent?.type === "ObjectProperty" && parent.shorthand && key === "key";
      const isName = skipped !== undefined && skipped === key && !shorthandValue;
      if (!isName && !exportedName) reads.add(node.name);
    }
    for (const child of VISITOR_KEYS[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[child];
      const types = TYPE_KEY_NAMES.has(child) || child === "implements";
      if (Array.isArray(value)) for (const item of value) visitChild(item, node, child, types);
      else visitChild(value, node, child, types);
    }
  };
  visit(program, undefined, undefined);
  return { reads, bindings };
}

/** The names moduleNames is asked about: the module's import bindings and the names of its top-level enums. */
function askedNames(body: readonly Statement[]): Set<string> {
  const names = new Set<string>();
  for (const statement of body) {
    if (statement.type === "ImportDeclaration") for (const specifier of statement.specifiers) names.add(specifier.local.name);
    const declaration = statement.type === "ExportNamedDeclaration" ? statement.declaration : statement;
    if (declaration?.type === "TSEnumDeclaration") names.add(declaration.id.name);
  }
  return names;
}

/** Whether a node's text holds one of `names` as a word: the offsets where each is written, not inside a longer word (spansAny). */
function namedIn(text: string, names: ReadonlySet<string>): (node: Node) => boolean {
  const offsets: number[] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (!WORD.test(text[at - 1] ?? "") && !WORD.test(text[at + name.length] ?? "")) offsets.push(at);
    }
  }
  return spansAny(offsets.sort((a, b) => a - b));
}

/** The names `node` itself binds: a variable's, a function's or class's own name, a catch clause's, parameters. */
function boundNames(node: Node): string[] {
  const names: string[] = [];
  if (node.type === "VariableDeclarator") names.push(...patternNames(node.id));
  if ((node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ClassDeclaration" || node.type === "ClassExpression" || node.type === "TSEnumDeclaration") && node.id?.type === "Identifier") names.push(node.id.name);
  if (node.type === "CatchClause" && node.param) names.push(...patternNames(node.param));
  if ("params" in node && Array.isArray(node.params)) for (const param of node.params as Node[]) names.push(...patternNames(param.type === "TSParameterProperty" ? param.parameter : param));
  return names;
}
