import type { ListenerHome } from "../../units/index.js";
import type { EditContext } from "../edit-context.js";
import { sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";

/**
 * A unit's copy of a file whose listeners of cross-unit topics another unit hears (the gateway's app
 * file a route unit carries, a helper several units import): each call registering one gets its
 * emitter through the runtime's `heardIn`, which registers nothing. The event reaches that unit
 * through the topic, so its listener runs once, as in the single process, not once per unit.
 */
export function leaveListenersToTheirUnit(context: EditContext, nodes: NodeIndex, elsewhere: ListenerHome | undefined): void {
  if (!elsewhere) return;
  for (const range of elsewhere.calls) {
    const call = nodes.at(range);
    if (call?.type !== "CallExpression" && call?.type !== "OptionalCallExpression") continue;
    if (call.callee.type !== "MemberExpression" && call.callee.type !== "OptionalMemberExpression") continue;
    const emitter = call.callee.object;
    const wrapped = `${context.runtime("emitter", "heardIn")}(${sourceOf(context.parsed, emitter)}, ${JSON.stringify(elsewhere.unit)})`;
    context.replace(emitter.start ?? 0, emitter.end ?? 0, wrapped);
  }
}
