import type { CallExpression, Decorator, NewExpression, Node, OptionalCallExpression } from "@babel/types";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { SourceRange } from "../../util/source-range.js";
import type { Fact } from "../fact.js";
import type { FunctionValue, ObjectRef, Value } from "../interpreter/values.js";
import type { RunStateKey } from "./run-state.js";

/** What an extractor can do while the interpreter runs: locate nodes, record facts, create objects. */
export interface ExtractorContext {
  /** Project-relative path of the file being evaluated. */
  readonly file: string;
  range(node: Node): SourceRange;
  emit(fact: Fact): void;
  report(diagnostic: Diagnostic): void;
  /**
   * A new object created at `node` (its id is the allocation site, and `key` when one site makes several
   * objects that must stay apart: the instance `register()` makes for each plugin it is given in a loop).
   */
  newObject(tag: string, node: Node, key?: string): ObjectRef;
  /** The node whose child `node` is in the file's AST (undefined for the program). */
  readonly parent: (node: Node) => Node | undefined;
  /** Runs a function of the program with `args`, as a library would call it (a Fastify plugin); its result. */
  invoke(fn: FunctionValue, args: readonly Value[]): Value;
  /**
   * The call that is running the function `fn` (its node), when `fn` is the innermost function
   * running and a call written in the program runs it; undefined for a library's callback, a
   * function analysed on its own with unknown arguments, or code outside `fn`.
   */
  callSite(fn: Node): SourceRange | undefined;
  /**
   * True when the code running now was called, through any chain of calls, by code written in another
   * file than `file`: it runs where that code runs, not whenever `file` loads (as its top-level code,
   * the functions it calls itself, and a library's callbacks of it do).
   */
  calledFromAnotherFile(file: string): boolean;
  /**
   * The values the call written at `call` in this file was last given: those of the wrapper call
   * `asyncHandler(billing.pay)` when the route it is an argument of is registered. Undefined for a call not yet run.
   */
  argumentsOf(call: Node): readonly Value[] | undefined;
  /**
   * The value an identifier or a chain of property reads written in `fn` (`billing.pay`, `pay`) has when `fn`
   * runs, its first name looked up where `fn` was made; unknown for any other expression. Reading runs no code
   * but getters, as the interpreter's own reads do; the caller makes sure the name is not one of `fn`'s own.
   */
  readName(node: Node, fn: FunctionValue): Value;
  /**
   * The call written in the program that made `value` (its node and file): for a function, the outermost call
   * that returned it having created it while it ran (`asyncHandler(async (req, res) => ...)`, the wrapper's
   * closure); for an unknown value, the call of a package's function given a function. Undefined for any other value.
   */
  madeBy(value: Value): { readonly node: Node; readonly file: string } | undefined;
  /**
   * The entries of a project folder (project-relative), sorted, as the project loader saw them
   * (interpreter/folder-listing.ts); undefined for a folder the project does not hold.
   */
  listFolder(folder: string, recursive: boolean): readonly string[] | undefined;
  /**
   * Runs the project module `file` as one this file loads by a path a library computes when the app runs (an
   * ORM's entity glob, a migrations folder): it runs once, as if imported, and this file's units carry it as code.
   * False when `file` is no module of the project (a data file, a declaration file).
   */
  loadModule(file: string): boolean;
  /**
   * This analysis's state for `key` (run-state.ts): what an extractor keeps across calls lives here, not in
   * its module, so nothing one analysis saw reaches the next one the process runs.
   */
  runState<T>(key: RunStateKey<T>): T;
}

/** Where a module is imported (the import statement or `require` call) or a property is read (its key), in the file being evaluated. */
export interface Site {
  readonly node: Node;
  readonly ctx: ExtractorContext;
}

/** A call, plain (`f()`) or optional (`f?.()`, `o?.m()`). */
export type CallNode = CallExpression | OptionalCallExpression;

/**
 * One extractor per fact kind (or library): it teaches the interpreter what a library's values
 * are and records facts when the program uses them. Every hook is optional; returning
 * `undefined` lets the next extractor (or the interpreter's default) decide.
 */
export interface Extractor {
  readonly meta: { readonly kind: string; readonly description: string };
  /**
   * The packages `module` answers for (`node:` prefix removed): it is asked about these only, and a
   * file importing none of any extractor's packages may be left unread (facts/roots.ts).
   */
  readonly packages?: readonly string[];
  /** The value of `require(specifier)` / `import ... from specifier` for one of its `packages`. */
  module?(specifier: string, site: Site): Value | undefined;
  /** The value of `object.property`; `site` is given when the read is written in the code (not a copy or spread). */
  member?(object: Value, property: string, site?: Site): Value | undefined;
  /** The values `member` acts on, as `methodCalls` for `method`: reads of a property of a value of one of `tags`. */
  readonly memberReads?: { readonly tags: readonly string[] };
  /** The value of calling `callee` (not a method call). */
  call?(callee: Value, args: readonly Value[], node: CallNode, ctx: ExtractorContext): Value | undefined;
  /** The values `call` acts on, as `methodCalls` for `method`: calls of a value of one of `tags`. */
  readonly callees?: { readonly tags: readonly string[] };
  /**
   * Called when a call written in the program of one of the program's own functions (`getUser(id)`,
   * `repo.find(id)`) has run, with what it returned.
   */
  returned?(result: Value, node: CallNode, ctx: ExtractorContext): void;
  /** The value of `new callee(...)`. */
  construct?(callee: Value, args: readonly Value[], node: NewExpression, ctx: ExtractorContext): Value | undefined;
  /** The value of `object.method(...)`. */
  method?(object: Value, method: string, args: readonly Value[], node: CallNode, ctx: ExtractorContext): Value | undefined;
  /**
   * The method calls `method` acts on, so that it is asked about those only (interpreter/extractor-hooks.ts):
   * calls on a value of one of `tags` (an object's tag or a special value's), and calls of a method named
   * in `names` on any value. Left out, `method` is asked about every method call the program makes.
   */
  readonly methodCalls?: { readonly tags: readonly string[]; readonly names?: readonly string[] };
  /** Called once a module has run, with what it exports (`[name, value]`; CommonJS: `module.exports` and its properties). */
  moduleExports?(exports: readonly (readonly [string, Value])[], ctx: ExtractorContext): void;
  /** Called for each decorator once its class is defined, with the decorator expression's value and what it decorates. */
  decorate?(decorator: Value, target: DecoratorTarget, node: Decorator, ctx: ExtractorContext): void;
}

/**
 * What a decorator is applied to: a class, one of its members, or a parameter of a method or of
 * the constructor. Member decorators come before their class's, as TypeScript applies them.
 */
export interface DecoratorTarget {
  readonly kind: "class" | "method" | "accessor" | "property" | "parameter";
  /** The decorated class (for a member or parameter, the class it belongs to). */
  readonly owner: Value;
  /** The class's name, when it has one. */
  readonly className?: string;
  /** The member's name (a parameter's method, `constructor` included), when it is not computed. */
  readonly member?: string;
  /** True for a static member. */
  readonly static: boolean;
  /** A parameter's position. */
  readonly index?: number;
  /** The decorated class, member or parameter. */
  readonly node: Node;
}
