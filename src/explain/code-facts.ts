import type { Fact, HttpFramework } from "../facts/index.js";
import type { ExplainFact } from "../generated/explain.js";
import type { SourceRange } from "../util/source-range.js";
import { compareRanges } from "../util/source-range.js";
import { rangeKey, toLocation } from "./locations.js";

/** Finds the code facts behind recorded ranges, so explain can say what the code does at each one. */
export interface FactIndex {
  /** The facts at `ranges`; a range at the very start of `entry.file` is described as the entry point. */
  describe(ranges: readonly SourceRange[], entry?: { readonly file: string; readonly description: string }): ExplainFact[];
}

/** Indexes `facts` by their exact range; the first fact at a range describes it. */
export function indexFacts(facts: readonly Fact[]): FactIndex {
  const byRange = new Map<string, Fact>();
  for (const fact of facts) if (!byRange.has(rangeKey(fact.range))) byRange.set(rangeKey(fact.range), fact);
  return {
    describe(ranges, entry) {
      const unique = new Map<string, SourceRange>();
      for (const range of ranges) unique.set(rangeKey(range), range);
      return [...unique.values()].sort(compareRanges).map((range) => {
        const fact = byRange.get(rangeKey(range));
        if (!fact && entry && range.file === entry.file && range.start.offset === 0 && range.end.offset === 0) {
          return { kind: "entrypoint", description: entry.description, location: toLocation(range) };
        }
        return fact
          ? { kind: fact.kind, description: describeFact(fact), location: toLocation(range) }
          : { kind: "code", description: "the code here", location: toLocation(range) };
      });
    },
  };
}

const FRAMEWORK_NAMES: Readonly<Record<HttpFramework, string>> = { express: "Express", nestjs: "NestJS", fastify: "Fastify", koa: "Koa", node: "Node http" };

/** What the code does at a fact, in words. */
export function describeFact(fact: Fact): string {
  const named = (what: string, name: string | undefined): string => (name !== undefined ? `${what} \`${name}\`` : what);
  switch (fact.kind) {
    case "http_app":
      return named(`${FRAMEWORK_NAMES[fact.framework]} app`, fact.name);
    case "http_router":
      return named(fact.framework === "nestjs" ? "NestJS controller" : `${FRAMEWORK_NAMES[fact.framework]} router`, fact.name);
    case "http_route":
      return `route ${fact.method} ${fact.path}`;
    case "http_mount":
      if (fact.child !== undefined) return `router mounted at ${fact.prefix}`;
      return fact.handler !== undefined ? `handler ${fact.handler} mounted at ${fact.prefix}` : `unresolved ${fact.unresolved ?? "router"} mounted at ${fact.prefix}`;
    case "http_listen":
      return "the server listens";
    case "next_app":
      return named("Next.js app", fact.name);
    case "next_handler":
      return "Next.js request handler";
    case "kv_map":
      return named("`new Map()`", fact.name);
    case "redis_client":
      return named(`${fact.library} ${fact.cluster ? "cluster client" : "client"}`, fact.name);
    case "fs_import":
      return fact.promises ? named("`fs/promises` import", fact.name) : named("callback `fs` import", fact.name);
    case "orm_client":
      return named(`${fact.library} client`, fact.name);
    case "object_use":
      return fact.path !== undefined ? `\`${fact.method}\` of '${fact.path}'` : `\`${fact.method}\` call`;
    case "import":
      return `import of '${fact.specifier}'`;
    case "file_read":
      return `\`${fact.method}\` of ${fact.folder ? "the folder" : "the file"} '${fact.path}'`;
    case "file_write":
      return `\`${fact.method}\` writing '${fact.path}'`;
    case "http_middleware":
      return "middleware registered with `use()`";
    case "nestjs_global_enhancer":
      return `\`${fact.name}\` registered with \`${fact.method}()\``;
    case "http_static":
      return fact.folder !== undefined ? `static files of '${fact.folder}' served at ${fact.prefix}` : `static files served at ${fact.prefix}`;
    case "unawaited_call":
      return fact.through === undefined ? `\`${fact.method}\` call whose promise is dropped` : `\`${fact.through}\` call whose promise (of \`${fact.method}\`) is dropped`;
    case "kv_sync_use":
      return fact.use === "size" ? "`size` read of a Map" : "iteration of a Map without `await`";
    case "emitter":
      return named("EventEmitter", fact.name);
    case "emitter_export":
      return `EventEmitter exported as ${fact.name}`;
    case "emitter_event":
      return fact.topic !== undefined ? `\`${fact.method}('${fact.topic}')\`` : `\`${fact.method}\` on an event whose name is not a constant`;
  }
}
