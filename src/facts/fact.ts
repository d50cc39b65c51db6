import type { SourceRange } from "../util/source-range.js";

/** HTTP methods as they appear in the plan: upper case, `ANY` for Express's `all`. */
export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS" | "HEAD" | "ANY";

/**
 * Something the extractors found in the code. Objects (apps, routers, maps, clients) are named by
 * their allocation site, `<file>:<offset>` of the expression that creates them, so the same object
 * seen from several files has one id.
 */
export type Fact =
  | { readonly kind: "express_app"; readonly id: string; readonly name?: string; readonly range: SourceRange }
  | { readonly kind: "express_router"; readonly id: string; readonly name?: string; readonly range: SourceRange }
  | {
      readonly kind: "express_route";
      /** The app or router the route is registered on. */
      readonly owner: string;
      readonly method: HttpMethod;
      /** Express path syntax, wildcards already rewritten (`/x/*` → `/x/:rest*`). */
      readonly path: string;
      readonly range: SourceRange;
    }
  | {
      readonly kind: "express_mount";
      readonly parent: string;
      /** The mounted router or app; absent when it could not be found (then `unresolved` says what was mounted). */
      readonly child?: string;
      readonly unresolved?: string;
      readonly prefix: string;
      readonly range: SourceRange;
    }
  | { readonly kind: "express_listen"; readonly app: string; readonly range: SourceRange }
  | { readonly kind: "kv_map"; readonly id: string; readonly name?: string; readonly range: SourceRange }
  | {
      readonly kind: "redis_client";
      readonly id: string;
      readonly name?: string;
      readonly library: "redis" | "ioredis";
      readonly cluster: boolean;
      readonly range: SourceRange;
    }
  | {
      readonly kind: "object_use";
      /** The id of the used object (a kv map, a redis client). */
      readonly target: string;
      /** The method called, e.g. `set`. */
      readonly method: string;
      readonly range: SourceRange;
    }
  | { readonly kind: "import"; readonly specifier: string; readonly resolved?: string; readonly range: SourceRange };

/** The kind of a fact. */
export type FactKind = Fact["kind"];

/** The fact of kind `K`. */
export type FactOf<K extends FactKind> = Extract<Fact, { kind: K }>;
