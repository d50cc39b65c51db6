import type { Node } from "@babel/types";
import { walkAst } from "../parse/walk.js";
import { isRouteFilterCall } from "../facts/extractors/nestjs/registration-sites.js";
import { PLAIN_REQUIRE, importSpecifier, requireNameDeclared, type ImportSpecifier } from "../parse/import-specifier.js";
import type { SourceRange } from "../util/source-range.js";
import { pushTo } from "../util/lists.js";

/** The nodes of an AST by their exact [start, end) offsets, and each node's parent. */
export interface NodeIndex {
  /** The node of exactly `range` (of `type`; else the innermost of that range). */
  at(range: SourceRange, type?: string): Node | undefined;
  parentOf(node: Node): Node | undefined;
  /**
   * The nodes that load a module (import/export from, `require()`, `import()`, TS `import = require`, a call
   * of a `require` made by `createRequire()`), in source order.
   */
  readonly imports: readonly Node[];
  /** The specifier of one of `imports`. */
  specifierOf(node: Node): ImportSpecifier | undefined;
  /** The array literals, in source order. */
  readonly arrays: readonly Node[];
  /** The calls of a method named `forRoutes` or `exclude` (NestJS's middleware consumer), in source order. */
  readonly routeFilterCalls: readonly Node[];
}

/** Indexes already built: a file shared by several units is walked once, not once per unit. */
const built = new WeakMap<Node, NodeIndex>();

/** Indexes `root` once, for the edits that look nodes up by a fact's range or go through its imports. */
export function indexNodes(root: Node): NodeIndex {
  const known = built.get(root);
  if (known) return known;
  const index = buildIndex(root);
  built.set(root, index);
  return index;
}

/** Offsets as one number: files are far shorter than 2^26 characters. */
const rangeKey = (start: number, end: number): number => start * 2 ** 26 + end;

function buildIndex(root: Node): NodeIndex {
  const specifiers = new Map<Node, ImportSpecifier>();
  const arrays: Node[] = [];
  // Calls of a plain name: those of a `require` made by `createRequire()` are imports, once the file's declarations are known.
  const calls: Node[] = [];
  const requireNames = new Set(PLAIN_REQUIRE);
  const routeFilterCalls: Node[] = [];
  walkAst(root, (node) => {
    const found = importSpecifier(node);
    if (found) specifiers.set(node, found);
    else if (node.type === "ArrayExpression") arrays.push(node);
    else if (isRouteFilterCall(node)) routeFilterCalls.push(node);
    else if (node.type === "CallExpression" && node.callee.type === "Identifier") calls.push(node);
    else if (node.type === "VariableDeclarator") {
      const name = requireNameDeclared(node);
      if (name !== undefined) requireNames.add(name);
    }
    return true;
  });
  for (const call of requireNames.size > PLAIN_REQUIRE.size ? calls : []) {
    const found = importSpecifier(call, requireNames);
    if (found) specifiers.set(call, found);
  }
  const imports = [...specifiers.keys()].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  // Positions and parents are indexed on the first lookup: most files of a unit are carried unchanged and never need them.
  let positions: { byRange: Map<number, Node[]>; parents: Map<Node, Node> } | undefined;
  const lookup = () => (positions ??= indexPositions(root));
  return {
    at(range, type) {
      const candidates = lookup().byRange.get(rangeKey(range.start.offset, range.end.offset)) ?? [];
      // Outermost first: without a type, the innermost node, the expression a fact is about, not the
      // statement that holds only it (`app.listen(3000)` written without its semicolon has the same range).
      return type ? candidates.find((n) => n.type === type) : candidates.at(-1);
    },
    parentOf: (node) => lookup().parents.get(node),
    imports,
    specifierOf: (node) => specifiers.get(node),
    arrays,
    routeFilterCalls,
  };
}

function indexPositions(root: Node): { byRange: Map<number, Node[]>; parents: Map<Node, Node> } {
  const byRange = new Map<number, Node[]>();
  const parents = new Map<Node, Node>();
  walkAst(root, (node, parent) => {
    if (parent) parents.set(node, parent);
    const key = rangeKey(node.start ?? 0, node.end ?? 0);
    pushTo(byRange, key, node);
    return true;
  });
  return { byRange, parents };
}
