import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import { groupBy } from "../util/lists.js";

/** The facts written inside the statement an annotation is bound to (same file, range within). */
export function factsBoundTo(annotation: Annotation, facts: readonly Fact[]): Fact[] {
  const bound = annotation.boundTo;
  if (!bound) return [];
  return (factsByFile(facts).get(bound.range.file) ?? []).filter((fact) => fact.range.start.offset >= bound.range.start.offset && fact.range.end.offset <= bound.range.end.offset);
}

/**
 * The facts of each file, in their order in `facts`, grouped the first time the list is asked about:
 * every stage asks about each annotation (factsBoundTo), and the transform about each file, and
 * scanning the whole list each time made them grow with annotations × facts. A list must not be
 * reordered once asked about; one that has grown since is grouped again.
 */
export function factsByFile(facts: readonly Fact[]): ReadonlyMap<string, readonly Fact[]> {
  let index = byFileOf.get(facts);
  if (index?.length !== facts.length) {
    index = { length: facts.length, byFile: groupBy(facts, (fact) => fact.range.file) };
    byFileOf.set(facts, index);
  }
  return index.byFile;
}

const byFileOf = new WeakMap<readonly Fact[], { readonly length: number; readonly byFile: ReadonlyMap<string, readonly Fact[]> }>();

/** Ids of the objects `@klotho::persist` annotations are bound to (maps, clients, fs imports): their uses reach cloud resources. */
export function persistedObjectIds(annotations: readonly Annotation[], facts: readonly Fact[]): Set<string> {
  const persisted = new Set<string>();
  for (const annotation of annotations) {
    if (annotation.capability !== "persist") continue;
    for (const fact of factsBoundTo(annotation, facts)) if ("id" in fact) persisted.add(fact.id);
  }
  return persisted;
}
