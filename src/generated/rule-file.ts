/* Generated from schemas/rule-file.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * A boolean combination of conditions.
 */
export type TopCondition = AllCondition | AnyCondition | NotCondition;
/**
 * A boolean combination of conditions or a single fact test.
 */
export type NestedCondition = AllCondition | AnyCondition | NotCondition | FactCondition;
/**
 * An event and its parameters; parameter values may be fact references, filled in when the event fires.
 */
export type RuleEvent = Event;

/**
 * One decision rule: json-rules-engine conditions over the facts of a stage and the event applied when they hold. Built-in rules (rules/, providers/<provider>/) and organisation rules (--rules, rules: in klotho.yaml) share this format.
 */
export interface RuleFile {
  /**
   * Rule id. Built-in rules use the id derived from their path (rules/capability/expose-gateway.yaml is capability/expose-gateway, providers/aws/kv-dynamodb.yaml is aws/kv-dynamodb); organisation rules use a prefixed id such as acme/require-tags. A later file with the same id replaces the earlier one.
   */
  id: string;
  /**
   * When the rule runs: capability (each annotation, unit and use), provider (each resource, choosing its cloud type) or policy (each resolved resource, after klotho.yaml).
   */
  stage: "capability" | "provider" | "policy";
  /**
   * What the rule decides, in one sentence; shown by klotho explain and in deny messages.
   */
  description: string;
  /**
   * Why the rule exists: the reason behind the decision, shown by klotho explain.
   */
  rationale: string;
  /**
   * Evaluation order: higher runs first (default 0). Events apply by priority, highest first, then by rule id; a rule that must see what other rules did uses a low priority.
   */
  priority?: number;
  conditions: TopCondition;
  event: RuleEvent;
}
/**
 * Holds when every nested condition holds.
 */
export interface AllCondition {
  /**
   * Conditions that must all hold.
   */
  all: NestedCondition[];
}
/**
 * Holds when at least one nested condition holds.
 */
export interface AnyCondition {
  /**
   * Conditions of which at least one must hold.
   */
  any: NestedCondition[];
}
/**
 * Holds when the nested condition does not.
 */
export interface NotCondition {
  not: NestedCondition;
}
/**
 * Compares a fact (or a value inside it) with a value.
 */
export interface FactCondition {
  /**
   * The fact to test. Capability rules: subject, unit, annotation, bound, routes, use, produced, provider. Provider and policy rules: resource, provider.
   */
  fact: string;
  /**
   * JSONPath into the fact value, e.g. $.kind or $.annotation.capability.
   */
  path?: string;
  /**
   * json-rules-engine operator: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive; or one of klotho's: matches (a regular expression), hasKeys (keys present and not null), between ([min, max], inclusive); optionally decorated (not:equal, someFact:equal, everyValue:in, not:hasKeys, ...). See docs/rules.md.
   */
  operator: string;
  /**
   * The value to compare with: a literal, or a fact reference { fact, path }. matches, hasKeys and between take a literal, checked when the file loads: matches a pattern string or { pattern, flags }, hasKeys a key or a list of keys, between [min, max].
   */
  value: string | number | boolean | null | unknown[] | {};
  /**
   * Parameters passed to the fact.
   */
  params?: {
    [k: string]: unknown | undefined;
  };
}
export interface Event {
  /**
   * add-resource, add-edge and add-routes build the architecture; set-type and set-params choose cloud types and parameters; warn reports a warning; deny fails the compile.
   */
  type: "add-resource" | "add-edge" | "add-routes" | "set-type" | "set-params" | "warn" | "deny";
  /**
   * Parameters of the event; their shape depends on the event type.
   */
  params: {
    [k: string]: unknown | undefined;
  };
}
