import { createDiagnostic } from "../../diagnostics/diagnostic.js";
import type { Resource } from "../../plan/index.js";
import type { ProgramContext } from "../context.js";
import { LONG_SLUG, PERMISSION_NAME_LIMIT, cappedName, logicalName } from "../names.js";
import { checkedParams } from "../params.js";
import { functionVariable, topicLogicalName, topicVariable } from "../refs.js";
import { BLOCK_ORDER, type ResourceRenderer } from "./renderer.js";

/** A topic service as one SNS topic per event, delivered to the Lambda functions of its subscribers. */
export const pubsubSns: ResourceRenderer = {
  meta: { kind: "pubsub", type: "sns", description: "one SNS topic per event; a subscription and an invoke permission per subscribing Lambda unit" },
  render(service: Resource, context: ProgramContext) {
    const params = checkedParams(context, service);
    const topics = (service.topics ?? []).map((topic) => ({
      name: topic.name,
      variable: topicVariable(context, service, topic.name),
      logical: topicLogicalName(service, topic.name),
      publishers: topic.publishers.join(", ") || "no unit",
      subscribers: topic.subscribers.join(", ") || "no unit",
      deliveries: topic.subscribers.flatMap((name) => delivery(context, service, topic.name, name)),
    }));
    const subscribed = topics.some((t) => t.deliveries.length > 0);
    return {
      blocks: [
        { template: "pubsub-sns.njk", order: BLOCK_ORDER.topic, key: service.id, model: { id: service.id, topics, displayName: params["displayName"] } },
        ...(subscribed ? [{ template: "pubsub-sns-subscriptions.njk", order: BLOCK_ORDER.subscription, key: service.id, model: { id: service.id, topics } }] : []),
      ],
    };
  },
};

/** The subscription of a Lambda unit; an ECS unit cannot be subscribed (reported). */
function delivery(context: ProgramContext, service: Resource, topic: string, name: string): { unit: string; fn: string; logical: string; permission: string }[] {
  const unit = context.unit(name);
  if (!unit) return [];
  if (unit.type !== "lambda") {
    context.diagnostics.push(createDiagnostic("render/ecs-subscriber", { range: unit.source[0] }, unit.name, topic, service.name));
    return [];
  }
  return [{ unit: name, fn: functionVariable(context, unit), logical: logicalName([service.name, topic, name], undefined, LONG_SLUG), permission: cappedName(logicalName([service.name, topic, name], "sns", LONG_SLUG), PERMISSION_NAME_LIMIT) }];
}
