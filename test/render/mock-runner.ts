// Runs a generated Pulumi program under Pulumi's mocks and prints what it would create, as JSON.
// The test transpiles this file (and the program's index.ts) to CommonJS in the program's temp
// folder and runs `node --require mock-preload.cjs mock-runner.cjs <program.js> <project>` in a child
// process, so every program gets a fresh Pulumi runtime (mock-preload.ts makes its start cheaper). Stack config comes from PULUMI_CONFIG, as under `pulumi up`.
import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered: its type token, logical name and resolved inputs. */
export interface MockResource {
  readonly type: string;
  readonly name: string;
  /** The inputs as the cloud receives them (secrets unwrapped). */
  readonly inputs: Record<string, unknown>;
  /** Inputs holding a secret somewhere inside (Pulumi encrypts them in the state). */
  readonly secretInputs: string[];
}

/** What a program run under mocks produced. */
export interface MockInventory {
  readonly resources: MockResource[];
  readonly calls: { readonly token: string; readonly inputs: Record<string, unknown> }[];
  readonly outputs: Record<string, unknown>;
}

const ACCOUNT = "123456789012";
const REGION = "us-east-1";

/** Outputs AWS would compute, enough for the program's references (names, ARNs, endpoints). */
function computedState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const service = type.split(":")[1]?.split("/")[0] ?? "mock";
  const physical = typeof inputs["name"] === "string" ? inputs["name"] : typeof inputs["namePrefix"] === "string" ? `${inputs["namePrefix"]}0001` : `${name}-0000001`;
  const arn = `arn:aws:${service}:${REGION}:${ACCOUNT}:${physical}`;
  const base = { name: physical, arn };
  switch (type) {
    case "aws:ecr/repository:Repository":
      return { ...base, repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${physical}`, registryId: ACCOUNT };
    case "docker-build:index:Image":
      return { digest: `sha256:${name.padEnd(64, "0").slice(0, 64)}`, ref: `${name}@sha256:0` };
    case "aws:lambda/function:Function":
      return { ...base, invokeArn: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations` };
    case "aws:apigateway/restApi:RestApi":
      return { ...base, rootResourceId: `${name}-root`, executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${name}-id` };
    case "aws:apigateway/stage:Stage":
      return { ...base, invokeUrl: `https://${name}.execute-api.${REGION}.amazonaws.com/${String(inputs["stageName"])}` };
    case "aws:apigatewayv2/api:Api":
      return { ...base, apiEndpoint: `https://${name}.execute-api.${REGION}.amazonaws.com`, executionArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${name}-id` };
    case "aws:apigatewayv2/stage:Stage":
      return { ...base, invokeUrl: `https://${name}.execute-api.${REGION}.amazonaws.com/` };
    case "aws:s3/bucket:Bucket":
      return { bucket: `${name}-0000001`, arn: `arn:aws:s3:::${name}-0000001`, bucketRegionalDomainName: `${name}-0000001.s3.${REGION}.amazonaws.com` };
    case "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration":
      return { websiteEndpoint: `${name}.s3-website-${REGION}.amazonaws.com` };
    case "aws:elasticache/cluster:Cluster":
      return { ...base, cacheNodes: [{ address: `${name}.cache.amazonaws.com`, port: 6379 }] };
    case "aws:memorydb/cluster:Cluster":
      return { ...base, clusterEndpoints: [{ address: `clustercfg.${name}.memorydb.amazonaws.com`, port: 6379 }] };
    case "aws:rds/instance:Instance":
      return { ...base, address: `${name}.rds.amazonaws.com`, port: 5432 };
    case "aws:lb/loadBalancer:LoadBalancer":
      return { ...base, dnsName: `${name}.elb.amazonaws.com` };
    case "aws:cloudfront/distribution:Distribution":
      return { ...base, domainName: `${name}.cloudfront.net` };
    default:
      return base;
  }
}

function callResult(token: string): Record<string, unknown> {
  switch (token) {
    case "aws:index/getAvailabilityZones:getAvailabilityZones":
      return { names: [`${REGION}a`, `${REGION}b`], zoneIds: ["use1-az1", "use1-az2"] };
    case "aws:index/getRegion:getRegion":
      return { name: REGION, region: REGION };
    case "aws:ecr/getAuthorizationToken:getAuthorizationToken":
      return { userName: "AWS", password: "token", proxyEndpoint: `https://${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com` };
    default:
      return {};
  }
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? { ...value } : {};
}

/** Pulumi's marker of a secret value in serialized inputs. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && SECRET_SIG in value && "value" in value;
}

function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsSecret);
  return false;
}

async function settle(value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) return new Promise((resolve) => value.apply((v) => (resolve(v), v)));
  return value;
}

/** The stack the programs run as: not the project's name, so that a name made of both shows which is which. */
const MOCK_STACK = "dev";

async function run(programFile: string, project: string): Promise<MockInventory> {
  const inventory: MockInventory = { resources: [], calls: [], outputs: {} };
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        const raw = record(args.inputs);
        const inputs = record(unwrapSecrets(raw));
        const secretInputs = Object.keys(raw).filter((key) => holdsSecret(raw[key]));
        inventory.resources.push({ type: args.type, name: args.name, inputs, secretInputs });
        return { id: `${args.name}-id`, state: { ...inputs, ...computedState(args.type, args.name, inputs) } };
      },
      call(args) {
        inventory.calls.push({ token: args.token, inputs: record(args.inputs) });
        return callResult(args.token);
      },
    },
    project,
    MOCK_STACK,
    false,
  );
  const program = record(await import(programFile));
  for (const [name, value] of Object.entries(program)) if (name !== "default") inventory.outputs[name] = await settle(value);
  await pulumi.runtime.disconnect();
  return inventory;
}

const [programFile, project] = process.argv.slice(2);
if (programFile === undefined || project === undefined) throw new Error("usage: mock-runner <program.js> <project>");
run(programFile, project).then(
  (inventory) => process.stdout.write(JSON.stringify(inventory)),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
