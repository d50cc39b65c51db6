import type { Node } from "@babel/types";

/** Keys of a Babel node that never hold child nodes worth visiting. */
const SKIPPED_KEYS = new Set(["loc", "start", "end", "extra", "leadingComments", "trailingComments", "innerComments", "range", "comments", "tokens", "errors"]);

/** Called for each node with its parent; return `false` to skip the node's children. */
export type NodeVisitor = (node: Node, parent: Node | undefined) => boolean | undefined;

/** Visits `root` and every node below it, depth first, in source order. */
export function walkAst(root: Node, visit: NodeVisitor): void {
  // Two parallel stacks, and one scratch list for a node's children: the walk allocates nothing per node.
  const nodes: Node[] = [root];
  const parents: (Node | undefined)[] = [undefined];
  const children: Node[] = [];
  while (nodes.length > 0) {
    const node = nodes.pop() as Node;
    const parent = parents.pop();
    if (visit(node, parent) === false) continue;
    children.length = 0;
    for (const key in node) {
      if (SKIPPED_KEYS.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item);
      } else if (isNode(value)) {
        children.push(value);
      }
    }
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i] as Node);
      parents.push(node);
    }
  }
}

/** True for objects that look like Babel nodes. */
export function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
}
