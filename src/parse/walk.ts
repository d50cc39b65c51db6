import type { Node } from "@babel/types";
import { VISITOR_KEYS } from "../generated/visitor-keys.js";

/** Keys of a Babel node that never hold child nodes worth visiting (for a node type the table does not know). */
const SKIPPED_KEYS = new Set(["loc", "start", "end", "extra", "leadingComments", "trailingComments", "innerComments", "range", "comments", "tokens", "errors"]);

/** Called for each node with its parent; return `false` to skip the node's children. */
export type NodeVisitor = (node: Node, parent: Node | undefined) => boolean | undefined;

/**
 * Visits `root` and every node below it, depth first, each node's children in source order (as
 * @babel/types lists a node type's child properties; a template's quasis before its expressions).
 */
export function walkAst(root: Node, visit: NodeVisitor): void {
  // Two parallel stacks: the walk allocates nothing per node. Children are pushed last to first.
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop() as Node;
    const parent = parents.pop();
    if (visit(node, parent) === false) continue;
    const keys = VISITOR_KEYS[node.type] ?? Object.keys(node).filter((key) => !SKIPPED_KEYS.has(key));
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[keys[k] as string];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pushNode(value[i], node, nodes, parents);
      } else {
        pushNode(value, node, nodes, parents);
      }
    }
  }
}

function pushNode(value: unknown, parent: Node, nodes: Node[], parents: (Node | undefined)[]): void {
  if (!isNode(value)) return;
  nodes.push(value);
  parents.push(parent);
}

/** True for objects that look like Babel nodes. */
export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
