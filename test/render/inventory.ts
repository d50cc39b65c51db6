// Reading a mock-run inventory the way AWS would see it: which function a unit is, which policy
// its role has, which path an API Gateway method is on. Found by following the references the
// resources hold (role ARN → role → policy), not by assuming the program's names.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { MockInventory, MockResource } from "./mock-runner.js";
import { ofType, REPO } from "./programs.js";

/** One IAM statement as written in a policy document. */
export interface Statement {
  readonly Effect: string;
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: unknown;
}

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function field(resource: MockResource, ...keys: string[]): unknown {
  let value: unknown = resource.inputs;
  for (const key of keys) value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** The Lambda function of unit `name` (the function whose image is built from `./<name>`). */
export function functionOf(inventory: MockInventory, unit: string): MockResource {
  const image = ofType(inventory, "docker-build:index:Image").find((r) => field(r, "context", "location") === `./${unit}`);
  if (!image) throw new Error(`no image for unit ${unit}`);
  const digest = `sha256:${image.name.padEnd(64, "0").slice(0, 64)}`;
  const fn = ofType(inventory, "aws:lambda/function:Function").find((r) => text(field(r, "imageUri")).endsWith(`@${digest}`));
  if (!fn) throw new Error(`no function runs the image of unit ${unit}`);
  return fn;
}

/** The ECS task definition of unit `name`. */
export function taskDefinitionOf(inventory: MockInventory, unit: string): MockResource {
  const image = ofType(inventory, "docker-build:index:Image").find((r) => field(r, "context", "location") === `./${unit}`);
  if (!image) throw new Error(`no image for unit ${unit}`);
  const digest = `sha256:${image.name.padEnd(64, "0").slice(0, 64)}`;
  const task = ofType(inventory, "aws:ecs/taskDefinition:TaskDefinition").find((r) => text(field(r, "containerDefinitions")).includes(`@${digest}`));
  if (!task) throw new Error(`no task definition runs the image of unit ${unit}`);
  return task;
}

/** The statements of the inline policies of the role whose ARN is `roleArn`. */
export function statementsOfRole(inventory: MockInventory, roleArn: string): Statement[] {
  const role = ofType(inventory, "aws:iam/role:Role").find((r) => roleArn.endsWith(`:${r.name}-0000001`));
  if (!role) throw new Error(`no role with ARN ${roleArn}`);
  return ofType(inventory, "aws:iam/rolePolicy:RolePolicy")
    .filter((p) => field(p, "role") === `${role.name}-id`)
    .flatMap((p) => (JSON.parse(text(field(p, "policy"))) as { Statement: Statement[] }).Statement);
}

/** A function's environment variables. */
export function environmentOf(fn: MockResource): Record<string, string> {
  return (field(fn, "environment", "variables") ?? {}) as Record<string, string>;
}

/** An ECS task's environment variables. */
export function taskEnvironmentOf(task: MockResource): Record<string, string> {
  const [container] = JSON.parse(text(field(task, "containerDefinitions"))) as { environment: { name: string; value: string }[] }[];
  return Object.fromEntries((container?.environment ?? []).map((e) => [e.name, e.value]));
}

/** A task's container's `secrets`: each name → the ARN it is read from (`valueFrom`). */
export function taskSecretsOf(task: MockResource): Record<string, string> {
  const [container] = JSON.parse(text(field(task, "containerDefinitions"))) as { secrets?: { name: string; valueFrom: string }[] }[];
  return Object.fromEntries((container?.secrets ?? []).map((e) => [e.name, e.valueFrom]));
}

/**
 * What a task's container sees: its variables, and its secrets as the values of the SSM parameters
 * they name ("?" for an ARN that is no parameter of the program).
 */
export function taskVariablesOf(inventory: MockInventory, task: MockResource): Record<string, string> {
  const parameters = new Map(ofType(inventory, "aws:ssm/parameter:Parameter").map((p) => [`arn:aws:ssm:us-east-1:123456789012:${p.name}-0000001`, text(field(p, "value"))]));
  const secrets = Object.entries(taskSecretsOf(task)).map(([name, arn]): [string, string] => [name, parameters.get(arn) ?? "?"]);
  return { ...taskEnvironmentOf(task), ...Object.fromEntries(secrets) };
}

/** The path of every REST API resource id (`<logical>-id`), root included (`<api>-root` → `/`). */
export function restPaths(inventory: MockInventory): Map<string, string> {
  const resources = ofType(inventory, "aws:apigateway/resource:Resource");
  const paths = new Map<string, string>(ofType(inventory, "aws:apigateway/restApi:RestApi").map((api) => [`${api.name}-root`, "/"]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const resource of resources) {
      const parent = paths.get(text(field(resource, "parentId")));
      const id = `${resource.name}-id`;
      if (parent !== undefined && !paths.has(id)) {
        paths.set(id, `${parent === "/" ? "" : parent}/${text(field(resource, "pathPart"))}`);
        changed = true;
      }
    }
  }
  return paths;
}

/** `GET /pugs/{name}` → the URI of its integration, for every REST method. */
export function restRoutes(inventory: MockInventory): Map<string, string> {
  const paths = restPaths(inventory);
  const integrations = ofType(inventory, "aws:apigateway/integration:Integration");
  const out = new Map<string, string>();
  for (const method of ofType(inventory, "aws:apigateway/method:Method")) {
    const key = `${text(field(method, "httpMethod"))} ${paths.get(text(field(method, "resourceId"))) ?? "?"}`;
    const integration = integrations.find((i) => field(i, "resourceId") === field(method, "resourceId") && field(i, "httpMethod") === field(method, "httpMethod"));
    if (out.has(key)) throw new Error(`two methods for ${key}`);
    out.set(key, text(integration ? field(integration, "uri") : undefined));
  }
  return out;
}

/** `GET /pugs/{name}` → the integration URI of its HTTP API route. */
export function httpRoutes(inventory: MockInventory): Map<string, string> {
  const integrations = ofType(inventory, "aws:apigatewayv2/integration:Integration");
  const out = new Map<string, string>();
  for (const route of ofType(inventory, "aws:apigatewayv2/route:Route")) {
    const integration = integrations.find((i) => field(route, "target") === `integrations/${i.name}-id`);
    out.set(text(field(route, "routeKey")), text(integration ? field(integration, "integrationUri") : undefined));
  }
  return out;
}

/**
 * The IAM actions the runtime module `file` needs: one per AWS SDK command it sends, named as IAM
 * names them (HeadObject is authorised as GetObject, ListObjects as ListBucket, ...).
 */
export function actionsOfRuntime(file: string, service: string): string[] {
  const source = readFileSync(path.join(REPO, "runtime", file), "utf8");
  const authorisedAs: Record<string, string> = { HeadObject: "GetObject", ListObjects: "ListBucket", ListObjectsV2: "ListBucket", DeleteObjects: "DeleteObject" };
  const commands = new Set([...source.matchAll(/new (\w+)Command\(/g)].map((m) => m[1] ?? ""));
  return [...new Set([...commands].map((c) => `${service}:${authorisedAs[c] ?? c}`))].sort();
}
