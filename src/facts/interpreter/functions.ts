import type { Node } from "@babel/types";
import type { Interpreter, ModuleContext } from "./interpreter.js";
import { bindPattern } from "./patterns.js";
import { Scope } from "./scope.js";
import { UNKNOWN, type FunctionValue, type Value } from "./values.js";

/** Bookkeeping shared by all calls: recursion guard, memo of results, functions already analysed. */
export interface CallState {
  readonly active: Set<Node>;
  readonly invokedNodes: Set<Node>;
  readonly memo: Map<string, Value>;
  depth: number;
}

const MAX_DEPTH = 40;

/**
 * Runs a function body with its parameters bound to `args`. Results are memoised per function
 * and argument identities; recursion and very deep call chains yield an unknown value.
 */
export function invokeFunction(
  it: Interpreter,
  state: CallState,
  module: ModuleContext,
  fn: FunctionValue,
  args: readonly Value[],
  thisValue: Value | undefined,
): Value {
  const node = fn.node as Node & { params?: Node[]; body?: Node; async?: boolean };
  if (state.active.has(node) || state.depth >= MAX_DEPTH || !node.body) return UNKNOWN;
  const key = memoKey(node, args, thisValue ?? fn.thisValue);
  const cached = state.memo.get(key);
  if (cached) return cached;
  state.invokedNodes.add(node);
  state.active.add(node);
  state.depth++;
  try {
    const scope = new Scope(fn.closure);
    if (node.type !== "ArrowFunctionExpression") scope.declare("this", thisValue ?? fn.thisValue ?? UNKNOWN);
    (node.params ?? []).forEach((param, index) => {
      const arg = args[index] ?? UNKNOWN;
      bindPattern(it, param, arg, scope, module, true);
      if (param.type === "TSParameterProperty" && param.parameter.type === "Identifier") {
        const self = scope.lookup("this");
        if (self?.kind === "object") self.ref.props.set(param.parameter.name, arg);
      }
    });
    const body = node.body;
    const result = body.type === "BlockStatement" ? (it.statements(body.body, scope, module) ?? UNKNOWN) : it.expression(body, scope, module);
    const value: Value = node.async && result.kind !== "promise" ? { kind: "promise", value: result } : result;
    state.memo.set(key, value);
    return value;
  } finally {
    state.active.delete(node);
    state.depth--;
  }
}

const nodeIds = new WeakMap<object, number>();
let nextId = 0;

/** A key identifying a call by function node and argument identities. */
function memoKey(node: Node, args: readonly Value[], thisValue: Value | undefined): string {
  return [identity(node), ...args.map(describe), thisValue ? describe(thisValue) : "-"].join("|");
}

function describe(value: Value): string {
  switch (value.kind) {
    case "string":
      return `s:${value.value}`;
    case "object":
      return `o:${identity(value.ref)}`;
    case "function":
      return `f:${identity(value.fn)}`;
    case "special":
      return `x:${value.tag}`;
    case "promise":
      return `p:${describe(value.value)}`;
    default:
      return value.kind;
  }
}

function identity(object: object): number {
  let id = nodeIds.get(object);
  if (id === undefined) nodeIds.set(object, (id = nextId++));
  return id;
}
