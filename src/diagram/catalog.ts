import type { Resource } from "../plan/index.js";
import type { Category } from "./style.js";

/** The pictures glyphs.ts draws. */
export type GlyphName =
  | "clients"
  | "lambda"
  | "container"
  | "kubernetes"
  | "api"
  | "table"
  | "bucket"
  | "key"
  | "database"
  | "bolt"
  | "chip"
  | "broadcast"
  | "globe"
  | "box";

/** How the diagram shows a resource type: its name in words, its category and its glyph. */
export interface TypeLook {
  readonly label: string;
  readonly category: Category;
  readonly glyph: GlyphName;
}

const byKindAndType: Readonly<Record<string, TypeLook>> = {
  "exec_unit/lambda": { label: "Lambda", category: "compute", glyph: "lambda" },
  "exec_unit/ecs": { label: "ECS Fargate", category: "compute", glyph: "container" },
  "exec_unit/eks": { label: "EKS", category: "compute", glyph: "kubernetes" },
  "gateway/apigateway": { label: "API Gateway", category: "network", glyph: "api" },
  "persist_kv/dynamodb": { label: "DynamoDB", category: "data", glyph: "table" },
  "persist_fs/s3": { label: "S3", category: "data", glyph: "bucket" },
  "persist_secret/secrets_manager": { label: "Secrets Manager", category: "data", glyph: "key" },
  "persist_orm/rds_postgres": { label: "RDS Postgres", category: "data", glyph: "database" },
  "persist_redis_node/elasticache": { label: "ElastiCache", category: "data", glyph: "bolt" },
  "persist_redis_cluster/memorydb": { label: "MemoryDB", category: "data", glyph: "chip" },
  "pubsub/sns": { label: "SNS", category: "messaging", glyph: "broadcast" },
  "static_unit/s3": { label: "S3 + CloudFront", category: "static", glyph: "globe" },
};

// A type this table does not know (an organisation's own) still gets its kind's category.
const categoryByKind: Readonly<Record<string, Category>> = {
  exec_unit: "compute",
  gateway: "network",
  pubsub: "messaging",
  static_unit: "static",
};

/** The look of a resource: the table's entry for its kind and type, adjusted by the parameters that change what it is. */
export function lookOf(resource: Resource): TypeLook {
  const known = byKindAndType[`${resource.kind}/${resource.type}`];
  if (!known) return { label: resource.type, category: categoryByKind[resource.kind] ?? "data", glyph: "box" };
  if (resource.kind === "gateway" && resource.params["apiType"] === "HTTP") return { ...known, label: "API Gateway HTTP" };
  if (resource.kind === "static_unit" && resource.params["cloudFrontEnabled"] === false) return { ...known, label: "S3 website" };
  return known;
}

/** The look of the clients node that stands for the internet in front of public resources. */
export const clientsLook: TypeLook = { label: "Internet", category: "client", glyph: "clients" };
