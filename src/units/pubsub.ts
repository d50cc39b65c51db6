import type { Annotation } from "../annotations/index.js";
import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { Fact, FactOf } from "../facts/index.js";
import { compareStrings } from "../util/compare.js";
import type { SourceRange } from "../util/source-range.js";
import { factsBoundTo } from "./bound-facts.js";
import { topicNameClashes } from "./topic-names.js";

/** One event name of a topic service, with the units that emit it and the units that listen to it. */
export interface Topic {
  readonly name: string;
  /** Units that emit the event, sorted. */
  readonly publishers: readonly string[];
  /** Units that listen to the event, sorted. */
  readonly subscribers: readonly string[];
}

/** An `emit` or `on` with a known event name, attributed to a unit that runs the file it is written in. */
export interface TopicUse {
  readonly unit: string;
  readonly role: "publish" | "subscribe";
  readonly method: string;
  readonly topic: string;
  /** A listener registered by code another file's code calls: it runs where that code runs, not when its file loads. */
  readonly calledElsewhere?: true;
  readonly range: SourceRange;
}

/** A use before it is attributed to units; an emit a helper runs for a caller in another file says where that call is. */
export interface DraftTopicUse extends Omit<TopicUse, "unit"> {
  /** The helper's call naming the event (`publish("a.done")`), when it is written in another file than the emit. */
  readonly calledFrom?: SourceRange;
}

/** A TopicService before its uses are attributed to units: what the code says, whichever units run it. */
export interface TopicServiceDraft extends Omit<TopicService, "topics" | "uses"> {
  readonly uses: readonly DraftTopicUse[];
}

/** The file whose units make a use: the call naming the event for an emit in a helper, else the file the call is written in. */
export function fileOfUse(use: DraftTopicUse): string {
  return (use.calledFrom ?? use.range).file;
}

/** A `@klotho::pubsub` annotation with the emitters it is on and how the program uses them. */
export interface TopicService {
  readonly annotation: Annotation;
  /** Ids of the emitters created in the annotated statement. */
  readonly emitters: readonly string[];
  /** True when another module can reach an emitter: its module exports it, or another file uses it. */
  readonly exported: boolean;
  /** Event names, sorted. */
  readonly topics: readonly Topic[];
  /** Every use with a known event name, in source order. */
  readonly uses: readonly TopicUse[];
}

/** The events an EventEmitter emits itself (runtime/emitter.js keeps them local): `on("error")` is no topic. */
const EMITTER_EVENTS: ReadonlySet<string> = new Set(["error", "newListener", "removeListener"]);

/**
 * The topic services of `@klotho::pubsub` annotations: each one's emitters, whether other modules
 * can reach them, and the events emitted and listened to. An event name that is not a known string
 * is a warning: klotho cannot route it, so that call stays in-process.
 */
export function findTopicServices(annotations: readonly Annotation[], facts: readonly Fact[]): { services: TopicServiceDraft[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const services: TopicServiceDraft[] = [];
  for (const annotation of annotations) {
    if (annotation.capability !== "pubsub") continue;
    const bound = factsBoundTo(annotation, facts).filter((f): f is FactOf<"emitter"> => f.kind === "emitter");
    const ids = new Set(bound.map((f) => f.id));
    const events = facts.filter((f): f is FactOf<"emitter_event"> => f.kind === "emitter_event" && ids.has(f.target));
    const exported =
      facts.some((f) => f.kind === "emitter_export" && ids.has(f.target)) || events.some((e) => !bound.some((b) => b.range.file === e.range.file));
    const uses: DraftTopicUse[] = [];
    // A helper forwarding its parameter (`publish(event) { bus.emit(event) }`) is named by its callers:
    // its call site, seen with their names too, is not dynamic for the one run with unknown arguments.
    const named = new Set(events.filter((e) => e.topic !== undefined).map((e) => rangeKey(e.range)));
    for (const event of events) {
      // EventEmitter's own events stay in the process, as the runtime keeps them: no topic, no subscription.
      if (event.topic !== undefined && EMITTER_EVENTS.has(event.topic)) continue;
      if (event.topic === undefined) {
        if (exported && !(event.forwarded && named.has(rangeKey(event.range)))) diagnostics.push(createDiagnostic("pubsub/dynamic-topic", { range: event.range }, event.method, annotation.id ?? "?"));
        continue;
      }
      uses.push({
        role: event.role,
        method: event.method,
        topic: event.topic,
        ...(event.calledElsewhere ? { calledElsewhere: true as const } : {}),
        range: event.range,
        ...(event.calledFrom ? { calledFrom: event.calledFrom } : {}),
      });
    }
    if (exported && !events.some((event) => event.role === "publish" && event.topic === undefined)) diagnostics.push(...unpublishedListeners(uses, annotation.id ?? "?"));
    // Only a service other modules reach has topics; the later of two events sharing a topic's variable is reported and left out.
    const clashes = exported ? topicNameClashes(uses, annotation.id ?? "?") : { diagnostics: [], clashing: new Set<string>() };
    diagnostics.push(...clashes.diagnostics);
    services.push({ annotation, emitters: [...ids].sort(compareStrings), exported, uses: uses.filter((use) => !clashes.clashing.has(use.topic)) });
  }
  return { services, diagnostics };
}

/** A warning at the first listener of each event nothing emits (an emitter reached through dependency injection, which klotho does not follow). */
function unpublishedListeners(uses: readonly DraftTopicUse[], id: string): Diagnostic[] {
  const published = new Set(uses.filter((use) => use.role === "publish").map((use) => use.topic));
  const warned = new Set<string>();
  return uses.flatMap((use) => {
    if (use.role !== "subscribe" || published.has(use.topic) || warned.has(use.topic)) return [];
    warned.add(use.topic);
    return [createDiagnostic("pubsub/no-publisher", { range: use.range }, use.topic, id)];
  });
}

/**
 * The services with each use attributed to the units that run it: an emit to every unit that runs
 * the file it is written in (`unitsOf`), or, for an emit in a helper named by a caller in another
 * file, every unit that runs the caller's file (a unit that imports the helper's file but never calls
 * it does not publish); a listener of a service other modules reach, registered by the file's
 * top-level code, to the one unit that hears the file's listeners (`listenerUnitOf`, when there is
 * one), since every other unit carrying the file hands the event to that unit through the topic
 * instead of running it too. A listener registered by code another file calls (`registerAudit()` from
 * b.js) runs in whichever units run the callers, which klotho does not follow: it counts for every
 * unit running its file, as an emit does.
 */
export function attributeTopicUses(drafts: readonly TopicServiceDraft[], unitsOf: (file: string) => readonly string[], listenerUnitOf: (file: string) => string | undefined): TopicService[] {
  return drafts.map((draft) => {
    const unitsOfUse = (use: DraftTopicUse): readonly string[] => {
      const hearing = draft.exported && use.role === "subscribe" && !use.calledElsewhere ? listenerUnitOf(use.range.file) : undefined;
      return hearing === undefined ? unitsOf(fileOfUse(use)) : [hearing];
    };
    const attributed = distinctUses(draft.uses.flatMap((use) => unitsOfUse(use).map((unit): TopicUse => ({ unit, role: use.role, method: use.method, topic: use.topic, ...(use.calledElsewhere ? { calledElsewhere: true as const } : {}), range: use.range }))));
    const uses = attributed.filter((use) => !draft.exported || use.role !== "subscribe" || !onlyItselfPublishes(attributed, use));
    return { ...draft, uses, topics: topicsOf(uses) };
  });
}

/** The uses without repeats: a helper's emit called from two files one unit runs is one use of that unit. */
function distinctUses(uses: readonly TopicUse[]): TopicUse[] {
  const seen = new Set<string>();
  return uses.filter((use) => {
    const key = [use.unit, use.role, use.topic, rangeKey(use.range)].join("\u0000");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * True when a listener's unit is the only one emitting its event: its listeners already run in-process
 * when it emits, and the topic skips what a unit published itself, so a subscription would cost an
 * invocation per event that does nothing. (An event nobody in the app emits keeps its subscribers:
 * something outside may publish it.)
 */
function onlyItselfPublishes(uses: readonly TopicUse[], listener: TopicUse): boolean {
  const publishers = new Set(uses.filter((use) => use.role === "publish" && use.topic === listener.topic).map((use) => use.unit));
  return publishers.size === 1 && publishers.has(listener.unit);
}

/** The unit that hears a file's listeners of cross-unit services, and the calls (`on`, `once`, ...) registering them. */
export interface ListenerHome {
  readonly unit: string;
  readonly calls: readonly SourceRange[];
}

/** Where each file's listeners of cross-unit services are heard, by file. */
export type ListenerHomes = ReadonlyMap<string, ListenerHome>;

/** The files whose top-level code registers listeners of services other modules reach, with the one unit that hears them. */
export function listenerHomes(services: readonly TopicService[]): ListenerHomes {
  const homes = new Map<string, { unit: string; calls: SourceRange[] }>();
  for (const service of services) {
    if (!service.exported) continue;
    for (const use of service.uses) {
      if (use.role !== "subscribe" || use.calledElsewhere) continue;
      const home = homes.get(use.range.file);
      if (home) home.calls.push(use.range);
      else homes.set(use.range.file, { unit: use.unit, calls: [use.range] });
    }
  }
  return homes;
}

function topicsOf(uses: readonly TopicUse[]): Topic[] {
  const names = [...new Set(uses.map((u) => u.topic))].sort(compareStrings);
  const unitsFor = (name: string, role: TopicUse["role"]): string[] =>
    [...new Set(uses.filter((u) => u.topic === name && u.role === role).map((u) => u.unit))].sort(compareStrings);
  return names.map((name) => ({ name, publishers: unitsFor(name, "publish"), subscribers: unitsFor(name, "subscribe") }));
}

function rangeKey(range: SourceRange): string {
  return `${range.file}:${String(range.start.line)}:${String(range.start.column)}`;
}
