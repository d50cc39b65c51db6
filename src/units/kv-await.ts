import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact, FactOf } from "../facts/index.js";
import { factsBoundTo } from "./bound-facts.js";

/**
 * The original klotho's `Call is async, but is missing "await"` warning: a persisted Map lives in
 * the cloud, so its methods return promises; a call whose promise is dropped (not awaited,
 * returned, chained or passed to `Promise.all`) reads a promise or races its own write.
 */
export function missingAwaits(annotations: readonly Annotation[], facts: readonly Fact[]): Diagnostic[] {
  const persisted = new Map<string, string>();
  for (const annotation of annotations) {
    if (annotation.capability !== "persist" || annotation.id === undefined) continue;
    for (const fact of factsBoundTo(annotation, facts)) if (fact.kind === "kv_map") persisted.set(fact.id, annotation.id);
  }
  const diagnostics: Diagnostic[] = [];
  for (const fact of facts) {
    if (fact.kind !== "unawaited_call" && fact.kind !== "kv_sync_use") continue;
    const id = persisted.get(fact.target);
    if (id === undefined) continue;
    if (fact.kind === "unawaited_call") diagnostics.push(missingAwait(fact, id));
    else diagnostics.push(createDiagnostic(fact.use === "size" ? "kv/sync-size" : "kv/sync-iteration", { range: fact.range }, id));
  }
  return diagnostics;
}

/** The warning for a dropped promise: of the map's method, or of a function of the program that returns it (which says where). */
function missingAwait(fact: FactOf<"unawaited_call">, id: string): Diagnostic {
  if (fact.through === undefined) return createDiagnostic("kv/missing-await", { range: fact.range }, fact.method, id);
  const related = fact.read ? [{ message: `${fact.through}() returns the promise of this ${fact.method}() call`, range: fact.read }] : [];
  return createDiagnostic("kv/missing-await", { range: fact.range, related }, fact.method, id, fact.through);
}
