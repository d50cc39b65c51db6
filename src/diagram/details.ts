import type { Resource } from "../plan/index.js";

/** The small line under a resource's name: what it holds or how it is sized, from its kind and parameters. */
export function detailOf(resource: Resource): string | undefined {
  const params = resource.params;
  switch (resource.kind) {
    case "exec_unit":
      return unitDetail(resource.type, params);
    case "gateway":
      return count(resource.routes?.length ?? 0, "route");
    case "persist_kv":
      return "key-value store";
    case "persist_fs":
      return "file storage";
    case "persist_secret":
      return resource.secrets && resource.secrets.length > 0 ? count(resource.secrets.length, "secret") : "secrets";
    case "persist_orm":
      return join([text(params, "instanceClass"), unit(numeric(params, "allocatedStorage"), "GB")]) ?? "SQL database";
    case "persist_redis_node":
      return join(["Redis", text(params, "nodeType")]);
    case "persist_redis_cluster":
      return join(["Redis cluster", numeric(params, "numShards") !== undefined ? count(numeric(params, "numShards") ?? 0, "shard") : undefined]);
    case "pubsub":
      return count(resource.topics?.length ?? 0, "topic");
    case "static_unit":
      return count(resource.files?.length ?? 0, "file");
    default:
      return undefined;
  }
}

function unitDetail(type: string, params: Resource["params"]): string | undefined {
  if (type === "lambda") return join([unit(numeric(params, "memorySize"), "MB"), unit(numeric(params, "timeout"), "s timeout")]);
  if (type === "ecs") {
    const cpu = numeric(params, "cpu");
    return join([cpu !== undefined ? `${cpu / 1024} vCPU` : undefined, unit(numeric(params, "memory"), "MB")]);
  }
  if (type === "eks") return join([unit(numeric(params, "replicas"), "replicas"), text(params, "nodeType")]);
  return undefined;
}

function numeric(params: Resource["params"], key: string): number | undefined {
  const value = params[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function text(params: Resource["params"], key: string): string | undefined {
  const value = params[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function unit(value: number | undefined, suffix: string): string | undefined {
  return value === undefined ? undefined : `${value} ${suffix}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function join(parts: readonly (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => part !== undefined);
  return present.length > 0 ? present.join(" \u00b7 ") : undefined;
}
