import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";

/** The facts written inside the statement an annotation is bound to (same file, range within). */
export function factsBoundTo(annotation: Annotation, facts: readonly Fact[]): Fact[] {
  const bound = annotation.boundTo;
  if (!bound) return [];
  return facts.filter(
    (fact) =>
      fact.range.file === bound.range.file &&
      fact.range.start.offset >= bound.range.start.offset &&
      fact.range.end.offset <= bound.range.end.offset,
  );
}
