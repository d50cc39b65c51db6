/* Generated from schemas/plan.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * A resource id: <kind>:<name>.
 */
export type ResourceId = string;

/**
 * The resource plan: every cloud resource the app needs, how they relate, and the decisions that put each one there.
 */
export interface PlanDocument {
  /**
   * Application name.
   */
  app: string;
  /**
   * Cloud provider.
   */
  provider: string;
  /**
   * Resources, sorted by id.
   */
  resources: PlanResourceDocument[];
  /**
   * Relations between resources, sorted by source then target.
   */
  edges: PlanEdgeDocument[];
}
/**
 * A cloud resource the app needs.
 */
export interface PlanResourceDocument {
  id: ResourceId;
  /**
   * Logical kind, e.g. exec_unit, gateway, persist_kv.
   */
  kind: string;
  /**
   * Name: the annotation or unit id.
   */
  name: string;
  /**
   * Cloud type from the provider's type table, e.g. lambda.
   */
  type: string;
  /**
   * Parameters of the cloud resource.
   */
  params: {
    [k: string]: unknown | undefined;
  };
  /**
   * Routes of a gateway, sorted by path then method.
   */
  routes?: PlanRouteDocument[];
  /**
   * Entry file of an execution unit.
   */
  entrypoint?: string;
  /**
   * Files of an execution unit, or the files a static unit serves, sorted.
   *
   * Items: Project-relative path.
   */
  files?: string[];
  /**
   * Named secrets of a secret store (persist_secret): the static paths its code reads, sorted.
   *
   * Items: A secret's name: the path passed to readFile, normalised.
   */
  secrets?: string[];
  /**
   * Event names of a topic service (pubsub), sorted by name, with the execution units that publish and subscribe to each.
   */
  topics?: PlanTopicDocument[];
  /**
   * Files an execution unit carries besides its code (embed_assets annotations, a Next.js app's build, public/ and config), project-relative, sorted.
   *
   * Items: Project-relative path.
   */
  assets?: string[];
  /**
   * Environment variables an execution unit receives from the resources it uses ([environment_variables] directives of persist annotations).
   */
  environment_variables?: {
    /**
     * <resource id>#<attribute>, e.g. persist_orm:db#connection_string.
     */
    [k: string]: string | undefined;
  };
  /**
   * Directives of the annotation that produced the resource.
   */
  directives?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Where in the code the resource comes from.
   */
  source: SourceRangeDocument[];
  /**
   * The decisions that shaped the resource, in the order they applied.
   */
  provenance: DecisionDocument[];
}
/**
 * A gateway route.
 */
export interface PlanRouteDocument {
  /**
   * HTTP method, upper case; ANY for every method.
   */
  method: "GET" | "POST" | "PUT" | "DELETE" | "PATCH" | "OPTIONS" | "HEAD" | "ANY";
  /**
   * Path in Express syntax.
   */
  path: string;
  /**
   * Execution unit serving the route.
   */
  unit: string;
  /**
   * File the route is written in.
   */
  file?: string;
  /**
   * Line of the route (1-based).
   */
  line?: number;
}
/**
 * One event name of a topic service.
 */
export interface PlanTopicDocument {
  /**
   * The event name passed to emit and on.
   */
  name: string;
  /**
   * Execution units that emit the event, sorted.
   *
   * Items: Execution unit id.
   */
  publishers: string[];
  /**
   * Execution units that listen to the event, sorted.
   *
   * Items: Execution unit id.
   */
  subscribers: string[];
}
/**
 * A span of a file.
 */
export interface SourceRangeDocument {
  /**
   * Display path of the file.
   */
  file: string;
  start: PositionDocument;
  end: PositionDocument;
}
/**
 * A position in a file.
 */
export interface PositionDocument {
  /**
   * 1-based line.
   */
  line: number;
  /**
   * 0-based column.
   */
  column: number;
  /**
   * 0-based offset.
   */
  offset: number;
}
/**
 * One applied rule event or klotho.yaml setting.
 */
export interface DecisionDocument {
  /**
   * The stage that applied it.
   */
  stage: "capability" | "provider" | "config" | "policy";
  /**
   * The rule id, or the klotho.yaml setting.
   */
  ruleId: string;
  /**
   * The rule file (or klotho.yaml) it comes from.
   */
  ruleFile: string;
  /**
   * What the rule decides.
   */
  description: string;
  /**
   * Why the rule exists.
   */
  rationale?: string;
  /**
   * The applied event, with fact references filled in.
   */
  event: {
    /**
     * Event type.
     */
    type: string;
    /**
     * Event parameters.
     */
    params: {
      [k: string]: unknown | undefined;
    };
  };
  /**
   * Locations of the facts the decision rests on.
   */
  facts: SourceRangeDocument[];
  conditions?: ConditionResultDocument;
  /**
   * For set-params: where the rule file (or klotho.yaml, for a config decision) writes each value it sets itself (not one it reads from the code).
   */
  paramSources?: {
    [k: string]: SourceRangeDocument | undefined;
  };
}
/**
 * A condition as json-rules-engine evaluated it; result is absent when it was never evaluated.
 */
export interface ConditionResultDocument {
  /**
   * Fact tested.
   */
  fact?: string;
  /**
   * JSONPath into the fact.
   */
  path?: string;
  /**
   * Operator.
   */
  operator?: string;
  /**
   * Value compared with.
   */
  value?: string | number | boolean | null | unknown[] | {};
  /**
   * The fact value the engine saw.
   */
  factResult?: string | number | boolean | null | unknown[] | {};
  /**
   * Outcome; absent when not evaluated.
   */
  result?: boolean;
  /**
   * Nested conditions that must all hold.
   */
  all?: ConditionResultDocument[];
  /**
   * Nested conditions of which one must hold.
   */
  any?: ConditionResultDocument[];
  not?: ConditionResultDocument;
}
/**
 * A relation between two resources.
 */
export interface PlanEdgeDocument {
  source: ResourceId;
  target: ResourceId;
  /**
   * Why the edge exists.
   */
  reason: string;
}
