import type { Resource } from "../plan/index.js";
import { Code, tsValue, type LiteralValue } from "./code.js";
import type { ProgramContext } from "./context.js";
import { isVpcUnit } from "./network.js";
import { KV_TABLE, secretVariable, topicVariable } from "./refs.js";

/**
 * A unit's IAM policy, derived from its edges: each edge to a store or topic grants exactly the
 * actions klotho's runtime performs on it, on that resource's ARN (edges needing the same actions share a statement). Databases and caches are
 * reached over the network (their security groups admit the unit), so their edges grant nothing.
 */

/** One `Allow` statement, with the edge (or need) it exists for. */
export interface PolicyStatement {
  /** Why: the edges it grants (`exec_unit:pugs -> persist_kv:dogs, persist_kv:cats`), or what the unit itself needs (logs, VPC). */
  readonly reason: string;
  readonly actions: readonly string[];
  readonly resources: readonly LiteralValue[];
  readonly condition?: LiteralValue;
}

/** What the kv runtime calls on the table (klotho_runtime/kv-table.js). */
export const KV_ACTIONS = ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"] as const;
/** What the fs runtime calls on objects (klotho_runtime/s3-objects.js; HeadObject needs GetObject, DeleteObjects needs DeleteObject). */
export const FS_OBJECT_ACTIONS = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"] as const;
/** What the fs runtime calls on the bucket (ListObjects, ListObjectsV2). */
export const FS_BUCKET_ACTIONS = ["s3:ListBucket"] as const;
/** What the secrets runtime calls. */
export const SECRET_ACTIONS = ["secretsmanager:GetSecretValue"] as const;
/** What the emitter runtime calls. */
export const PUBLISH_ACTIONS = ["sns:Publish"] as const;
/** Writing to the unit's own log group. */
export const LOG_ACTIONS = ["logs:CreateLogStream", "logs:PutLogEvents"] as const;
/** A Lambda in a VPC manages its network interfaces; EC2 does not scope these actions to resources. */
export const VPC_ACTIONS = [
  "ec2:AssignPrivateIpAddresses",
  "ec2:CreateNetworkInterface",
  "ec2:DeleteNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
  "ec2:UnassignPrivateIpAddresses",
] as const;
/** Signing in to ECR to pull the unit's image: account-wide, AWS allows no resource. */
export const ECR_TOKEN_ACTIONS = ["ecr:GetAuthorizationToken"] as const;
/** Pulling the layers of the unit's image from its repository. */
export const ECR_PULL_ACTIONS = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"] as const;

/**
 * The statements for the unit's own code, in edge order: those of the same actions as one, on all
 * their resources (the kv table's statement admits every map's partition). IAM holds 10,240
 * characters of inline policy per role: a statement per store outgrows it at about thirty stores.
 */
export function edgeStatements(context: ProgramContext, unit: Resource): PolicyStatement[] {
  const groups = new Map<string, { grants: Grant[]; targets: string[] }>();
  for (const target of context.targets(unit.id)) {
    for (const grant of grantsFor(context, unit, target)) {
      const key = `${grant.actions.join(" ")}${grant.partitions ? " (partitions)" : ""}`;
      const group = groups.get(key) ?? { grants: [], targets: [] };
      group.grants.push(grant);
      if (!group.targets.includes(target.id)) group.targets.push(target.id);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ grants, targets }) => {
    const [first] = grants;
    // The kv maps' grants all name the one table.
    const resources = [...new Map(grants.flatMap((grant) => grant.resources).map((resource) => [resource instanceof Code ? resource.text : JSON.stringify(resource), resource])).values()];
    const partitions = grants.flatMap((grant) => grant.partitions ?? []);
    const statement = { reason: `${unit.id} -> ${targets.join(", ")}`, actions: first?.actions ?? [], resources };
    return first?.partitions ? { ...statement, condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": partitions } } } : statement;
  });
}

/** The statements of a Lambda's role: its logs, its network interfaces when in a VPC, then its edges. */
export function lambdaStatements(context: ProgramContext, unit: Resource): PolicyStatement[] {
  return [
    { reason: "the function's log group", actions: LOG_ACTIONS, resources: [Code.concat(context.ref(unit, "logGroup", "arn"), ":*")] },
    ...(isVpcUnit(context, unit) ? [{ reason: "network interfaces in the VPC", actions: VPC_ACTIONS, resources: ["*"] }] : []),
    ...edgeStatements(context, unit),
  ];
}

/** The statements of an ECS task's execution role: pulling the image and writing its logs. */
export function executionStatements(context: ProgramContext, unit: Resource, secretParameters: readonly Code[] = []): PolicyStatement[] {
  const parameters = [...new Map(secretParameters.map((arn) => [tsValue(arn), arn])).values()];
  return [
    { reason: "ECR sign-in (account-wide)", actions: ECR_TOKEN_ACTIONS, resources: ["*"] },
    { reason: "the unit's image", actions: ECR_PULL_ACTIONS, resources: [context.ref(unit, "repository", "arn")] },
    { reason: "the task's log group", actions: LOG_ACTIONS, resources: [Code.concat(context.ref(unit, "logGroup", "arn"), ":*")] },
    // SecureString parameters under AWS's own key (aws/ssm), which needs no kms:Decrypt grant.
    ...(parameters.length > 0 ? [{ reason: "the secrets in the container's environment", actions: SECRET_PARAMETER_ACTIONS, resources: parameters }] : []),
  ];
}

/** What ECS calls to put SSM parameters in a container's `secrets`. */
export const SECRET_PARAMETER_ACTIONS = ["ssm:GetParameters"] as const;

/** What one edge needs: actions on resources, and for a kv map its partition of the table (`dynamodb:LeadingKeys`). */
interface Grant {
  readonly actions: readonly string[];
  readonly resources: readonly LiteralValue[];
  readonly partitions?: readonly string[];
}

function grantsFor(context: ProgramContext, unit: Resource, target: Resource): Grant[] {
  switch (target.kind) {
    case "persist_kv":
      return [{ actions: KV_ACTIONS, resources: [Code.ref(KV_TABLE, "arn")], partitions: [target.name] }];
    case "persist_fs":
      return [
        { actions: FS_OBJECT_ACTIONS, resources: [Code.concat(context.ref(target, "bucket", "arn"), "/*")] },
        { actions: FS_BUCKET_ACTIONS, resources: [context.ref(target, "bucket", "arn")] },
      ];
    case "persist_secret": {
      const secrets = target.secrets ?? [];
      return secrets.length === 0 ? [] : [{ actions: SECRET_ACTIONS, resources: secrets.map((s) => Code.ref(secretVariable(context, target, s), "arn")) }];
    }
    case "pubsub": {
      const topics = (target.topics ?? []).filter((topic) => topic.publishers.includes(unit.name));
      return topics.length === 0 ? [] : [{ actions: PUBLISH_ACTIONS, resources: topics.map((t) => Code.ref(topicVariable(context, target, t.name), "arn")) }];
    }
    default:
      return [];
  }
}
