import type { Node } from "@babel/types";
import type { ParsedFile } from "../parse/parse-file.js";
import { walkAst } from "../parse/walk.js";
import { rangeOfNode } from "../util/source-range.js";
import type { BoundNode } from "./annotation.js";
import type { CommentBlock } from "./comment-blocks.js";

/** Finds, for comment blocks, the node they annotate and whether they sit at the top level of the file. */
export interface Binder {
  boundNode(block: CommentBlock): BoundNode | undefined;
  isTopLevel(block: CommentBlock): boolean;
}

/**
 * Indexes the nodes Babel attached leading comments to. The walk is pre-order, so a comment that
 * leads several nested nodes (a statement and its first expression) binds to the outermost one.
 */
export function createBinder(parsed: ParsedFile): Binder {
  const leading = new Map<number, Node>();
  walkAst(parsed.ast.program, (node) => {
    for (const comment of node.leadingComments ?? []) {
      const start = comment.start ?? 0;
      if (!leading.has(start)) leading.set(start, node);
    }
    return true;
  });
  const topLevelStatements = parsed.ast.program.body;
  return {
    boundNode(block) {
      const last = block.comments[block.comments.length - 1];
      const node = last && leading.get(last.start ?? 0);
      return node ? { type: node.type, range: rangeOfNode(parsed.file.path, node) } : undefined;
    },
    isTopLevel(block) {
      const at = block.comments[0]?.start ?? 0;
      return !topLevelStatements.some((statement) => (statement.start ?? 0) < at && at < (statement.end ?? 0));
    },
  };
}
