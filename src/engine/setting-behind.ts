import type { ConditionResult, Decision } from "./decision.js";
import type { DraftResource } from "./draft.js";
import type { SourceRange } from "../util/source-range.js";

/** `$.params.<key>` (or `$.params.<key>.…`) and `$.type`: what a condition on the resource fact can read that klotho.yaml sets. */
const PARAM_PATH = /^\$\.params\.([A-Za-z_$][\w$]*)/;

/**
 * The klotho.yaml line behind a policy rule's verdict on `resource`: the first held condition on
 * the resource's type or one of its params whose value klotho.yaml set last (its key's line), so a
 * deny or warning caused by a setting points at the setting; undefined when no such condition held.
 */
export function configSettingBehind(resource: DraftResource, conditions: ConditionResult | undefined): SourceRange | undefined {
  for (const condition of heldResourceTests(conditions)) {
    const path = condition.path ?? "";
    const param = PARAM_PATH.exec(path)?.[1];
    const setter = param !== undefined ? lastSetter(resource, (d) => d.event.type === "set-params" && setsParam(d, param)) : path === "$.type" ? lastSetter(resource, (d) => d.event.type === "set-type") : undefined;
    if (setter?.stage !== "config") continue;
    const range = (param !== undefined ? setter.paramSources?.[param] : undefined) ?? setter.facts[0];
    if (range) return range;
  }
  return undefined;
}

/** The fact tests on `resource` that held, in the rule's order; those under `not` held because a value was absent, and are left out. */
function heldResourceTests(condition: ConditionResult | undefined): ConditionResult[] {
  if (!condition) return [];
  if (condition.all || condition.any) return [...(condition.all ?? []), ...(condition.any ?? [])].flatMap(heldResourceTests);
  return condition.fact === "resource" && condition.result === true ? [condition] : [];
}

function lastSetter(resource: DraftResource, sets: (decision: Decision) => boolean): Decision | undefined {
  return resource.provenance.findLast(sets);
}

function setsParam(decision: Decision, key: string): boolean {
  const params = decision.event.params["params"];
  return typeof params === "object" && params !== null && key in params;
}
