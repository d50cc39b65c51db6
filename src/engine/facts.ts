import { Fact } from "json-rules-engine";
import type { Topic } from "../units/index.js";
import type { SourceRange } from "../util/source-range.js";
import type { DraftResource } from "./draft.js";
import { visibleEvents, type EarlierEvent } from "./earlier-events.js";
import type { Subject } from "./subject.js";

/** What the event handlers need to know about the subject besides its facts. */
export interface SubjectContext {
  /** Where diagnostics about the subject point. */
  readonly range?: SourceRange;
  /** Locations of the facts the subject rests on, recorded in decisions. */
  readonly facts: readonly SourceRange[];
  /** The annotation comment, for warnings about annotation subjects. */
  readonly annotation?: { readonly text: string; readonly range: SourceRange };
  /** Name of a resource added without an explicit name: the annotation id, else the unit id. */
  readonly defaultName: string;
  /** The unit the subject belongs to: routes without a unit get it. */
  readonly unit: string;
  readonly directives: Readonly<Record<string, unknown>>;
  /** Secret names the resources the subject adds carry (a secret fs import's reads). */
  readonly secrets?: readonly string[];
  /** Topics the resources the subject adds carry (a pubsub annotation's events). */
  readonly topics?: readonly Topic[];
  /** Files the resources the subject adds serve (a static unit's). */
  readonly files?: readonly string[];
  /** For a use subject: what the code does with the resource, for edge reasons. */
  readonly use?: { readonly method: string; readonly role: "use" | "publish" | "subscribe"; readonly resource: string; readonly count: number };
}

/**
 * The json-rules-engine facts of a capability subject: `subject` (its type), its properties
 * (`unit`, `annotation`, `bound`, `routes`, `use`; null where the subject has none), `provider`, and
 * `produced`, the number of resources the subject's rules have added so far (never cached, so a
 * low-priority rule sees what higher-priority rules did).
 */
export function subjectFacts(subject: Subject, provider: string, earlier: readonly EarlierEvent[]): Record<string, unknown> {
  const base = { subject: subject.type, provider, produced: producedFact(earlier), unit: null, annotation: null, bound: null, routes: null, use: null };
  switch (subject.type) {
    case "unit":
      return { ...base, unit: subject.unit };
    case "annotation":
      return { ...base, unit: subject.unit, annotation: subject.annotation, bound: subject.bound, routes: subject.routes };
    case "use":
      return { ...base, use: subject.use };
  }
}

function producedFact(earlier: readonly EarlierEvent[]): Fact<number> {
  const count = (params: Record<string, unknown>): number => visibleEvents(earlier, params).filter((e) => e.type === "add-resource").length;
  return new Fact("produced", count, { cache: false });
}

/** How events about `subject` are applied and reported. */
export function subjectContext(subject: Subject): SubjectContext {
  switch (subject.type) {
    case "unit":
      return { ...(subject.range ? { range: subject.range } : {}), facts: subject.facts, defaultName: subject.unit.id, unit: subject.unit.id, directives: {} };
    case "annotation":
      return {
        range: subject.range,
        facts: subject.facts,
        annotation: { text: subject.text, range: subject.range, ...(subject.boundRange ? { boundTo: subject.boundRange } : {}) },
        defaultName: subject.annotation.id ?? subject.unit,
        unit: subject.unit,
        directives: subject.annotation.directives,
        ...(subject.secrets ? { secrets: subject.secrets } : {}),
        ...(subject.topics ? { topics: subject.topics } : {}),
        ...(subject.files ? { files: subject.files } : {}),
      };
    case "use":
      return {
        range: subject.range,
        facts: subject.facts,
        defaultName: subject.use.unit,
        unit: subject.use.unit,
        directives: {},
        use: { method: subject.use.method, role: subject.use.role, resource: subject.use.resource, count: subject.facts.length },
      };
  }
}

/**
 * The facts of a provider or policy rule: `provider`, and `resource` ({ id, kind, name, type, params,
 * directives }) as the set-type and set-params events of higher-priority rules leave it (never cached).
 */
export function resourceFacts(resource: DraftResource, provider: string, earlier: readonly EarlierEvent[]): Record<string, unknown> {
  const view = (params: Record<string, unknown>): Record<string, unknown> => {
    let type = resource.type === "" ? null : resource.type;
    let merged = resource.params;
    for (const event of visibleEvents(earlier, params)) {
      const value = event.params[event.type === "set-type" ? "type" : "params"];
      if (event.type === "set-type" && typeof value === "string") type = value;
      if (event.type === "set-params" && value !== null && typeof value === "object") merged = { ...merged, ...value };
    }
    return { id: resource.id, kind: resource.kind, name: resource.name, type, params: merged, directives: resource.directives };
  };
  return { resource: new Fact("resource", view, { cache: false }), provider };
}
