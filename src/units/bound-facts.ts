import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import { firstAtLeast, groupBy } from "../util/lists.js";

/**
 * The facts written inside the statement an annotation is bound to (same file, range within), in
 * their order in `facts`. Found from the file's facts by where they start (factsByStart), not by
 * going through all of them for each annotation: a file of 3,000 annotated stores holds 12,000 facts.
 */
export function factsBoundTo(annotation: Annotation, facts: readonly Fact[]): Fact[] {
  const bound = annotation.boundTo;
  if (!bound) return [];
  const start = bound.range.start.offset;
  const end = bound.range.end.offset;
  const inFile = factsByStart(facts).get(bound.range.file);
  if (!inFile) return [];
  const within: number[] = [];
  for (let at = firstAtLeast(inFile.starts, start); at < inFile.starts.length && (inFile.starts[at] ?? Infinity) <= end; at++) {
    const order = inFile.order[at] ?? 0;
    if ((inFile.facts[order]?.range.end.offset ?? Infinity) <= end) within.push(order);
  }
  return within.sort((a, b) => a - b).map((order) => inFile.facts[order] as Fact);
}

/** A file's facts (in list order) and their positions in that list sorted by where the facts start, with those starts. */
interface FactsByStart {
  readonly facts: readonly Fact[];
  readonly order: readonly number[];
  readonly starts: readonly number[];
}

/** Each file's facts indexed by their start (FactsByStart), made once per list as factsByFile is. */
function factsByStart(facts: readonly Fact[]): ReadonlyMap<string, FactsByStart> {
  const byFile = factsByFile(facts);
  let index = byStartOf.get(byFile);
  if (!index) {
    index = new Map();
    for (const [file, list] of byFile) {
      const order = list.map((_, position) => position).sort((a, b) => (list[a]?.range.start.offset ?? 0) - (list[b]?.range.start.offset ?? 0) || a - b);
      index.set(file, { facts: list, order, starts: order.map((position) => list[position]?.range.start.offset ?? 0) });
    }
    byStartOf.set(byFile, index);
  }
  return index;
}

const byStartOf = new WeakMap<ReadonlyMap<string, readonly Fact[]>, Map<string, FactsByStart>>();

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
