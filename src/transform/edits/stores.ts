import type { Node } from "@babel/types";
import type { Annotation } from "../../annotations/index.js";
import type { Fact } from "../../facts/index.js";
import { factsBoundTo } from "../../units/index.js";
import type { EditContext } from "../edit-context.js";
import { lineBreaks, sourceOf } from "../edit-context.js";
import type { NodeIndex } from "../find-nodes.js";
import { wiredByEnvironment } from "./services.js";

/**
 * Persisted stores get their cloud runtime: `new Map(entries?)` → `new KVMap({ id }, entries?)`;
 * a redis client's options come from the environment the infrastructure sets. Each only when the
 * plan has its resource (`persist_kv:<id>`, `persist_redis_node:<id>`, `persist_redis_cluster:<id>`).
 */
export function rewriteStores(context: EditContext, nodes: NodeIndex, annotations: readonly Annotation[], facts: readonly Fact[], planned: (resourceId: string) => boolean): void {
  const file = context.parsed.file.path;
  for (const annotation of annotations) {
    if (annotation.capability !== "persist" || annotation.id === undefined || annotation.range.file !== file || wiredByEnvironment(annotation)) continue;
    for (const fact of factsBoundTo(annotation, facts)) {
      const node = nodes.at(fact.range);
      if (!node) continue;
      if (fact.kind === "kv_map" && node.type === "NewExpression" && planned(`persist_kv:${annotation.id}`)) rewriteMap(context, node.arguments, node, annotation.id);
      if (fact.kind === "redis_client" && planned(`persist_redis_${fact.cluster ? "cluster" : "node"}:${annotation.id}`)) rewriteRedis(context, node, annotation.id, fact.library, fact.cluster);
    }
  }
}

/**
 * Only the id is written in the code: the map's options (`ttl`, `versioned`, ...) reach the runtime
 * through unit.json, after klotho.yaml and policy rules had their say.
 */
function rewriteMap(context: EditContext, args: readonly Node[], node: Node, id: string): void {
  context.needs.kvMaps.add(id);
  const kept = args.map((a) => sourceOf(context.parsed, a));
  const text = `new (${context.runtime("keyvalue", "KVMap")})(${[JSON.stringify({ id }), ...kept].join(", ")})`;
  const breaks = lineBreaks(sourceOf(context.parsed, node)) - lineBreaks(text);
  context.replace(node.start ?? 0, node.end ?? 0, breaks > 0 ? `${text}${"\n".repeat(breaks)}` : text);
}

/** The runtime helper that rewrites a redis client's first argument, by library and kind. */
const REDIS_HELPERS = { redis: { node: "nodeOptions", cluster: "clusterOptions" }, ioredis: { node: "ioredisOptions", cluster: "ioredisClusterNodes" } } as const;

function rewriteRedis(context: EditContext, node: Node, id: string, library: "redis" | "ioredis", cluster: boolean): void {
  if (node.type !== "CallExpression" && node.type !== "NewExpression") return;
  const helper = REDIS_HELPERS[library][cluster ? "cluster" : "node"];
  const [first, ...more] = node.arguments;
  // ioredis merges options given after the first argument in: theirs lose credentials and TLS too.
  if (library === "ioredis") {
    for (const argument of more) {
      if (argument.type === "StringLiteral" || argument.type === "NumericLiteral" || argument.type === "SpreadElement" || argument.type === "ArgumentPlaceholder") continue;
      context.replace(argument.start ?? 0, argument.end ?? 0, `${context.runtime("redis", "ioredisMoreOptions")}(${sourceOf(context.parsed, argument)})`);
    }
  }
  const wrapped = `${context.runtime("redis", helper)}(${JSON.stringify(id)}${first ? `, ${sourceOf(context.parsed, first)}` : ""})`;
  if (first) context.replace(first.start ?? 0, first.end ?? 0, wrapped);
  else if (sourceOf(context.parsed, node).endsWith(")")) context.insert((node.end ?? 1) - 1, wrapped);
  else context.insert(node.end ?? 0, `(${wrapped})`);
}
