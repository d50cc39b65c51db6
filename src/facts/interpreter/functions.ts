import type { Node } from "@babel/types";
import type { CallSite, Interpreter, ModuleContext } from "./interpreter.js";
import { bindPattern } from "./patterns.js";
import { Scope } from "./scope.js";
import { UNKNOWN, identityOf, valueKey, type FunctionValue, type Value } from "./values.js";

/** A function being run, and the call written in the program that runs it (none for a library's callback or a function analysed on its own). */
interface Frame {
  readonly fn: Node;
  readonly site: CallSite | undefined;
}

/** Bookkeeping shared by all calls: recursion guard, call stack, memo of results, functions already analysed. */
export interface CallState {
  readonly active: Set<Node>;
  /** The functions running now, innermost last. */
  readonly frames: Frame[];
  readonly invokedNodes: Set<Node>;
  readonly memo: Map<string, { readonly value: Value; readonly generation: number }>;
  /** How many times each function body has run, to bound the work on code that fans out. */
  readonly calls: Map<Node, number>;
  depth: number;
  /** How many modules have finished running; an unknown result is reused only within one generation. */
  generation: number;
}

const MAX_DEPTH = 40;
/** Runs of one function body with distinct arguments before further calls yield an unknown value. */
const MAX_RUNS_PER_FUNCTION = 200;

/**
 * Runs a function body with its parameters bound to `args`, for the call at `site` when one written
 * in the program makes it. Results are memoised per closure, argument identities and calling file
 * (see {@link memoKey}); recursion, very deep call chains and a function already run
 * {@link MAX_RUNS_PER_FUNCTION} times yield an unknown value.
 */
export function invokeFunction(
  it: Interpreter,
  state: CallState,
  module: ModuleContext,
  fn: FunctionValue,
  args: readonly Value[],
  thisValue: Value | undefined,
  site?: CallSite,
): Value {
  const node = fn.node as Node & { params?: Node[]; body?: Node; async?: boolean };
  if (state.active.has(node) || state.depth >= MAX_DEPTH || !node.body) return UNKNOWN;
  const key = memoKey(fn, args, thisValue ?? fn.thisValue, site && site.file !== fn.file && module.callsEmitBetween(node.start ?? 0, node.end ?? 0) ? site.file : undefined);
  const cached = state.memo.get(key);
  // An unknown result may only mean a binding was not ready yet (an import cycle): once another
  // module has finished, the call runs again.
  if (cached && (cached.value.kind !== "unknown" || cached.generation === state.generation)) return cached.value;
  const runs = state.calls.get(node) ?? 0;
  if (runs >= MAX_RUNS_PER_FUNCTION) return UNKNOWN;
  state.calls.set(node, runs + 1);
  state.invokedNodes.add(node);
  state.active.add(node);
  state.frames.push({ fn: node, site });
  state.depth++;
  try {
    const scope = new Scope(fn.closure);
    if (node.type !== "ArrowFunctionExpression") scope.declare("this", thisValue ?? fn.thisValue ?? UNKNOWN);
    (node.params ?? []).forEach((param, index) => {
      const arg = param.type === "RestElement" ? { kind: "array" as const, items: args.slice(index) } : (args[index] ?? UNKNOWN);
      bindPattern(it, param.type === "RestElement" ? param.argument : param, arg, scope, module, true);
      if (param.type === "TSParameterProperty" && param.parameter.type === "Identifier") {
        const self = scope.lookup("this");
        if (self?.kind === "object") self.ref.props.set(param.parameter.name, arg);
      }
    });
    const body = node.body;
    const result = body.type === "BlockStatement" ? (it.statements(body.body, scope, module) ?? UNKNOWN) : it.expression(body, scope, module);
    const value: Value = node.async && result.kind !== "promise" ? { kind: "promise", value: result } : result;
    state.memo.set(key, { value, generation: state.generation });
    return value;
  } finally {
    state.active.delete(node);
    state.frames.pop();
    state.depth--;
  }
}

/**
 * The call written in the program that is running `fn` now, when `fn` is the innermost function
 * running: what an extractor needs to tell whose code runs a helper it sees called.
 */
export function callSiteOf(state: CallState, fn: Node): CallSite | undefined {
  const frame = state.frames.at(-1);
  return frame?.fn === fn ? frame.site : undefined;
}

/**
 * A key identifying a call: the function node and the scope it closes over (two closures made by
 * one factory differ), the identities of the arguments and of `this`, and the calling file when it
 * is another file than the function's and the function calls an `emit`: the fact of an emit whose
 * name the function forwards names that call ({@link callSiteOf}), so the same call made from a
 * second file runs the body again rather than reusing the first one's result. Other functions'
 * facts do not depend on their caller, and their results are shared (a helper every file calls).
 */
function memoKey(fn: FunctionValue, args: readonly Value[], thisValue: Value | undefined, callerFile: string | undefined): string {
  // Concatenated as it goes: a key is made for every call the program makes, and an array per key to join cost more.
  let key = `${String(identityOf(fn.node))}|${String(identityOf(fn.closure))}`;
  for (const arg of args) key += `|${valueKey(arg)}`;
  return `${key}|${thisValue ? valueKey(thisValue) : "-"}|${callerFile ?? "-"}`;
}

