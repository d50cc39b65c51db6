import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { createDiagnostic } from "../diagnostics/diagnostic.js";
import { ANNOTATION_MARKER, type ParsedFile } from "../parse/parse-file.js";
import type { Annotation } from "./annotation.js";
import { createBinder } from "./bind.js";
import { FILE_LEVEL_CAPABILITIES } from "./capabilities.js";
import { commentBlocks } from "./comment-blocks.js";
import { readAnnotations } from "./find-annotations.js";
import { mayHoldNearMiss, nearMissMarkers } from "./near-misses.js";

export type { Annotation, BoundNode } from "./annotation.js";
export { findConflictingUnits, findDuplicateIds } from "./duplicates.js";
export { extractDockerfileAnnotations, type DockerfileAnnotation, type DockerfileAnnotations } from "./dockerfile.js";
export { checkIdsAgainstApp, compileGlob, rootRelativeGlob } from "./globs.js";

/** The annotations of one file and the problems found reading them. */
export interface FileAnnotations {
  readonly annotations: Annotation[];
  readonly diagnostics: Diagnostic[];
}

/** Reads and binds every `@klotho::` annotation in a parsed file. */
export function extractAnnotations(parsed: ParsedFile): FileAnnotations {
  const nearMisses = mayHoldNearMiss(parsed.file.text) ? nearMissMarkers(parsed) : [];
  if (!parsed.file.text.includes(ANNOTATION_MARKER)) return { annotations: [], diagnostics: nearMisses };
  const annotations: Annotation[] = [];
  const diagnostics: Diagnostic[] = [...nearMisses];
  const binder = createBinder(parsed);
  for (const block of commentBlocks(parsed.ast.comments ?? [], parsed.file.text)) {
    if (!block.content.includes(ANNOTATION_MARKER)) continue;
    const found = readAnnotations(parsed, block);
    diagnostics.push(...found.diagnostics);
    const topLevel = binder.isTopLevel(block);
    const boundTo = binder.boundNode(block);
    for (const raw of found.annotations) {
      if (FILE_LEVEL_CAPABILITIES.includes(raw.capability) && !topLevel) {
        const context = { range: raw.range, annotation: { text: raw.text, range: raw.range } };
        diagnostics.push(createDiagnostic("annotation/not-file-level", context, raw.capability));
        continue;
      }
      const id = raw.directives["id"];
      annotations.push({
        capability: raw.capability,
        ...(typeof id === "string" ? { id } : {}),
        directives: raw.directives,
        ...(Object.keys(raw.keyRanges).length > 0 ? { keyRanges: raw.keyRanges } : {}),
        ...(Object.keys(raw.valueRanges).length > 0 ? { valueRanges: raw.valueRanges } : {}),
        range: raw.range,
        text: raw.text,
        ...(boundTo ? { boundTo } : {}),
        topLevel,
      });
    }
  }
  return { annotations, diagnostics };
}
