import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ProjectTextFile } from "../load/project.js";
import { ANNOTATION_MARKER } from "../parse/parse-file.js";
import { LineIndex } from "../util/line-index.js";
import type { SourceRange } from "../util/source-range.js";
import type { CommentBlock } from "./comment-blocks.js";
import { readAnnotations } from "./find-annotations.js";

/** A Dockerfile annotated `# @klotho::execution_unit { id = "x" }`: it replaces the Dockerfile klotho writes for unit x. */
export interface DockerfileAnnotation {
  /** The Dockerfile (project-relative). */
  readonly file: string;
  readonly unit: string;
  /** The annotation, for messages. */
  readonly range: SourceRange;
  readonly text: string;
  /** Where the id's value is written, for messages about the unit. */
  readonly idRange: SourceRange;
}

/** The execution-unit annotations of the project's Dockerfiles, and the problems found reading them. */
export interface DockerfileAnnotations {
  readonly annotations: DockerfileAnnotation[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Reads `@klotho::` annotations in the `#` comment lines of Dockerfiles (consecutive comment lines
 * form one block, as `//` lines do in code). Only `execution_unit` means something there; another
 * capability is a warning, and malformed annotations are located errors as in code.
 */
export function extractDockerfileAnnotations(files: readonly ProjectTextFile[]): DockerfileAnnotations {
  const annotations: DockerfileAnnotation[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    if (!file.text.includes(ANNOTATION_MARKER)) continue;
    const source = { file: { path: file.path }, lines: new LineIndex(file.text) };
    for (const block of hashCommentBlocks(file.text)) {
      if (!block.content.includes(ANNOTATION_MARKER)) continue;
      const found = readAnnotations(source, block);
      diagnostics.push(...found.diagnostics);
      for (const raw of found.annotations) {
        const context = { range: raw.range, annotation: { text: raw.text, range: raw.range } };
        const id = raw.directives["id"];
        if (raw.capability !== "execution_unit" || typeof id !== "string") {
          diagnostics.push(createDiagnostic("dockerfile/unsupported-capability", context, raw.capability));
          continue;
        }
        annotations.push({ file: file.path, unit: id, range: raw.range, text: raw.text, idRange: raw.valueRanges["id"] ?? raw.range });
      }
    }
  }
  return { annotations, diagnostics };
}

/** The `#` comment lines of a Dockerfile grouped into blocks of consecutive lines, `#` removed. */
function hashCommentBlocks(text: string): CommentBlock[] {
  const blocks: CommentBlock[] = [];
  let content = "";
  let origin: number[] = [];
  let lineEnd = 0;
  const flush = (): void => {
    if (origin.length > 0) blocks.push({ content, origin: [...origin, lineEnd], comments: [] });
    content = "";
    origin = [];
  };
  let start = 0;
  for (const line of text.split("\n")) {
    const hash = /^[ \t]*#/.exec(line);
    if (!hash) flush();
    else {
      if (origin.length > 0) {
        content += "\n";
        origin.push(lineEnd);
      }
      const body = line.replace(/\r$/, "");
      for (let i = hash[0].length; i < body.length; i++) origin.push(start + i);
      content += body.slice(hash[0].length);
      lineEnd = start + body.length;
    }
    start += line.length + 1;
  }
  flush();
  return blocks;
}
