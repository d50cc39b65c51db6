import { createDiagnostic, type Diagnostic } from "../diagnostics/diagnostic.js";
import { envSegment, topicArnEnvName } from "../util/env-names.js";

/** What the clash check needs of a use: its event name and where it is written. */
interface NamedUse {
  readonly topic: string;
  readonly range: NonNullable<Diagnostic["range"]>;
}

/**
 * Events of one pubsub whose topics would share an ARN variable: the runtime finds an event's topic
 * in `KLOTHO_PUBSUB_<ID>_<EVENT>_ARN`, the event name upper-cased with every other character than a
 * letter or digit as `_`, so `user.created` and `user_created` cannot both be topics. An error at the
 * first use of each event whose variable an event used earlier already names (pointing at that
 * event's first use), and the names of those later events.
 */
export function topicNameClashes(uses: readonly NamedUse[], id: string): { diagnostics: Diagnostic[]; clashing: ReadonlySet<string> } {
  const firstBySegment = new Map<string, NamedUse>();
  const seen = new Set<string>();
  const clashing = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const use of uses) {
    if (seen.has(use.topic)) continue;
    seen.add(use.topic);
    const segment = envSegment(use.topic);
    const first = firstBySegment.get(segment);
    if (first === undefined) {
      firstBySegment.set(segment, use);
      continue;
    }
    clashing.add(use.topic);
    const related = [{ message: `'${first.topic}' is first used here`, range: first.range }];
    diagnostics.push(createDiagnostic("pubsub/topic-name-clash", { range: use.range, related }, use.topic, first.topic, id, topicArnEnvName(id, use.topic)));
  }
  return { diagnostics, clashing };
}
