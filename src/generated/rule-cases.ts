/* Generated from schemas/rule-cases.schema.json by scripts/generate-schema-types.mjs; do not edit. */

/**
 * Test cases for one rule file, run by `klotho rules test`. A file <name>.cases.yaml sits beside the rule file <name>.yaml it tests; each case gives the facts of the rule's stage and the events the rule must fire.
 */
export interface RuleCases {
  /**
   * Id of the rule under test, when the file name cannot say it; by default the rule in <name>.yaml beside this file.
   */
  rule?: string;
  /**
   * The cases, each evaluated on its own against the rule alone.
   *
   * @minItems 1
   */
  cases: [RuleCase, ...RuleCase[]];
}
/**
 * One evaluation of the rule: the facts it sees and the events it must fire.
 */
export interface RuleCase {
  /**
   * What the case shows, in a sentence; unique within the file.
   */
  name: string;
  /**
   * The stage's facts as plain data (capability: subject, unit, annotation, bound, routes, use, produced, provider; provider and policy: resource, provider). A fact not given is null; facts the engine computes (produced, resource) are given as their values.
   */
  facts: {
    [k: string]: unknown | undefined;
  };
  /**
   * The events the rule fires: [] when it must not fire, else its one event.
   *
   * @maxItems 1
   */
  expect: [] | [ExpectedEvent];
}
/**
 * An event the rule must fire: its type, and parameters matched as a subset (nested objects too) after fact references are filled in.
 */
export interface ExpectedEvent {
  /**
   * The event type, as in rule files.
   */
  type: "add-resource" | "add-edge" | "add-routes" | "set-type" | "set-params" | "warn" | "deny";
  /**
   * Parameters the fired event must have, matched as a subset: objects may hold more keys, lists must match item by item, and null also matches a parameter that is absent.
   */
  params?: {
    [k: string]: unknown | undefined;
  };
}
