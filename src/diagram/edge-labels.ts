import type { Resource } from "../plan/index.js";
import { compareStrings } from "../util/compare.js";
import { groupBy } from "../util/lists.js";

/**
 * What an edge carries, in a few words: the routes a gateway sends to a unit (`GET /pugs/:id`, or the
 * first one and `+N`), the topics a unit publishes or subscribes to, `uses` for a store.
 */
export function edgeLabel(source: Resource, target: Resource): string {
  if (source.routes && target.kind === "exec_unit") {
    const routes = routesByUnit(source.routes).get(target.name) ?? [];
    const first = routes[0];
    return first ? summarise(`${first.method} ${first.path}`, routes.length) : "invokes";
  }
  if (target.kind === "pubsub" && source.kind === "exec_unit") return topicLabel("publish", target, (topic) => topic.publishers.includes(source.name));
  if (source.kind === "pubsub" && target.kind === "exec_unit") return topicLabel("subscribe", source, (topic) => topic.subscribers.includes(target.name));
  return "uses";
}

type Route = NonNullable<Resource["routes"]>[number];

// A gateway's routes grouped by unit once, sorted by path then method: each of its edges asks for one unit's.
const grouped = new WeakMap<readonly Route[], ReadonlyMap<string, readonly Route[]>>();

function routesByUnit(routes: readonly Route[]): ReadonlyMap<string, readonly Route[]> {
  let byUnit = grouped.get(routes);
  if (!byUnit) {
    byUnit = groupBy([...routes].sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.method, b.method)), (route) => route.unit);
    grouped.set(routes, byUnit);
  }
  return byUnit;
}

type Topic = NonNullable<Resource["topics"]>[number];

function topicLabel(verb: string, service: Resource, uses: (topic: Topic) => boolean): string {
  const names = (service.topics ?? []).filter(uses).map((topic) => topic.name);
  const first = names[0];
  return first === undefined ? verb : summarise(`${verb} ${first}`, names.length);
}

/** The first item, and `+N` for the others. */
function summarise(first: string, total: number): string {
  return total > 1 ? `${first} +${total - 1}` : first;
}
