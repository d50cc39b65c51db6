import type { TopicService } from "../units/index.js";
import { compareStrings } from "../util/compare.js";
import type { SourceRange } from "../util/source-range.js";
import type { BoundCounts, Subject } from "./subject.js";

/** The emitter counts of a pubsub annotation: reachable emitters are topic services, the others stay in-process. */
export function emitterCounts(service: TopicService | undefined): Pick<BoundCounts, "emitter" | "emitter_local"> {
  const count = service?.emitters.length ?? 0;
  return service?.exported ? { emitter: count, emitter_local: 0 } : { emitter: 0, emitter_local: count };
}

/**
 * One use subject per (unit, topic service, role) of the exported emitters: the units that emit
 * events publish to the service, the units that listen subscribe to it. The first call is the
 * subject's location, every call a fact.
 */
export function topicUseSubjects(services: readonly TopicService[]): Subject[] {
  const groups = new Map<string, { unit: string; role: "publish" | "subscribe"; resource: string; method: string; ranges: SourceRange[] }>();
  for (const service of services) {
    if (!service.exported || service.annotation.id === undefined) continue;
    const resource = `pubsub:${service.annotation.id}`;
    for (const use of service.uses) {
      const key = `${use.unit}\u0000${resource}\u0000${use.role}`;
      const group = groups.get(key);
      if (group) group.ranges.push(use.range);
      else groups.set(key, { unit: use.unit, role: use.role, resource, method: use.method, ranges: [use.range] });
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([, group]) => {
      const first = group.ranges[0] as SourceRange;
      return {
        type: "use",
        use: { unit: group.unit, role: group.role, resource: group.resource, method: group.method, file: first.file, line: first.start.line },
        range: first,
        facts: group.ranges,
      };
    });
}
