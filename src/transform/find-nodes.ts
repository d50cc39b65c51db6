import type { Node } from "@babel/types";
import { walkAst } from "../parse/walk.js";
import { importSpecifier } from "./edits/import-specifier.js";
import type { SourceRange } from "../util/source-range.js";

/** The nodes of an AST by their exact [start, end) offsets, and each node's parent. */
export interface NodeIndex {
  at(range: SourceRange, type?: string): Node | undefined;
  parentOf(node: Node): Node | undefined;
  readonly all: readonly Node[];
  /** The nodes that load a module (import/export from, `require()`, `import()`, TS `import = require`), in source order. */
  readonly imports: readonly Node[];
  /** The array literals, in source order. */
  readonly arrays: readonly Node[];
}

/** Indexes already built: a file shared by several units is walked once, not once per unit. */
const built = new WeakMap<Node, NodeIndex>();

/** Indexes every node of `root` once, for the edits that look nodes up by a fact's range. */
export function indexNodes(root: Node): NodeIndex {
  const known = built.get(root);
  if (known) return known;
  const index = buildIndex(root);
  built.set(root, index);
  return index;
}

function buildIndex(root: Node): NodeIndex {
  const byRange = new Map<string, Node[]>();
  const parents = new Map<Node, Node>();
  const all: Node[] = [];
  const imports: Node[] = [];
  const arrays: Node[] = [];
  walkAst(root, (node, parent) => {
    all.push(node);
    if (importSpecifier(node)) imports.push(node);
    else if (node.type === "ArrayExpression") arrays.push(node);
    if (parent) parents.set(node, parent);
    const key = `${node.start ?? 0}:${node.end ?? 0}`;
    const list = byRange.get(key);
    if (list) list.push(node);
    else byRange.set(key, [node]);
    return true;
  });
  return {
    at(range, type) {
      const candidates = byRange.get(`${range.start.offset}:${range.end.offset}`) ?? [];
      return type ? candidates.find((n) => n.type === type) : candidates[0];
    },
    parentOf: (node) => parents.get(node),
    all,
    imports,
    arrays,
  };
}
