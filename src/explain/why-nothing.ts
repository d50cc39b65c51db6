import type { BoundCounts } from "../engine/index.js";
import type { ExplainCondition, ExplainMissedRule } from "../generated/explain.js";
import { groupBy } from "../util/lists.js";
import { conditionSubject, leafConditions } from "./conditions.js";

/** What a `bound` count of 0 means, in words: the statement lacks the thing the rule needs. */
const MISSING: Readonly<Record<keyof BoundCounts, string>> = {
  listen: "no server listens",
  routes: "no route is registered",
  kv_map: "no `new Map()` is created",
  redis_node: "no redis client is created",
  redis_cluster: "no redis cluster client is created",
  fs: "no `fs/promises` module is imported",
  fs_plain: "no callback `fs` module is imported",
  orm: "no ORM client (Sequelize, TypeORM, Prisma, knex) is created",
  emitter: "no EventEmitter other modules can reach is created",
  emitter_local: "no module-local EventEmitter is created",
  static_files: "the static_files globs match no file",
};

function isBoundKey(key: string): key is keyof BoundCounts {
  return Object.hasOwn(MISSING, key);
}

/**
 * Why capability rules for an annotation's capability did not fire, in words: for each missed rule
 * that tests the annotation's capability and passed that test, the conditions that failed, e.g.
 * "no server listens in the annotated statement at index.js:27:1 (rule capability/expose-gateway)".
 */
export function whyRulesMissed(missed: readonly ExplainMissedRule[], statement: string | undefined): string[] {
  const failures: { readonly reason: string; readonly rule: string }[] = [];
  for (const { rule, conditions } of missed) {
    if (!conditions || !testsCapability(conditions)) continue;
    for (const failed of leafConditions(conditions).filter((c) => c.outcome === "fail")) failures.push({ reason: describeFailure(failed, statement), rule });
  }
  return [...groupBy(failures, (failure) => failure.reason)].map(([reason, rules]) => `${reason} (${rules.length === 1 ? "rule" : "rules"} ${rules.map((r) => r.rule).join(", ")})`);
}

/** True when the rule tests `annotation.capability` and that test passed: a rule meant for this annotation. */
function testsCapability(condition: ExplainCondition): boolean {
  return leafConditions(condition).some((c) => c.fact === "annotation" && conditionSubject(c) === "annotation.capability" && c.outcome === "pass");
}

function describeFailure(condition: ExplainCondition, statement: string | undefined): string {
  const key = condition.path?.replace(/^\$\./, "") ?? "";
  if (condition.fact === "bound" && isBoundKey(key) && condition.saw === 0) {
    return statement !== undefined ? `${MISSING[key]} in the annotated statement at ${statement}` : `${MISSING[key]}: nothing follows the annotation`;
  }
  return `${conditionSubject(condition)} ${condition.operator ?? "?"} ${compact(condition.value)} did not hold (saw ${compact(condition.saw)})`;
}

/** A value as compact JSON, shortened past 80 characters. */
export function compact(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
