import { createDiagnostic } from "../diagnostics/diagnostic.js";
import type { Resource } from "../plan/index.js";
import type { SourceRange } from "../util/source-range.js";
import { APP_NAME_ENV, KV_TABLE_ENV, STACK_NAME_ENV, envName, topicArnEnvName } from "../util/env-names.js";
import { Code, tsValue, type LiteralValue } from "./code.js";
import { ECS_CONTAINER_PORT } from "./network.js";
import { declaredAt, type ProgramContext } from "./context.js";
import { KV_TABLE, STACK, storeAttribute, storeSecretParameter, topicLogicalName, topicVariable } from "./refs.js";

/**
 * A unit's environment: the variables klotho's runtime reads to find its resources (names made by
 * util/env-names.ts, the same as the runtime's), the variables the user's persist annotations
 * name (`DATABASE_URL = "orm.connection_string"`), and klotho.yaml's literal values.
 */

/** One environment variable and where it comes from. */
export interface EnvironmentVariable {
  readonly name: string;
  readonly value: LiteralValue;
  /** The plan id or klotho.yaml setting it comes from. */
  readonly from: string;
  /** The value's length once deployed, when only then known and more than REFERENCE_SIZE (a topic's ARN). */
  readonly size?: number;
  /** For a secret value (a connection string with its password): the ARN of the SSM parameter holding it, which a container reads through `secrets`. */
  readonly secretParameter?: Code;
}

/** Lambda's rule for variable names (at least two characters), also used for ECS. */
const NAME = /^[A-Za-z][A-Za-z0-9_]+$/;

/** Names Lambda reserves for itself; setting one fails the deployment. */
const RESERVED = new Set([
  "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_DEFAULT_REGION", "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API", "AWS_REGION", "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN", "LAMBDA_RUNTIME_DIR", "LAMBDA_TASK_ROOT",
]);

/** The unit's variables, sorted by name; conflicts and names AWS rejects become diagnostics. */
export function unitEnvironment(context: ProgramContext, unit: Resource): EnvironmentVariable[] {
  const variables = new Map<string, EnvironmentVariable>();
  // A clash is reported where the later variable is set: its klotho.yaml line for a literal one.
  const add = (variable: EnvironmentVariable, range = unit.source[0]): void => {
    const known = variables.get(variable.name);
    if (known === undefined) variables.set(variable.name, variable);
    else if (tsValue(known.value) !== tsValue(variable.value)) {
      const extras = { range, related: declaredAt(unit, range) };
      context.diagnostics.push(createDiagnostic("render/environment-conflict", extras, unit.name, variable.name, known.from, variable.from));
    }
  };
  add({ name: APP_NAME_ENV, value: context.app, from: "the app name" });
  // A container listens where its task definition, load balancer and health check look: `PORT` (its
  // Dockerfile sets it too, and the rewritten listen reads it). Another value from klotho.yaml is a conflict.
  if (unit.type !== "lambda") add({ name: "PORT", value: String(ECS_CONTAINER_PORT), from: "the container port" });
  for (const target of context.targets(unit.id)) for (const variable of runtimeVariables(context, target)) add(variable);
  for (const variable of topicVariables(context, unit)) add(variable);
  for (const [name, reference] of Object.entries(unit.environment_variables ?? {})) {
    const variable = referencedVariable(context, name, reference ?? "");
    if (checkName(context, unit, name, variable.from, unit.source[0])) add(variable);
  }
  const literals = context.literalEnvironment.get(unit.name) ?? {};
  for (const [name, value] of Object.entries(literals)) {
    const from = `klotho.yaml execution_units.${unit.name}.environment_variables`;
    const range = context.environmentRange(unit, name);
    if (checkName(context, unit, name, from, range)) add({ name, value, from }, range);
  }
  const sorted = [...variables.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (unit.type === "lambda") {
    // As Lambda measures them: the variables as JSON (`"NAME":"value",`).
    const size = sorted.reduce((total, variable) => total + variable.name.length + (typeof variable.value === "string" ? variable.value.length : (variable.size ?? REFERENCE_SIZE)) + JSON_OVERHEAD, 0);
    if (size > LAMBDA_ENVIRONMENT_LIMIT) context.diagnostics.push(createDiagnostic("render/environment-size", { range: unit.source[0] }, unit.name, sorted.length, size, LAMBDA_ENVIRONMENT_LIMIT));
  }
  return sorted;
}

/** Lambda refuses a function whose variables' names and values add up to more than 4 KB. */
const LAMBDA_ENVIRONMENT_LIMIT = 4096;
/** What a value known only at deploy time (an ARN, a bucket or host name) is counted as. */
const REFERENCE_SIZE = 70;
/** The quotes, colon and comma around a variable in the JSON Lambda measures. */
const JSON_OVERHEAD = 6;
/** `arn:aws:sns:<region>:<account>:` in the longest region names, and the `-<random>` Pulumi puts after a topic's logical name. */
const TOPIC_ARN_AROUND_NAME = "arn:aws:sns:ap-southeast-2:123456789012:".length + 8;

/** The variables the runtime reads for a store the unit has an edge to. */
function runtimeVariables(context: ProgramContext, store: Resource): EnvironmentVariable[] {
  const from = store.id;
  switch (store.kind) {
    case "persist_kv":
      return [{ name: KV_TABLE_ENV, value: Code.ref(KV_TABLE, "name"), from: "the kv table" }];
    case "persist_fs":
      return [{ name: envName("fs", store.name, "bucket"), value: context.ref(store, "bucket", "bucket"), from }];
    case "persist_redis_node":
    case "persist_redis_cluster":
      return ["host", "port"].map((attribute) => ({ name: envName("redis", store.name, attribute), value: attributeOf(context, store, attribute), from }));
    case "persist_orm":
      return [{ name: envName("orm", store.name, "connection_string"), ...secretValue(context, store, "connection_string"), from }];
    case "persist_secret":
      // Declared by the secret store's block (its renderer needs `stack`).
      return [{ name: STACK_NAME_ENV, value: Code.ref(STACK), from: "the Pulumi stack" }];
    default:
      return [];
  }
}

/** Topic ARNs for every topic the unit publishes or subscribes to. */
function topicVariables(context: ProgramContext, unit: Resource): EnvironmentVariable[] {
  // A unit both publishing and subscribing has an edge each way: each service once.
  const services = [...new Set([...context.targets(unit.id), ...context.sources(unit.id)])].filter((r) => r.kind === "pubsub");
  return services.flatMap((service) =>
    (service.topics ?? [])
      .filter((topic) => topic.publishers.includes(unit.name) || topic.subscribers.includes(unit.name))
      .map((topic) => ({
        name: topicArnEnvName(service.name, topic.name),
        value: Code.ref(topicVariable(context, service, topic.name), "arn"),
        from: `${service.id} event '${topic.name}'`,
        size: TOPIC_ARN_AROUND_NAME + topicLogicalName(service, topic.name).length,
      })),
  );
}

/** A variable a persist annotation names: `persist_orm:db#connection_string`. */
function referencedVariable(context: ProgramContext, name: string, reference: string): EnvironmentVariable {
  const [id = "", attribute = ""] = reference.split("#");
  const store = context.resource(id);
  if (store === undefined || storeAttribute(context, store, attribute) === undefined) throw new Error(`internal: environment variable ${name} refers to unknown ${reference}`);
  return { name, ...secretValue(context, store, attribute), from: id };
}

/** A store attribute's value, with the SSM parameter that also holds it when it is a secret. */
function secretValue(context: ProgramContext, store: Resource, attribute: string): Pick<EnvironmentVariable, "value" | "secretParameter"> {
  const secretParameter = storeSecretParameter(context, store, attribute);
  return { value: attributeOf(context, store, attribute), ...(secretParameter === undefined ? {} : { secretParameter }) };
}

function attributeOf(context: ProgramContext, store: Resource, attribute: string): Code {
  const value = storeAttribute(context, store, attribute);
  if (value === undefined) throw new Error(`internal: ${store.id} has no attribute ${attribute}`);
  return value;
}

/** True when AWS accepts `name`; otherwise reports it. */
function checkName(context: ProgramContext, unit: Resource, name: string, from: string, range: SourceRange | undefined): boolean {
  if (NAME.test(name) && !RESERVED.has(name)) return true;
  context.diagnostics.push(createDiagnostic("render/invalid-environment-name", { range }, unit.name, name, from));
  return false;
}
