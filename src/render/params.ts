import { createDiagnostic } from "../diagnostics/diagnostic.js";
import type { Resource } from "../plan/index.js";
import type { ProgramContext } from "./context.js";

/**
 * The parameters (`pulumi_params`) each cloud type's template uses, checked before they reach the
 * program: a value of the wrong type is an error at the resource, a parameter no template uses
 * is a warning. Integers written as strings (`numShards: "2"`, as in the original klotho's
 * klotho.yaml) are read as integers.
 */

/** What a parameter may hold. */
export type ParamSpec =
  | { readonly type: "integer"; readonly min: number; readonly max: number }
  | { readonly type: "string"; readonly oneOf?: readonly string[] }
  | { readonly type: "boolean" };

/** A checked parameter value. */
export type ParamValue = string | number | boolean;

const integer = (min: number, max: number): ParamSpec => ({ type: "integer", min, max });
const text = (oneOf?: readonly string[]): ParamSpec => (oneOf ? { type: "string", oneOf } : { type: "string" });
const flag: ParamSpec = { type: "boolean" };

/** Parameters per `<kind>/<type>`. kv options (`ttl`, `versioned`, ...) are read by the runtime from unit.json, not by the table. */
export const PARAM_SPECS: Readonly<Record<string, Readonly<Record<string, ParamSpec>>>> = {
  "exec_unit/lambda": { memorySize: integer(128, 10240), timeout: integer(1, 900) },
  "exec_unit/ecs": { cpu: integer(256, 16384), memory: integer(512, 122880), desiredCount: integer(0, 100) },
  "gateway/apigateway": { apiType: text(["REST", "HTTP"]) },
  "static_unit/s3": { cloudFrontEnabled: flag, indexDocument: text(), priceClass: text(["PriceClass_All", "PriceClass_200", "PriceClass_100"]), spaFallback: flag },
  "persist_kv/dynamodb": { ttl: integer(1, 2 ** 31), versioned: flag, batchWrite: flag, writeOnChange: flag },
  "persist_fs/s3": {},
  "persist_secret/secrets_manager": {},
  "persist_orm/rds_postgres": { allocatedStorage: integer(20, 65536), engineVersion: text(), instanceClass: text(), skipFinalSnapshot: flag },
  "persist_redis_node/elasticache": { nodeType: text(), numCacheNodes: integer(1, 1), engineVersion: text() },
  "persist_redis_cluster/memorydb": { nodeType: text(), numShards: integer(1, 500), numReplicasPerShard: integer(0, 5), engineVersion: text() },
  "pubsub/sns": { displayName: text() },
};

/** The resource's parameters the template uses, checked; problems are reported on the context. */
export function checkedParams(context: ProgramContext, resource: Resource): Record<string, ParamValue> {
  const specs = PARAM_SPECS[`${resource.kind}/${resource.type}`] ?? {};
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(resource.params).sort()) {
    const value = resource.params[key];
    const spec = specs[key];
    const range = context.paramRange(resource, key);
    if (!spec) {
      context.diagnostics.push(createDiagnostic("render/unknown-param", { range }, resource.id, key, resource.type, Object.keys(specs).join(", ") || "none"));
      continue;
    }
    const checked = checkValue(spec, value);
    if (checked === undefined) context.diagnostics.push(createDiagnostic("render/invalid-param", { range }, resource.id, key, describe(spec), JSON.stringify(value) ?? String(value)));
    else out[key] = checked;
  }
  return out;
}

function checkValue(spec: ParamSpec, value: unknown): ParamValue | undefined {
  switch (spec.type) {
    case "integer": {
      const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : value;
      return typeof number === "number" && Number.isInteger(number) && number >= spec.min && number <= spec.max ? number : undefined;
    }
    case "string":
      return typeof value === "string" && value !== "" && (!spec.oneOf || spec.oneOf.includes(value)) ? value : undefined;
    case "boolean":
      return typeof value === "boolean" ? value : undefined;
  }
}

function describe(spec: ParamSpec): string {
  switch (spec.type) {
    case "integer":
      return spec.min === spec.max ? `the integer ${spec.min}` : `an integer from ${spec.min} to ${spec.max}`;
    case "string":
      return spec.oneOf ? `one of ${spec.oneOf.join(", ")}` : "a non-empty string";
    case "boolean":
      return "true or false";
  }
}

/** Fargate's task sizes: for each `cpu` (CPU units), the `memory` (MiB) it can have, from, to and in steps of. */
const FARGATE_MEMORY: Readonly<Record<number, { readonly from: number; readonly to: number; readonly step: number }>> = {
  256: { from: 512, to: 2048, step: 512 },
  512: { from: 1024, to: 4096, step: 1024 },
  1024: { from: 2048, to: 8192, step: 1024 },
  2048: { from: 4096, to: 16384, step: 1024 },
  4096: { from: 8192, to: 30720, step: 1024 },
  8192: { from: 16384, to: 61440, step: 4096 },
  16384: { from: 32768, to: 122880, step: 8192 },
};

/**
 * What is wrong with an ECS task's `cpu` and `memory` together (each already in range), as Fargate
 * would refuse it at deploy time; undefined for a size Fargate offers. (256 CPU units take 512,
 * 1024 or 2048 MiB: 1536 is not among them, though it is a step of 512.)
 */
export function fargateSizeProblem(cpu: number, memory: number): { readonly key: "cpu" | "memory"; readonly expected: string } | undefined {
  const sizes = FARGATE_MEMORY[cpu];
  if (!sizes) return { key: "cpu", expected: `one of Fargate's CPU sizes, ${Object.keys(FARGATE_MEMORY).join(", ")}` };
  const allowed = cpu === 256 ? [512, 1024, 2048] : Array.from({ length: (sizes.to - sizes.from) / sizes.step + 1 }, (_, i) => sizes.from + i * sizes.step);
  if (allowed.includes(memory)) return undefined;
  const expected = cpu === 256 ? "512, 1024 or 2048" : `from ${sizes.from} to ${sizes.to} in steps of ${sizes.step}`;
  return { key: "memory", expected: `${expected} (MiB), the sizes Fargate offers with ${cpu} CPU units` };
}
