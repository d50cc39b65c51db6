import { execUnitEcs } from "./exec-unit-ecs.js";
import { execUnitLambda } from "./exec-unit-lambda.js";
import { gatewayApigateway } from "./gateway-apigateway.js";
import { persistFsS3 } from "./persist-fs-s3.js";
import { persistKvDynamodb } from "./persist-kv-dynamodb.js";
import { persistOrmRdsPostgres } from "./persist-orm-rds-postgres.js";
import { persistRedisClusterMemorydb } from "./persist-redis-cluster-memorydb.js";
import { persistRedisNodeElasticache } from "./persist-redis-node-elasticache.js";
import { persistSecretSecretsManager } from "./persist-secret-secrets-manager.js";
import { pubsubSns } from "./pubsub-sns.js";
import type { ResourceRenderer } from "./renderer.js";
import { staticUnitS3 } from "./static-unit-s3.js";

/** Every AWS renderer, sorted by kind then type: one per cloud type the program can create. */
export const AWS_RENDERERS: readonly ResourceRenderer[] = [
  execUnitEcs,
  execUnitLambda,
  gatewayApigateway,
  persistFsS3,
  persistKvDynamodb,
  persistOrmRdsPostgres,
  persistRedisClusterMemorydb,
  persistRedisNodeElasticache,
  persistSecretSecretsManager,
  pubsubSns,
  staticUnitS3,
];

/** The renderer for a resource's kind and type, if the program can create it. */
export function rendererFor(kind: string, type: string): ResourceRenderer | undefined {
  return AWS_RENDERERS.find((renderer) => renderer.meta.kind === kind && renderer.meta.type === type);
}

/** The types the program can create for `kind`, for messages. */
export function typesOf(kind: string): string[] {
  return AWS_RENDERERS.filter((renderer) => renderer.meta.kind === kind).map((renderer) => renderer.meta.type);
}
