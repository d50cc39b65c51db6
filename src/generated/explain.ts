/* Generated from schemas/explain.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * What `klotho explain --json` prints: an explanation (exit 0, or 1 when the input has errors), or why there is none (exit 2, or 1 when the input has errors).
 */
export type ExplainOutput = ExplainDocument | ExplainFailure;

/**
 * `klotho explain --json`: why each resource of the plan exists — the annotations and code facts it rests on, every rule that shaped it with the values its conditions saw, klotho.yaml settings, policy checks and its edges; for an annotation query, what the annotation produced or why it produced nothing.
 */
export interface ExplainDocument {
  /**
   * Application name.
   */
  app: string;
  /**
   * Cloud provider.
   */
  provider: string;
  query: ExplainQuery;
  /**
   * True when a compile of the same input would succeed (no error diagnostics, no deny).
   */
  ok: boolean;
  /**
   * The explained resources, sorted by id: every resource, the one asked for, or those the annotation produced.
   */
  resources: ExplainResource[];
  /**
   * For an annotation query (`<file>:<line>`): each annotation on that line.
   */
  annotations?: ExplainAnnotation[];
  network?: ExplainNetwork;
  /**
   * Every warning and error of the analysis, as `klotho --json` reports them.
   */
  diagnostics: ExplainDiagnostic[];
}
/**
 * What was asked: every resource, one resource, the annotations on one line, or the network.
 */
export interface ExplainQuery {
  /**
   * all, resource, annotation or network (`network`, or its alias `vpc`).
   */
  kind: "all" | "resource" | "annotation" | "network";
  /**
   * The resource id asked for (kind resource).
   */
  resource?: string;
  /**
   * The file of the annotation asked for (kind annotation), project-relative.
   */
  file?: string;
  /**
   * The line of the annotation asked for (kind annotation), 1-based.
   */
  line?: number;
  /**
   * True when rules that were evaluated and did not fire are included (`--all`).
   */
  notFired?: boolean;
}
/**
 * One resource and why it exists.
 */
export interface ExplainResource {
  /**
   * `<kind>:<name>`.
   */
  id: string;
  kind: string;
  name: string;
  /**
   * The final cloud type (empty when no rule chose one).
   */
  type: string;
  /**
   * The final parameters.
   */
  params: {
    [k: string]: unknown | undefined;
  };
  /**
   * The annotations that started the resource (none for an implicit unit).
   */
  annotations: ExplainAnnotationRef[];
  /**
   * The code facts the resource rests on, in file order.
   */
  facts: ExplainFact[];
  /**
   * Every rule event, type-table default and klotho.yaml setting applied to the resource, in the order they take effect: a later decision's type or params override an earlier one's (the type table's defaults come before the rule set-params that override them).
   */
  decisions: ExplainDecision[];
  /**
   * With `--all`: rules evaluated for the resource (or the subjects that produced it) that did not fire.
   */
  notFired?: ExplainMissedRule[];
  /**
   * A topic service's (pubsub) event names, sorted, with the units that publish and subscribe to each; absent for other resources.
   */
  topics?: ExplainTopic[];
  /**
   * The resource's edges in both directions, with why each exists.
   */
  edges: ExplainEdge[];
  network?: ExplainPlacement;
  /**
   * Warnings and errors about the resource (policy warn and deny included).
   */
  diagnostics: ExplainDiagnostic[];
}
/**
 * An annotation comment.
 */
export interface ExplainAnnotationRef {
  /**
   * The capability (`expose`, `persist`, ...).
   */
  capability: string;
  id?: string;
  /**
   * The annotation as written, comment markers removed.
   */
  text: string;
  location: ExplainLocation;
}
/**
 * A place in a project file, klotho.yaml or a rule file; 1-based line and column.
 */
export interface ExplainLocation {
  file: string;
  line: number;
  column: number;
}
/**
 * A fact found in the code.
 */
export interface ExplainFact {
  /**
   * The fact kind (express_listen, kv_map, object_use, ...), or `code` for a location no fact kind describes.
   */
  kind: string;
  /**
   * What the code does there, in words.
   */
  description: string;
  location: ExplainLocation;
}
/**
 * A rule that fired (or a type-table default, or a klotho.yaml setting) and what it did.
 */
export interface ExplainDecision {
  stage: "capability" | "provider" | "config" | "policy";
  /**
   * The rule id; for a klotho.yaml setting, its path (`persisted.dogs.pulumi_params`).
   */
  rule: string;
  /**
   * The rule file that won (or klotho.yaml).
   */
  file: string;
  /**
   * Earlier rule files with the same id that this file replaced (a built-in replaced by an organisation rule).
   */
  replaced: string[];
  description: string;
  rationale?: string;
  /**
   * What the decision did: the event type and its parameters, fact references filled in.
   */
  event: {
    type: string;
    params: {
      [k: string]: unknown | undefined;
    };
  };
  setting?: ExplainLocation;
  conditions?: ExplainCondition;
  /**
   * Where the subject the rule was evaluated for is (an annotation, a use of a store, ...).
   */
  facts: ExplainLocation[];
}
/**
 * A condition with its outcome: a fact test, or all/any/not over nested conditions.
 */
export interface ExplainCondition {
  /**
   * pass, fail, or not-evaluated (json-rules-engine stops an `all` at the first failing condition).
   */
  outcome: "pass" | "fail" | "not-evaluated";
  fact?: string;
  path?: string;
  operator?: string;
  /**
   * The value the rule compares against.
   */
  value?: unknown;
  /**
   * The value the fact had (absent when the condition was not evaluated).
   */
  saw?: unknown;
  all?: ExplainCondition[];
  any?: ExplainCondition[];
  not?: ExplainCondition;
}
/**
 * A rule that was evaluated and did not fire, with the conditions that stopped it.
 */
export interface ExplainMissedRule {
  stage: "capability" | "provider" | "policy";
  rule: string;
  file: string;
  description: string;
  rationale: string;
  subject?: ExplainLocation;
  conditions?: ExplainCondition;
}
/**
 * One event name of a topic service.
 */
export interface ExplainTopic {
  /**
   * The event name passed to emit and on.
   */
  name: string;
  /**
   * Execution units that emit the event to the topic, sorted.
   *
   * Items: Execution unit id.
   */
  publishers: string[];
  /**
   * Execution units subscribed to the topic, sorted.
   *
   * Items: Execution unit id.
   */
  subscribers: string[];
}
/**
 * An edge of the resource.
 */
export interface ExplainEdge {
  /**
   * out: this resource → the other; in: the other → this resource.
   */
  direction: "out" | "in";
  /**
   * The resource at the other end.
   */
  resource: string;
  /**
   * Why the edge exists.
   */
  reason: string;
}
/**
 * Where an execution unit runs in the network, why, and what follows for its code.
 */
export interface ExplainPlacement {
  /**
   * The unit's resource id.
   */
  unit: string;
  /**
   * private: a Lambda function in the VPC's private subnets; public: an ECS service's tasks in the public subnets; none: not in the VPC.
   */
  subnets: "private" | "public" | "none";
  /**
   * Whether the unit's code can reach hosts on the internet (false in the private subnets: there is no NAT gateway).
   */
  internet: boolean;
  /**
   * The placement and its consequence, in words.
   */
  summary: string;
  /**
   * For a function in the private subnets: its edges to databases and caches, which put it there, with where the code makes them.
   */
  because: ExplainNetworkEdge[];
  /**
   * For a function in the private subnets: the services (`s3`, `dynamodb`, `secretsmanager`, `sns`) it reaches through VPC endpoints.
   *
   * Items: The endpoint's service.
   */
  endpoints: string[];
}
/**
 * An edge the network exists for, with where the code makes it.
 */
export interface ExplainNetworkEdge {
  /**
   * The unit's resource id.
   */
  source: string;
  /**
   * The store's resource id.
   */
  target: string;
  /**
   * Why the edge exists, as the resource's edges say it.
   */
  reason: string;
  /**
   * Where the code uses the store (the facts of the rule that added the edge), in file order.
   */
  locations: ExplainLocation[];
}
/**
 * A diagnostic as `--json` reports it: 1-based columns.
 */
export interface ExplainDiagnostic {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  ruleId?: string;
  related?: {
    message: string;
    file: string;
    line: number;
    column: number;
  }[];
}
/**
 * An annotation asked about with `<file>:<line>`: what it produced, or why nothing.
 */
export interface ExplainAnnotation {
  capability: string;
  id?: string;
  text: string;
  location: ExplainLocation;
  /**
   * The statement the annotation is bound to.
   */
  boundTo?: {
    /**
     * Babel node type.
     */
    type: string;
    location: ExplainLocation;
  };
  /**
   * The execution unit that owns the annotated file.
   */
  unit: string;
  /**
   * Ids of the resources the annotation produced.
   */
  produced: string[];
  /**
   * Why the annotation produced nothing (empty when it produced something): what the code lacks, and the diagnostics about it.
   */
  reasons: string[];
  /**
   * How many facts of each kind the annotated statement holds (the `bound` fact of capability rules).
   */
  found?: {
    [k: string]: number | undefined;
  };
  /**
   * Capability rules that fired for the annotation.
   */
  fired: ExplainDecision[];
  /**
   * Capability rules evaluated for the annotation that did not fire (always for an annotation that produced nothing; else with --all).
   */
  notFired?: ExplainMissedRule[];
  diagnostics: ExplainDiagnostic[];
}
/**
 * What the Pulumi program creates for the network and why: the decision the program is rendered from (the plan's resources and edges).
 */
export interface ExplainNetwork {
  /**
   * True when the program creates a VPC (a database, a cache or an ECS unit needs one).
   */
  vpc: boolean;
  /**
   * What the program creates for the network, in the order of the program, with why each exists; empty without a VPC.
   */
  parts: ExplainNetworkPart[];
  /**
   * Where each Lambda and ECS unit runs, sorted by unit id.
   */
  placements: ExplainPlacement[];
  /**
   * The VPC endpoints, in the order of the program (gateway ones first), with the units and edges each exists for.
   */
  endpoints: ExplainEndpoint[];
}
/**
 * One part of the network the program creates.
 */
export interface ExplainNetworkPart {
  /**
   * Which part: the VPC with its private subnets, the public subnets with an internet gateway, the units' or the stores' security groups, the gateway or the interface endpoints.
   */
  name:
    | "vpc"
    | "public-subnets"
    | "unit-security-groups"
    | "store-security-groups"
    | "gateway-endpoints"
    | "interface-endpoints";
  /**
   * The cloud resources, in words.
   */
  creates: string;
  /**
   * Why the program creates them.
   */
  why: string;
  /**
   * True when AWS bills them by the hour whether or not they are used (interface endpoints).
   */
  hourly: boolean;
  /**
   * The plan resources they exist for, sorted.
   *
   * Items: Resource id.
   */
  resources: string[];
}
/**
 * A VPC endpoint the program creates, so functions in the private subnets reach an AWS service with no NAT gateway.
 */
export interface ExplainEndpoint {
  /**
   * The service, as in `com.amazonaws.<region>.<service>` (and the endpoint's Pulumi name).
   */
  service: string;
  /**
   * gateway (S3, DynamoDB: free) or interface (Secrets Manager, SNS).
   */
  type: "gateway" | "interface";
  /**
   * True for an interface endpoint: billed per hour in each availability zone of the VPC, and per GB.
   */
  hourly: boolean;
  /**
   * The units in the private subnets that use it, sorted.
   *
   * Items: Execution unit resource id.
   */
  units: string[];
  /**
   * The edges it exists for: from those units to stores of the service.
   */
  edges: ExplainNetworkEdge[];
}
/**
 * `klotho explain --json` when there is nothing to explain: the config or project cannot be read, the target matches nothing or names several resources, or the command line is invalid; `diagnostics` says why. Exit 2, or 1 when a compile would fail: its problems can be why the target matches nothing (a file that did not parse has no annotations), so they are included.
 */
export interface ExplainFailure {
  /**
   * Application name, once the inputs were read.
   */
  app?: string;
  /**
   * Cloud provider, once the inputs were read.
   */
  provider?: string;
  query?: ExplainQuery;
  /**
   * Always false: nothing was explained.
   */
  ok: false;
  /**
   * Why nothing was explained; then, when a compile would fail, every warning and error of the analysis, as `klotho --json` reports them.
   */
  diagnostics: ExplainDiagnostic[];
}
