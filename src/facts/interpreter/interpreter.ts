import type { Decorator, Node, Statement } from "@babel/types";
import type { DecoratorTarget, ExtractorContext } from "../extractors/extractor.js";
import type { Scope } from "./scope.js";
import type { FunctionValue, ObjectRef, Value } from "./values.js";

/** Module-level state the evaluation of one file needs. */
export interface ModuleContext {
  readonly file: string;
  /** The CommonJS `module` object; its `exports` property is what `require` returns. */
  readonly moduleObject: ObjectRef;
  /** ES module exports (named and `default`). */
  readonly esmExports: ObjectRef;
  /** True for an ES module: a file Node loads as ESM or one written with `export` syntax. */
  readonly esm: boolean;
  /** `export { local as exported }` pairs, re-read when the module finishes (exports are live bindings). */
  readonly localExports: [exported: string, local: string][];
  readonly extractor: ExtractorContext;
  /** True when the file's text between the offsets names `emit` (it may call a method of that name). */
  readonly callsEmitBetween: (start: number, end: number) => boolean;
  /** The values each call written in the file was last given (the extractors' `argumentsOf`). */
  readonly callArguments: WeakMap<Node, readonly Value[]>;
}

/** Where a property read is written: the key node (`x` of `o.x`, of `{ x: y } = o`, of `import { x }`) and its module. */
export interface MemberSite {
  readonly node: Node;
  readonly module: ModuleContext;
}

/** A call written in the program: the call (or `new`, or `super(...)`) expression and the file it is written in. */
export interface CallSite {
  readonly node: Node;
  readonly file: string;
}

/** The operations the statement and expression evaluators call on each other. */
export interface Interpreter {
  expression(node: Node, scope: Scope, module: ModuleContext): Value;
  statements(nodes: readonly Statement[], scope: Scope, module: ModuleContext): Value | undefined;
  /** Runs `fn`; `site` is the call written in the program that makes it run, when there is one (not for a library's callback or a getter). */
  invoke(fn: FunctionValue, args: readonly Value[], thisValue: Value | undefined, site?: CallSite): Value;
  /** A function value for a function node, remembered so uncalled functions are still analysed. */
  makeFunction(node: Node, scope: Scope, module: ModuleContext, thisValue?: Value): Value;
  /** `require`/`import` of `specifier` from `module`'s file. */
  importModule(specifier: string, module: ModuleContext, node: Node, style: "esm" | "cjs"): Value;
  /** `require(x)`/`import(x)` at `node` of a specifier the analysis cannot know: which modules it loads is not followed. */
  unknownLoad(node: Node, module: ModuleContext): void;
  /**
   * What a function the analysis cannot run (a package's, an unknown value) returns when the call at `site` gives
   * it a function: an unknown value of its own, recorded as made by that call (made-by.ts), as a wrapper's handler is.
   */
  opaqueResult(site: CallSite): Value;
  /** Gives an unnamed object the name of the binding it is stored in. */
  nameValue(value: Value, name: string): void;
  /** Every extractor's `member` hook, then object properties (getters run), class statics; `site` is the key read in the code, when there is one. */
  member(object: Value, property: string, site?: MemberSite): Value;
  /** `export * from` a module whose exports are `source`, into `module`'s: live, as a module in an import cycle may add names later (star-exports.ts). */
  reexport(source: ObjectRef, module: ModuleContext): void;
  /** An object's own properties with its getters' values, as spreading or copying it would see them. */
  ownEntries(object: ObjectRef): [string, Value][];
  /** Hands an evaluated decorator and its target to every extractor's `decorate` hook. */
  decorate(decorator: Value, target: DecoratorTarget, node: Decorator, module: ModuleContext): void;
}
