import type { Resource } from "../plan/index.js";
import type { Code } from "./code.js";
import type { ProgramContext } from "./context.js";
import { LONG_SLUG, logicalName } from "./names.js";

/**
 * The program variables one block declares and others use, named in one place: a unit's
 * environment, its IAM policy and the gateway all refer to the stores' and units' variables.
 */

/** The app's one DynamoDB table (every kv map is a partition of it). */
export const KV_TABLE = "kvTable";

/** The stack's name (`pulumi.getStack()`), declared by the program when a block needs it. */
export const STACK = "stack";

/** The variable of a Secrets Manager secret of a secret store. */
export function secretVariable(context: ProgramContext, store: Resource, secret: string): string {
  return context.variable(store, `${secret} secret`);
}

/** The logical name of the SNS topic of event `topic` of a topic service (Pulumi names the topic after it). */
export function topicLogicalName(service: Resource, topic: string): string {
  return logicalName([service.name, topic], undefined, LONG_SLUG);
}

/** The variable of the SNS topic of event `topic` of a topic service. */
export function topicVariable(context: ProgramContext, pubsub: Resource, topic: string): string {
  return context.variable(pubsub, `${topic} topic`);
}

/** The variable of the Lambda function of a unit. */
export function functionVariable(context: ProgramContext, unit: Resource): string {
  return context.variable(unit, "function");
}

/** Attributes of stores other blocks can use (`persist_orm:db#connection_string`), as the variable the store's block declares. */
const STORE_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  persist_redis_node: { host: "host", port: "port" },
  persist_redis_cluster: { host: "host", port: "port" },
  persist_orm: { connection_string: "connectionString" },
};

/**
 * Attributes that hold a credential (the connection string holds the database's master password), as
 * the variable of the SSM SecureString parameter the store's block keeps it in for container units.
 */
const SECRET_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  persist_orm: { connection_string: "connectionStringParameter" },
};

/** The ARN of the SSM parameter holding a store's secret `attribute`, or undefined when the attribute is no secret. */
export function storeSecretParameter(context: ProgramContext, store: Resource, attribute: string): Code | undefined {
  const role = SECRET_ATTRIBUTES[store.kind]?.[attribute];
  return role === undefined ? undefined : context.ref(store, role, "arn");
}

/** True when a container (ECS) unit uses `store`, whose secrets it then reads from SSM parameters. */
export function usedByContainers(context: ProgramContext, store: Resource): boolean {
  return context.sources(store.id).some((unit) => unit.kind === "exec_unit" && unit.type !== "lambda");
}

/** The code for `attribute` of a store (a string output), or undefined when the store has no such attribute. */
export function storeAttribute(context: ProgramContext, store: Resource, attribute: string): Code | undefined {
  const role = STORE_ATTRIBUTES[store.kind]?.[attribute];
  return role === undefined ? undefined : context.ref(store, role);
}
