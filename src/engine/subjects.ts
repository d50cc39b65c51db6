import type { Annotation } from "../annotations/index.js";
import type { Fact } from "../facts/index.js";
import { factsBoundTo, type UnitsResult } from "../units/index.js";
import { compareStrings } from "../util/compare.js";
import type { SourceRange } from "../util/source-range.js";
import { CREATION, creationUses, environmentUses, persistDetails, persistedStores } from "./persisted.js";
import type { BoundCounts, RouteRef, Subject } from "./subject.js";
import { emitterCounts, topicUseSubjects } from "./topic-uses.js";

/** Capabilities whose annotations are subjects of the capability stage (units are subjects of their own). */
const ANNOTATION_SUBJECTS = new Set(["expose", "persist", "pubsub", "static_unit"]);

/** Everything the capability stage decides about: units, annotations with their facts, and uses of stores. */
export function buildSubjects(annotations: readonly Annotation[], facts: readonly Fact[], units: UnitsResult): Subject[] {
  const subjects: Subject[] = units.units.map((unit) => {
    // An implicit unit has no annotation; messages about it point at the start of its entry point.
    const range = unit.range ?? startOf(unit.entrypoint);
    return { type: "unit", unit: { id: unit.id, origin: unit.origin, entrypoint: unit.entrypoint }, range, facts: [range] };
  });
  for (const annotation of annotations) {
    if (ANNOTATION_SUBJECTS.has(annotation.capability)) subjects.push(annotationSubject(annotation, facts, units));
  }
  subjects.push(...useSubjects(annotations, facts, units), ...topicUseSubjects(units.topicServices));
  return subjects;
}

function startOf(file: string): SourceRange {
  const start = { line: 1, column: 0, offset: 0 };
  return { file, start, end: start };
}

function annotationSubject(annotation: Annotation, facts: readonly Fact[], units: UnitsResult): Subject {
  const bound = factsBoundTo(annotation, facts);
  const persisted = annotation.capability === "persist" ? persistDetails(annotation, bound, facts) : {};
  const exposure = units.exposures.find((e) => e.annotation === annotation);
  const service = units.topicServices.find((t) => t.annotation === annotation);
  const site = units.staticUnits.find((s) => s.annotation === annotation);
  const routes: RouteRef[] = (exposure?.served ?? []).map((r) => ({ method: r.method, path: r.path, unit: r.unit, file: r.file, line: r.line }));
  const counts: BoundCounts = {
    listen: bound.filter((f) => f.kind === "http_listen").length,
    routes: routes.length,
    kv_map: bound.filter((f) => f.kind === "kv_map").length,
    redis_node: bound.filter((f) => f.kind === "redis_client" && !f.cluster).length,
    redis_cluster: bound.filter((f) => f.kind === "redis_client" && f.cluster).length,
    fs: bound.filter((f) => f.kind === "fs_import" && f.promises).length,
    fs_plain: bound.filter((f) => f.kind === "fs_import" && !f.promises).length,
    orm: bound.filter((f) => f.kind === "orm_client").length,
    ...emitterCounts(service),
    static_files: site?.files.length ?? 0,
  };
  return {
    type: "annotation",
    annotation: {
      capability: annotation.capability,
      ...(annotation.id !== undefined ? { id: annotation.id } : {}),
      directives: annotation.directives,
      file: annotation.range.file,
      line: annotation.range.start.line,
      column: annotation.range.start.column + 1,
      boundTo: annotation.boundTo?.type ?? "none",
      ...(persisted.environment ? { environment: persisted.environment } : {}),
    },
    bound: counts,
    routes,
    // An exposed app whose catch-all routes go to a unit other than the annotated file's (catch-all-units.ts).
    unit: exposure?.catchAllUnit ?? units.unitOf(annotation.range.file),
    text: annotation.text,
    ...(annotation.boundTo ? { boundRange: annotation.boundTo.range } : {}),
    range: annotation.range,
    facts: [...bound.map((f) => f.range), ...(exposure?.served ?? []).map((r) => r.range)],
    ...(persisted.secrets ? { secrets: persisted.secrets } : {}),
    ...(service?.exported ? { topics: service.topics } : {}),
    ...(site ? { files: site.files } : {}),
  };
}

/** One subject per (unit, store) pair: the first use is the subject's location, every use a fact. */
function useSubjects(annotations: readonly Annotation[], facts: readonly Fact[], units: UnitsResult): Subject[] {
  const storeOf = new Map<string, string>();
  for (const annotation of annotations) {
    if (annotation.capability !== "persist" || annotation.id === undefined) continue;
    for (const store of persistedStores(annotation, factsBoundTo(annotation, facts))) storeOf.set(store.id, `${store.kind}:${annotation.id}`);
  }
  const pairs = new Map<string, { unit: string; resource: string; method: string; ranges: SourceRange[] }>();
  const addUse = (unit: string, resource: string, method: string, range: SourceRange): void => {
    const key = `${unit}\u0000${resource}`;
    const pair = pairs.get(key);
    if (pair) pair.ranges.push(range);
    else pairs.set(key, { unit, resource, method, ranges: [range] });
  };
  for (const fact of facts) {
    if (fact.kind !== "object_use") continue;
    const resource = storeOf.get(fact.target);
    if (resource) for (const unit of units.unitsOf(fact.range.file)) addUse(unit, resource, fact.method, fact.range);
  }
  for (const use of environmentUses(annotations, facts, units.units)) addUse(use.unit, use.resource, "environment_variables", use.range);
  for (const use of creationUses(annotations, facts, units.units)) addUse(use.unit, use.resource, CREATION, use.range);
  return [...pairs.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, pair]) => {
      const first = pair.ranges[0] as SourceRange;
      return {
        type: "use",
        use: { unit: pair.unit, role: "use", resource: pair.resource, method: pair.method, file: first.file, line: first.start.line },
        range: first,
        facts: pair.ranges,
      };
    });
}
