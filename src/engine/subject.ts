import type { HttpMethod } from "../facts/fact.js";
import type { EnvironmentFacts } from "./environment.js";
import type { SourceRange } from "../util/source-range.js";
import type { Topic } from "../units/index.js";

/** A route as it reaches the gateway: the full path and the unit that serves it. */
export interface RouteRef {
  readonly method: HttpMethod;
  readonly path: string;
  /** Execution unit that owns the file the route is written in. */
  readonly unit: string;
  readonly file: string;
  readonly line: number;
}

/** The annotation part of an annotation subject, as rules see it. */
export interface AnnotationFacts {
  readonly capability: string;
  readonly id?: string;
  readonly directives: Readonly<Record<string, unknown>>;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Babel type of the bound node, or "none". */
  readonly boundTo: string;
  /** A persist annotation's valid `[environment_variables]`: the resource they describe (absent when there are none). */
  readonly environment?: EnvironmentFacts;
}

/** How many facts of each kind the annotated statement holds. */
export interface BoundCounts {
  readonly listen: number;
  readonly routes: number;
  readonly kv_map: number;
  readonly redis_node: number;
  readonly redis_cluster: number;
  /** `fs/promises` imports (also `require("fs").promises`). */
  readonly fs: number;
  /** Imports of the callback and sync `fs` module, which cannot be persisted. */
  readonly fs_plain: number;
  /** ORM clients: Sequelize, TypeORM DataSource, PrismaClient, knex. */
  readonly orm: number;
  /** EventEmitters other modules can reach (exported, or used from another file): topic services. */
  readonly emitter: number;
  /** EventEmitters only their own module reaches: they stay in-process. */
  readonly emitter_local: number;
  /** Files a static unit serves (what its static_files and shared_files match). */
  readonly static_files: number;
}

/**
 * What a capability-stage rule is evaluated against. The properties (other than `type`, `range`,
 * `facts`) become json-rules-engine facts of the same name.
 */
export type Subject =
  | {
      readonly type: "unit";
      readonly unit: { readonly id: string; readonly origin: "annotation" | "implicit"; readonly entrypoint?: string };
      readonly range?: SourceRange;
      readonly facts: readonly SourceRange[];
    }
  | {
      readonly type: "annotation";
      readonly annotation: AnnotationFacts;
      readonly bound: BoundCounts;
      /** Routes served by the server the annotated statement listens on (gateways). */
      readonly routes: readonly RouteRef[];
      /** Unit owning the annotated file. */
      readonly unit: string;
      /** The annotation text, for messages. */
      readonly text: string;
      /** The statement the annotation is bound to, shown in messages about it. */
      readonly boundRange?: SourceRange;
      readonly range: SourceRange;
      /** Locations of the code facts the subject rests on (listen calls, `new Map()`, ...). */
      readonly facts: readonly SourceRange[];
      /** For a secret fs import: the paths read through it, each a named secret (sorted). */
      readonly secrets?: readonly string[];
      /** For a pubsub annotation on a reachable emitter: its event names with their publishers and subscribers. */
      readonly topics?: readonly Topic[];
      /** For a static_unit annotation: the files the site serves (sorted). */
      readonly files?: readonly string[];
    }
  | {
      readonly type: "use";
      readonly use: {
        readonly unit: string;
        /** `use` for a store, `publish` / `subscribe` for a topic service the unit emits to / listens to. */
        readonly role: "use" | "publish" | "subscribe";
        /** Resource id `<kind>:<name>` of the used store or topic service. */
        readonly resource: string;
        readonly method: string;
        readonly file: string;
        readonly line: number;
      };
      readonly range: SourceRange;
      readonly facts: readonly SourceRange[];
    };
