// What the end-to-end tests share: compiling a project with the real CLI into a workspace under the
// repository (so the units resolve express & co. from its node_modules, without an npm install),
// loading a unit's Lambda handler the way Lambda does, the local DynamoDB table the kv runtime uses,
// and typed access to what the handlers answer.
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { startDynalite, type LocalBackend } from "../helpers/local-backends.js";
import { runCli } from "../helpers/run-cli.js";
import { createTempFolder, type FileTree } from "../helpers/temp-project.js";
import type { V1Result, V2Result } from "../fixtures/runtime-types/apigateway.js";
import { requireRuntime, type RuntimeModules } from "../runtime/runtime-modules.js";

/** The repository root. */
export const REPO = path.resolve(import.meta.dirname, "..", "..");

/** A compiled project in a workspace of its own. */
export interface CompiledProject {
  /** The Lambda handler of a unit: `compiled/<unit>/klotho_runtime/dispatcher.handler`. */
  handler(unit: string): (event: unknown) => Promise<Answer>;
  /** The folder of a unit: `compiled/<unit>`. */
  unitDir(unit: string): string;
  /** Deletes the workspace. */
  remove(): void;
}

/** Compiles `project` with `klotho <project> --app <app> --provider aws -o compiled` in a fresh workspace; the compile must succeed. */
export async function compileProject(project: string, app: string): Promise<CompiledProject> {
  const workspace = mkdtempSync(path.join(REPO, ".tmp-e2e-"));
  const compiled = path.join(workspace, "compiled");
  const remove = (): void => {
    rmSync(workspace, { recursive: true, force: true });
  };
  const result = await runCli([project, "--app", app, "--provider", "aws", "-o", compiled], { cwd: workspace });
  if (result.code !== 0) remove();
  expect(result.code, result.stderr).toBe(0);
  return {
    handler(unit) {
      const { handler } = requireRuntime("dispatcher.js", path.join(compiled, unit, "klotho_runtime"));
      return (event) => handler(event, {});
    },
    unitDir: (unit) => path.join(compiled, unit),
    remove,
  };
}

/** Writes `files` to a temporary project folder, compiles it like {@link compileProject}, and removes both folders on `remove()`. */
export async function compileFiles(files: FileTree, app: string): Promise<CompiledProject> {
  const source = createTempFolder(files);
  try {
    const project = await compileProject(source.dir, app);
    return { ...project, remove: () => { project.remove(); source.remove(); } };
  } catch (error) {
    source.remove();
    throw error;
  }
}

/** A test fixture project (`test/fixtures/<theme>/<case>`). */
export function fixture(theme: string, name: string): string {
  return path.join(REPO, "test", "fixtures", theme, name);
}

/** Credentials and region for the local emulators: s3rver's fixed key, which dynalite accepts too. */
export const LOCAL_AWS = { AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" } as const;

/** Sets environment variables for the rest of the test file and returns a function that restores them. */
export function setEnv(variables: Readonly<Record<string, string>>): () => void {
  const previous = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) Reflect.deleteProperty(process.env, name);
      else process.env[name] = value;
    }
  };
}

/** A DynamoDB client for the local endpoint, for tests that look at the table behind a kv map. */
export function dynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_AWS.AWS_REGION, credentials: { accessKeyId: LOCAL_AWS.AWS_ACCESS_KEY_ID, secretAccessKey: LOCAL_AWS.AWS_SECRET_ACCESS_KEY } });
}

/** Creates the app's kv table as the Pulumi program does: partition key `pk`, sort key `sk`, both strings. */
export async function createKvTable(endpoint: string, table: string): Promise<void> {
  const client = dynamoClient(endpoint);
  try {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "S" }],
        KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  } finally {
    client.destroy();
  }
}

/** What a unit's Lambda handler answers. */
export type Answer = Awaited<ReturnType<RuntimeModules["dispatcher.js"]["handler"]>>;

/** The answer to a REST API (v1) event. */
export function v1Result(answer: Answer): V1Result {
  if ("statusCode" in answer && "multiValueHeaders" in answer) return answer;
  throw new Error(`expected a REST API (v1) result, got ${JSON.stringify(answer)}`);
}

/** The answer to an HTTP API (v2) event. */
export function v2Result(answer: Answer): V2Result {
  if ("statusCode" in answer && !("multiValueHeaders" in answer)) return answer;
  throw new Error(`expected an HTTP API (v2) result, got ${JSON.stringify(answer)}`);
}

/** The JSON body of a result (which must be text, not base64). */
export function jsonOf(result: V1Result | V2Result): unknown {
  expect(result.isBase64Encoded).toBe(false);
  return JSON.parse(result.body) as unknown;
}

/** The bytes of a result's body, which must be base64 (binary). */
export function bytesOf(result: V1Result | V2Result): Buffer {
  expect(result.isBase64Encoded).toBe(true);
  return Buffer.from(result.body, "base64");
}

/** A framework's compiled pug shop (whose persisted Map lives in dynalite) and one other compiled fixture of it. */
export interface ShopAndOther {
  readonly shop: () => CompiledProject;
  readonly other: () => CompiledProject;
}

/**
 * Compiles `<framework>/esm-two-units` as app `pugshop` and `<framework>/<other>` as app `otherApp`
 * before the file's tests, with dynalite and the shop's kv table; removes everything after them.
 */
export function useShopAndOther(framework: string, other: string, otherApp: string): ShopAndOther {
  let shop: CompiledProject | undefined;
  let second: CompiledProject | undefined;
  let dynalite: LocalBackend | undefined;
  let restoreEnv = (): void => undefined;
  beforeAll(async () => {
    [shop, second, dynalite] = await Promise.all([compileProject(fixture(framework, "esm-two-units"), "pugshop"), compileProject(fixture(framework, other), otherApp), startDynalite()]);
    restoreEnv = setEnv({ ...LOCAL_AWS, AWS_ENDPOINT_URL_DYNAMODB: dynalite.endpoint, KLOTHO_APP_NAME: "pugshop", KLOTHO_KV_TABLE: "pugshop-kv" });
    await createKvTable(dynalite.endpoint, "pugshop-kv");
  }, 60_000);
  afterAll(async () => {
    restoreEnv();
    await dynalite?.stop();
    shop?.remove();
    second?.remove();
  });
  const compiled = (project: CompiledProject | undefined): CompiledProject => {
    if (!project) throw new Error("the compiled projects are made before the tests");
    return project;
  };
  return { shop: () => compiled(shop), other: () => compiled(second) };
}
