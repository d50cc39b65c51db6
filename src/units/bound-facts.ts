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

/** Ids of the objects `@klotho::persist` annotations are bound to (maps, clients, fs imports): their uses reach cloud resources. */
export function persistedObjectIds(annotations: readonly Annotation[], facts: readonly Fact[]): Set<string> {
  const persisted = new Set<string>();
  for (const annotation of annotations) {
    if (annotation.capability !== "persist") continue;
    for (const fact of factsBoundTo(annotation, facts)) if ("id" in fact) persisted.add(fact.id);
  }
  return persisted;
}
