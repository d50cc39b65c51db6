import type { Comment } from "@babel/types";

/**
 * The text of one comment, or of a run of `//` comments on consecutive lines, with comment
 * markers and ` * ` margins removed. `origin[i]` is the file offset of `content[i]`
 * (`origin[content.length]` is the end), so any position in the content maps back to the file.
 */
export interface CommentBlock {
  readonly content: string;
  readonly origin: readonly number[];
  /** The comments this block was made of, in order. */
  readonly comments: readonly Comment[];
}

/** Groups a file's comments into blocks: each block comment alone, consecutive line comments merged. */
export function commentBlocks(comments: readonly Comment[], text: string): CommentBlock[] {
  const blocks: CommentBlock[] = [];
  let run: Comment[] = [];
  const flush = (): void => {
    if (run.length > 0) blocks.push(lineCommentBlock(run));
    run = [];
  };
  for (const comment of comments) {
    if (comment.type === "CommentBlock") {
      flush();
      blocks.push(blockCommentBlock(comment));
      continue;
    }
    const previous = run[run.length - 1];
    if (previous && !onNextLineOnlyWhitespaceBetween(previous, comment, text)) flush();
    run.push(comment);
  }
  flush();
  return blocks;
}

function onNextLineOnlyWhitespaceBetween(previous: Comment, next: Comment, text: string): boolean {
  const between = text.slice(previous.end ?? 0, next.start ?? 0);
  return /^[ \t]*\r?\n[ \t]*$/.test(between);
}

function lineCommentBlock(run: readonly Comment[]): CommentBlock {
  let content = "";
  const origin: number[] = [];
  run.forEach((comment, index) => {
    if (index > 0) {
      content += "\n";
      origin.push((run[index - 1] as Comment).end ?? 0);
    }
    const valueStart = (comment.start ?? 0) + 2;
    for (let i = 0; i < comment.value.length; i++) origin.push(valueStart + i);
    content += comment.value;
  });
  origin.push((run[run.length - 1] as Comment).end ?? 0);
  return { content, origin, comments: run };
}

/** Strips `/*`, `*\/` and the ` * ` margin at the start of each line of a block comment. */
function blockCommentBlock(comment: Comment): CommentBlock {
  const valueStart = (comment.start ?? 0) + 2;
  let content = "";
  const origin: number[] = [];
  let lineStart = 0;
  const value = comment.value;
  for (const line of value.split("\n")) {
    const margin = lineStart === 0 ? /^\*+(?!\/)/.exec(line) : /^[ \t]*\*(?!\/)[ \t]?/.exec(line);
    const skip = margin ? margin[0].length : 0;
    if (lineStart > 0) {
      content += "\n";
      origin.push(valueStart + lineStart - 1);
    }
    for (let i = skip; i < line.length; i++) origin.push(valueStart + lineStart + i);
    content += line.slice(skip);
    lineStart += line.length + 1;
  }
  origin.push(valueStart + value.length);
  return { content, origin, comments: [comment] };
}
